package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
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
        var body = request.body();
        return ApiResponse.ok(service.verifyCode(body.string("email"), body.string("code")));
    }
}
