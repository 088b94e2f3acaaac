package org.multimedia.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;

/**
 * {@code AWS_REGION} (set by Lambda) and {@code AWS_ENDPOINT_URL} (set only to use an emulator:
 * moto or LocalStack). Nothing else differs between local and AWS.
 */
@ConfigurationProperties("aws")
public record AwsSettings(@Nullable String region, @Nullable URI endpointUrl) {
}
