package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /account/verify {email, code, password}} → 200 {@code {"status":"verified", tokens...}}. */
public class VerifyEmailHandler extends ApiHandler {

    @Inject
    Registration registration;

    public VerifyEmailHandler() {
    }

    public VerifyEmailHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Body body = request.body(Body.class);
        return ApiResponse.ok(registration.verify(body.email(), body.code(), body.password(), request.sourceIp()));
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(String email, String code, String password) {
    }
}
