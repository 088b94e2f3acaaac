package org.multimedia.newsletter;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code GET /newsletter/unsubscribe?token=&lang=} → an HTML page with a confirm button (400 for a bad link); never unsubscribes: link scanners follow links. */
public class UnsubscribePageHandler extends ApiHandler {

    @Inject
    MailingListService service;

    public UnsubscribePageHandler() {
    }

    public UnsubscribePageHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        var page = service.confirmationPage(request.queryParameter("token"), request.queryParameter("lang"));
        return ApiResponse.html(page.status(), page.html());
    }
}
