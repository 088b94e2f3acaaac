package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code GET /videos?limit=&cursor=} → 200 a page of published videos, newest first. */
public class ListVideosHandler extends ApiHandler {

    @Inject
    Catalogue catalogue;

    public ListVideosHandler() {
    }

    public ListVideosHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(catalogue.list(request.queryParameter("limit"), request.queryParameter("cursor"))).cacheFor(java.time.Duration.ofSeconds(30));
    }
}
