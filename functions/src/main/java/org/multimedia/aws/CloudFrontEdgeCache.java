package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.video.EdgeCache;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

import java.util.List;

/**
 * CloudFront invalidations ({@code CreateInvalidation}). The caller reference makes a retry of the
 * same request answer with the invalidation already made. A refusal (too many invalidations in
 * progress, throttling) is {@code 503}-like: the caller's messages are retried later.
 */
@Singleton
public class CloudFrontEdgeCache implements EdgeCache {

    private final CloudFrontClient cloudFront;

    public CloudFrontEdgeCache(CloudFrontClient cloudFront) {
        this.cloudFront = cloudFront;
    }

    @Override
    public void invalidate(String distributionId, List<String> paths, String reference) {
        AwsCalls.run("CreateInvalidation", () -> cloudFront.createInvalidation(r -> r.distributionId(distributionId)
                .invalidationBatch(b -> b.callerReference(reference)
                        .paths(p -> p.quantity(paths.size()).items(paths)))));
    }
}
