package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/**
 * {@code DELETE /account/me {password}} (signed in, live token) → 204; identity, subscription and
 * pending codes gone. A wrong or missing password → {@code 401 invalid_credentials}, nothing deleted.
 */
public class DeleteAccountHandler extends ApiHandler {

    @Inject
    Profiles service;

    public DeleteAccountHandler() {
    }

    public DeleteAccountHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        // Optional body: a missing password is invalid_credentials (as a wrong one), not invalid_request.
        Body body = request.optionalBody(Body.class);
        service.delete(request.user(), body.password(), request.sourceIp());
        return ApiResponse.noContent();
    }

    /** The request body: the account's password, asked again before an irreversible step. */
    @Serdeable
    record Body(@Nullable String password) {
    }
}
