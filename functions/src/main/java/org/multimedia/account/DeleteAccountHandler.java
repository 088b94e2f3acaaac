package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code DELETE /account/me} (signed in) → 204; identity, subscription and pending codes gone. */
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
        service.delete(EmailAddress.parse(request.username()));
        return ApiResponse.noContent();
    }
}
