package org.multimedia.aws;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code TABLES_CAMPAIGNS}, {@code TABLES_DELIVERIES}: the campaign records and the per-recipient claims. */
@ConfigurationProperties("tables")
public record CampaignTables(String campaigns, String deliveries) {
}
