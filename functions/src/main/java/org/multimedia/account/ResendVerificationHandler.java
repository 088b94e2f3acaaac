package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /account/verify/resend {email}} → 202, as sign-up. */
public class ResendVerificationHandler extends ApiHandler {

    @Inject
    Registration registration;

    public ResendVerificationHandler() {
    }

    public ResendVerificationHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.accepted(registration.resend(request.body(Body.class).email()));
    }

    /** The request body; fields it does not declare are ignored. */
    @Serdeable
    record Body(String email) {
    }
}
