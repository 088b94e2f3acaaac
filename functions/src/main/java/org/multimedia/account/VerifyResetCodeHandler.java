package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /account/password/verify {email, code}} → 200 a single-use reset token. */
public class VerifyResetCodeHandler extends ApiHandler {

    @Inject
    PasswordReset service;

    public VerifyResetCodeHandler() {
    }

    public VerifyResetCodeHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Body body = request.body(Body.class);
        return ApiResponse.ok(service.verifyCode(body.email(), body.code(), request.sourceIp()));
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(String email, String code) {
    }
}
