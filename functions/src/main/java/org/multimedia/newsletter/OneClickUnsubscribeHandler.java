package org.multimedia.newsletter;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /newsletter/unsubscribe?token=}: RFC 8058 one-click (form body {@code List-Unsubscribe=One-Click}) → 200 {"subscribed":false}; the page's own form → 200 an HTML page; bad token → 400 invalid_token. */
public class OneClickUnsubscribeHandler extends ApiHandler {

    @Inject
    MailingListService service;

    public OneClickUnsubscribeHandler() {
    }

    public OneClickUnsubscribeHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        if (request.formField("List-Unsubscribe").filter("One-Click"::equals).isPresent()) {
            return ApiResponse.ok(service.unsubscribe(request.queryParameter("token")));
        }
        var page = service.unsubscribeFromPage(request.queryParameter("token"), request.queryParameter("lang"));
        return ApiResponse.html(page.status(), page.html());
    }
}
