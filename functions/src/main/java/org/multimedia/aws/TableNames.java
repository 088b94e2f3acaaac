package org.multimedia.aws;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code TABLES_*}: the DynamoDB tables template.yaml creates. */
@ConfigurationProperties("tables")
public record TableNames(String codes, String rateLimits, String subscriptions, String videos, String downloads,
                         String suppressions, String campaigns, String deliveries) {
}
