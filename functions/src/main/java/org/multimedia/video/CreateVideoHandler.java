package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /videos} (editors) → 201 a draft and where to upload its files. */
public class CreateVideoHandler extends ApiHandler {

    @Inject
    VideoEditing editing;

    public CreateVideoHandler() {
    }

    public CreateVideoHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.created(editing.create(request.body(NewVideo.class)));
    }
}
