package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.identity.Language;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code GET /videos/{id}} → 200 a published video with its description. */
public class GetVideoHandler extends ApiHandler {

    @Inject
    Catalogue catalogue;

    public GetVideoHandler() {
    }

    public GetVideoHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        request.onlyQueryParameters(java.util.Set.of("lang"));
        Language language = Language.negotiate(request.queryParameter("lang"), request.header("Accept-Language"));
        return ApiResponse.ok(catalogue.get(request.pathParameter("id"), language)).cacheFor(Catalogue.CACHE);
    }
}
