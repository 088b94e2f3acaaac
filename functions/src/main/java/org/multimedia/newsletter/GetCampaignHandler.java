package org.multimedia.newsletter;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code GET /newsletter/campaigns/{id}} (group marketing, live token) → 200 the campaign's progress. */
public class GetCampaignHandler extends ApiHandler {

    @Inject
    CampaignService service;

    public GetCampaignHandler() {
    }

    public GetCampaignHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.ok(service.get(request.pathParameter("id")));
    }
}
