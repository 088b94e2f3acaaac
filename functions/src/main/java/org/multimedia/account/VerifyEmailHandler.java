package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;
import org.multimedia.http.JsonBody;

/** {@code POST /account/verify {email, code}} → 200 {@code {"status":"verified"}}. */
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
        JsonBody body = request.body();
        return ApiResponse.ok(registration.verify(body.string("email"), body.string("code")));
    }
}
