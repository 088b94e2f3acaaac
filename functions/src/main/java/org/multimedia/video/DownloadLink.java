package org.multimedia.video;

import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /videos/{id}/download} → a short-lived link, when it stops working, and the file's name. */
@Serdeable
public record DownloadLink(String url, String expiresAt, String filename) {
}
