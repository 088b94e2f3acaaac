package org.multimedia.newsletter;

import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /newsletter/campaigns/{id}}. */
@Serdeable
public record CampaignView(String campaignId, String status, long recipients, long sent, long failed, long suppressed) {

    static CampaignView of(Campaigns.Campaign campaign) {
        return new CampaignView(campaign.content().campaignId(), campaign.status().value(), campaign.recipients(),
                campaign.sent(), campaign.failed(), campaign.suppressed());
    }
}
