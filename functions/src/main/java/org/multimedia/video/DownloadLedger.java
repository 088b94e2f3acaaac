package org.multimedia.video;

import java.time.Instant;

/** The download audit trail and the per-user download counter, written together. */
public interface DownloadLedger {

    record Download(String sub, String videoId, String rendition, Instant at, String sourceIp) {
    }

    /**
     * Counts the download in the user's current window and records it, atomically: both or
     * neither. False (nothing written) when the window already holds {@code max} downloads.
     */
    boolean record(Download download, String windowKey, int max, Instant windowEnd);
}
