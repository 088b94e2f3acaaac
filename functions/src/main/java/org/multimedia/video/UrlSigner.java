package org.multimedia.video;

import java.time.Duration;
import java.time.Instant;

/**
 * Signs short-lived download links: CloudFront signed URLs in production, S3 presigned GET
 * URLs locally and without CloudFront (chosen by configuration).
 */
public interface UrlSigner {

    record SignedUrl(String url, Instant expiresAt) {
    }

    /** A link to the object that makes the browser save it ({@code Content-Disposition}), valid for {@code validity}. */
    SignedUrl sign(String objectKey, String contentDisposition, Duration validity);
}
