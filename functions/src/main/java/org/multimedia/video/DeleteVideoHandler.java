package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code DELETE /videos/{id}} (editors) → 204; no longer listed, shown or downloadable. */
public class DeleteVideoHandler extends ApiHandler {

    @Inject
    VideoEditing editing;

    public DeleteVideoHandler() {
    }

    public DeleteVideoHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        editing.unpublish(request.pathParameter("id"));
        return ApiResponse.noContent();
    }
}
