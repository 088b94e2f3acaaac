package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

import java.util.Optional;

/** {@code POST /videos/{id}/download {rendition?}} (signed in) → 200 a short-lived link. */
public class DownloadVideoHandler extends ApiHandler {

    @Inject
    Downloads downloads;

    public DownloadVideoHandler() {
    }

    public DownloadVideoHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        Body body = request.optionalBody(Body.class);
        return ApiResponse.ok(downloads.download(request.pathParameter("id"), Optional.ofNullable(body.rendition()),
                request.user(), request.sourceIp()));
    }

    /** The request body (optional); fields it does not declare are ignored. */
    @Serdeable
    record Body(@Nullable String rendition) {
    }
}
