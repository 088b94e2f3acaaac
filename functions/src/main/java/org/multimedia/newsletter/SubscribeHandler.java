package org.multimedia.newsletter;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code PUT /newsletter/subscription} (signed in, live token, confirmed address) → 200 {"subscribed":true}. */
public class SubscribeHandler extends ApiHandler {

    @Inject
    MailingListService service;

    public SubscribeHandler() {
    }

    public SubscribeHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(service.subscribe(request.user()));
    }
}
