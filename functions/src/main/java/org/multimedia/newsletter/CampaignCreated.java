package org.multimedia.newsletter;

import io.micronaut.serde.annotation.Serdeable;

/** 202 answer of {@code POST /newsletter/campaigns}. */
@Serdeable
public record CampaignCreated(String campaignId, String status, long recipients) {
}
