package org.multimedia.newsletter;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code DELETE /newsletter/subscription} (signed in, live token) → 200 {"subscribed":false}. */
public class CancelSubscriptionHandler extends ApiHandler {

    @Inject
    MailingListService service;

    public CancelSubscriptionHandler() {
    }

    public CancelSubscriptionHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(service.cancel(request.user()));
    }
}
