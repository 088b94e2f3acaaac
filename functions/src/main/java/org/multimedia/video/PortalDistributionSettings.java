package org.multimedia.video;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code PORTAL_DISTRIBUTION_ID}: the CloudFront distribution that caches the catalogue. Empty
 * where there is none (the local system): then nothing is invalidated.
 */
@ConfigurationProperties("portal")
public record PortalDistributionSettings(@Nullable String distributionId) {
}
