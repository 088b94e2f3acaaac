package org.multimedia.video;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /videos/{id}/publish} (editors) {@code {publishAt?}} → 200 the published or scheduled video, or 409 while files are missing. */
public class PublishVideoHandler extends ApiHandler {

    @Inject
    VideoEditing editing;

    public PublishVideoHandler() {
    }

    public PublishVideoHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        String id = request.pathParameter("id");
        PublishRequest body = request.optionalBody(PublishRequest.class);
        return ApiResponse.ok(editing.publish(id, java.util.Optional.ofNullable(body.publishAt())));
    }
}
