package org.multimedia.video;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code VIDEOS_*}: the bucket the files live in, how long signed links last, and the
 * per-user download limit, and where posters and previews are served from ({@code
 * VIDEOS_PUBLIC_BASE_URL}: the video distribution; empty: S3 presigned GETs). CloudFront signing has its own settings ({@code VIDEOS_CLOUDFRONT_*}).
 */
@ConfigurationProperties("videos")
public record VideoSettings(
        @Nullable String bucket,
        @Bindable(defaultValue = "10m") Duration downloadUrlValidity,
        @Bindable(defaultValue = "1h") Duration uploadUrlValidity,
        @Bindable(defaultValue = "30") int maxDownloadsPerHour,
        @Nullable String publicBaseUrl) {

    /** Without a public base URL: posters and previews by S3 presigned GETs. */
    public VideoSettings(String bucket, Duration downloadUrlValidity, Duration uploadUrlValidity, int maxDownloadsPerHour) {
        this(bucket, downloadUrlValidity, uploadUrlValidity, maxDownloadsPerHour, null);
    }
}
