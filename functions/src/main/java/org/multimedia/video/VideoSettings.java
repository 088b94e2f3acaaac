package org.multimedia.video;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code VIDEOS_*}: the bucket the files live in, how long signed links last, and the
 * per-user download limit, how long a download link lives ({@link #downloadLinkLife}), and where posters and previews are served from ({@code
 * VIDEOS_PUBLIC_BASE_URL}: the video distribution; empty: S3 presigned GETs). CloudFront signing has its own settings ({@code VIDEOS_CLOUDFRONT_*}).
 */
@ConfigurationProperties("videos")
public record VideoSettings(
        @Nullable String bucket,
        @Bindable(defaultValue = "10m") Duration downloadUrlValidity,
        @Bindable(defaultValue = "1h") Duration uploadUrlValidity,
        @Bindable(defaultValue = "30") int maxDownloadsPerHour,
        @Nullable String publicBaseUrl,
        @Bindable(defaultValue = "20000000") long downloadAssumedBitsPerSecond,
        @Bindable(defaultValue = "12h") Duration downloadUrlMaxValidity) {

    /** Without a public base URL: posters and previews by S3 presigned GETs; links sized for 20 Mbit/s, 12 h at most. */
    public VideoSettings(String bucket, Duration downloadUrlValidity, Duration uploadUrlValidity, int maxDownloadsPerHour) {
        this(bucket, downloadUrlValidity, uploadUrlValidity, maxDownloadsPerHour, null, 20_000_000, Duration.ofHours(12));
    }

    /**
     * How long a download link for a file of {@code sizeBytes} lasts: {@code downloadUrlValidity}
     * (the time to start) plus the time to move the whole file at {@code downloadAssumedBitsPerSecond},
     * at most {@code downloadUrlMaxValidity}; so a link outlives a large transfer at a modest
     * speed (and its resumptions), while a small file's link stays short.
     */
    public Duration downloadLinkLife(long sizeBytes) {
        long transferSeconds = (long) Math.ceil(sizeBytes * 8.0 / downloadAssumedBitsPerSecond);
        Duration life = downloadUrlValidity.plusSeconds(transferSeconds);
        return life.compareTo(downloadUrlMaxValidity) > 0 ? downloadUrlMaxValidity : life;
    }
}
