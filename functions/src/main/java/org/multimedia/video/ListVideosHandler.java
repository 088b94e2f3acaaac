package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.identity.Language;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/**
 * {@code GET /videos?limit=&cursor=&q=&from=&to=&minDuration=&maxDuration=&lang=} → 200 a page of
 * the videos visible now (or found), newest first, in the language asked; {@code &status=draft|scheduled}
 * (editors: the route's rule holds a request with it to the group) → drafts or videos scheduled for later.
 */
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
        request.onlyQueryParameters(CatalogueQuery.PARAMETERS);
        CatalogueQuery query = new CatalogueQuery(request.queryParameter("limit"), request.queryParameter("cursor"),
                request.queryParameter("q"), request.queryParameter("from"), request.queryParameter("to"),
                request.queryParameter("minDuration"), request.queryParameter("maxDuration"), request.queryParameter("status"));
        VideoPage page = catalogue.list(query, Language.negotiate(request.queryParameter("lang"), request.header("Accept-Language")));
        // Editors' lists are theirs alone (never cached); the public one changes by itself when a scheduled video's time comes.
        return query.status().isPresent() ? ApiResponse.ok(page) : ApiResponse.ok(page).cacheFor(catalogue.freshFor(query));
    }
}
