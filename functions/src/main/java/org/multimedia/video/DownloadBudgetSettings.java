package org.multimedia.video;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code DOWNLOAD_BYTES_PER_DAY} (template parameter DownloadBytesPerDay): how many bytes of
 * files one user may be handed links for per UTC day, counted when a link is issued (the
 * rendition's declared size, whether or not the file is then fetched in full).
 */
@ConfigurationProperties("download")
public record DownloadBudgetSettings(long bytesPerDay) {
}
