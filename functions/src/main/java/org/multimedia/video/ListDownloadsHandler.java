package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

import java.util.Set;

/** {@code GET /account/downloads?limit=&cursor=} (signed in) → 200 the caller's downloads, newest first. */
public class ListDownloadsHandler extends ApiHandler {

    @Inject
    DownloadHistory history;

    public ListDownloadsHandler() {
    }

    public ListDownloadsHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        request.onlyQueryParameters(Set.of("limit", "cursor"));
        return ApiResponse.ok(history.page(request.user(), request.queryParameter("limit"), request.queryParameter("cursor")));
    }
}
