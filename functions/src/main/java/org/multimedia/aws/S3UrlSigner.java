package org.multimedia.aws;

import org.multimedia.core.Primed;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.multimedia.video.UrlSigner;
import org.multimedia.video.VideoSettings;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

import java.time.Duration;

/**
 * Download links as S3 presigned GETs (the local system, and deployments without CloudFront):
 * S3 answers with the Content-Disposition the link carries, so the browser saves the file.
 */
@Singleton
@Requires(missingProperty = CloudFrontSettings.DOMAIN)
public class S3UrlSigner implements UrlSigner, Primed {

    private final S3Presigner presigner;
    private final String bucket;

    public S3UrlSigner(S3Presigner presigner, VideoSettings settings) {
        this.presigner = presigner;
        this.bucket = settings.bucket();
    }

    @Override
    public SignedUrl sign(String objectKey, String contentDisposition, Duration validity) {
        PresignedGetObjectRequest get = presigner.presignGetObject(p -> p.signatureDuration(validity)
                .getObjectRequest(o -> o.bucket(bucket).key(objectKey).responseContentDisposition(contentDisposition)));
        return new SignedUrl(get.url().toString(), get.expiration());
    }

    /** Before a snapshot: one URL signed (locally, no call) for an object that does not exist. */
    @Override
    public void prime() {
        sign("priming", "attachment", Duration.ofMinutes(1));
    }
}
