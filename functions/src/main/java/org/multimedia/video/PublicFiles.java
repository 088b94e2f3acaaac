package org.multimedia.video;

/**
 * Where anyone may fetch a published poster or preview, without credentials: the video
 * distribution's unsigned {@code public/*} behaviour in production (long-cached, answers byte
 * ranges), S3 presigned GETs without CloudFront (the local system). Chosen by configuration
 * ({@code VIDEOS_PUBLIC_BASE_URL}); {@code aws.S3PublicFiles}.
 */
public interface PublicFiles {

    /** The URL of a key under {@code public/}. */
    String url(String objectKey);
}
