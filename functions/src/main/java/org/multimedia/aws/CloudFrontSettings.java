package org.multimedia.aws;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code VIDEOS_CLOUDFRONT_*}, set by template.yaml only when the stack has a distribution: its
 * domain, the id of the public key in its trusted key group, and the Secrets Manager secret that
 * holds the matching private key (PKCS#8 PEM).
 */
@ConfigurationProperties("videos.cloudfront")
public record CloudFrontSettings(String domain, String keyPairId, String privateKeySecretId) {

    static final String DOMAIN = "videos.cloudfront.domain";
}
