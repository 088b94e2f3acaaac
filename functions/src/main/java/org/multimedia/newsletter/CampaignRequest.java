package org.multimedia.newsletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code POST /newsletter/campaigns} body. */
@Serdeable
public record CampaignRequest(@Nullable String campaignId, String subject, String html, String text,
                              @Nullable String language, @Nullable List<String> testRecipients) {
}
