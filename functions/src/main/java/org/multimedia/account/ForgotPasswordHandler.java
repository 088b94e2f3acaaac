package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /account/password/forgot {email}} → 202, for every address. */
public class ForgotPasswordHandler extends ApiHandler {

    @Inject
    PasswordReset service;

    public ForgotPasswordHandler() {
    }

    public ForgotPasswordHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.accepted(service.forgot(request.body(Body.class).email()));
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(String email) {
    }
}
