package org.multimedia.video;

import java.util.List;

/** The CDN in front of the API (CloudFront in production; {@code aws.CloudFrontEdgeCache}). */
public interface EdgeCache {

    /**
     * Asks the distribution to forget what it cached under {@code paths} (CloudFront invalidation
     * paths: a {@code *} only at the end). {@code reference} names the request: the same reference
     * again is the same request, not a second invalidation.
     */
    void invalidate(String distributionId, List<String> paths, String reference);
}
