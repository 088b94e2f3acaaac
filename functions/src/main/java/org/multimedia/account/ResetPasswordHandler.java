package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /account/password/reset {resetToken, password}} → 200 {@code {"status":"password_updated"}}. */
public class ResetPasswordHandler extends ApiHandler {

    @Inject
    PasswordReset service;

    public ResetPasswordHandler() {
    }

    public ResetPasswordHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Body body = request.body(Body.class);
        return ApiResponse.ok(service.reset(body.resetToken(), body.password()));
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(String resetToken, String password) {
    }
}
