package org.multimedia.newsletter;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.http.ApiHandler;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;

/** {@code POST /newsletter/campaigns} (group marketing, live token) → 202 {campaignId, status, recipients}. */
public class CreateCampaignHandler extends ApiHandler {

    @Inject
    CampaignService service;

    public CreateCampaignHandler() {
    }

    public CreateCampaignHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApiResponse handle(ApiRequest request) {
        return ApiResponse.accepted(service.create(request.user(), request.body(CampaignRequest.class)));
    }
}
