package org.multimedia.video;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code VIDEOS_*}: the bucket the files live in, how long signed links last, and the
 * per-user download limit. CloudFront signing has its own settings ({@code VIDEOS_CLOUDFRONT_*}).
 */
@ConfigurationProperties("videos")
public record VideoSettings(
        @Nullable String bucket,
        @Bindable(defaultValue = "10m") Duration downloadUrlValidity,
        @Bindable(defaultValue = "1h") Duration uploadUrlValidity,
        @Bindable(defaultValue = "30") int maxDownloadsPerHour) {
}
