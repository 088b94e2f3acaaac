package org.multimedia.newsletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code POST /newsletter/campaigns} body. {@code campaignId} is required (checked by the service,
 * which names it in its {@code 400}): {@code @Nullable} only so that its absence is told as such.
 */
@Serdeable
public record CampaignRequest(@Nullable String campaignId, String subject, String html, String text,
                              @Nullable String language, @Nullable List<String> testRecipients) {
}
