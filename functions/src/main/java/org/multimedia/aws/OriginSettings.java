package org.multimedia.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code ORIGIN_SECRET_ID}: the Secrets Manager secret (template.yaml {@code OriginSecret}) whose
 * value CloudFront sends to the API in {@code X-Origin-Verify}. Unset, every request is refused
 * (a function that cannot check where a request came from serves nobody).
 */
@ConfigurationProperties("origin")
public record OriginSettings(@Nullable String secretId) {
}
