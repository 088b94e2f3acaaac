package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.video.PublicFiles;
import org.multimedia.video.VideoSettings;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/**
 * Posters' and previews' URLs: {@code {VIDEOS_PUBLIC_BASE_URL}/{key}} (the video distribution)
 * when the base is set; otherwise an S3 presigned GET valid {@link #PRESIGNED_VALIDITY} (signing
 * is local: no call). A presigned URL signed with a role's temporary credentials stops working
 * when they expire, possibly sooner: the page that showed it is reloaded by then.
 */
@Singleton
public class S3PublicFiles implements PublicFiles {

    static final Duration PRESIGNED_VALIDITY = Duration.ofHours(12);

    private final S3Presigner presigner;
    private final String bucket;
    private final String base;

    public S3PublicFiles(S3Presigner presigner, VideoSettings settings) {
        this.presigner = presigner;
        this.bucket = settings.bucket();
        String configured = settings.publicBaseUrl();
        this.base = configured == null || configured.isBlank() ? null : configured.strip().replaceAll("/+$", "");
    }

    @Override
    public String url(String objectKey) {
        if (!objectKey.startsWith("public/")) {
            throw new IllegalArgumentException("Only public/ is served without a signature: " + objectKey);
        }
        if (base != null) {
            return base + "/" + objectKey;
        }
        return presigner.presignGetObject(p -> p.signatureDuration(PRESIGNED_VALIDITY)
                .getObjectRequest(g -> g.bucket(bucket).key(objectKey))).url().toString();
    }
}
