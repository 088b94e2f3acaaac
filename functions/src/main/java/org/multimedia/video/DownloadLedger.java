package org.multimedia.video;

import java.time.Duration;
import java.time.Instant;

/** The download audit trail and the per-user download counters, written together. */
public interface DownloadLedger {

    /**
     * How long a download's source IP is kept (the rest of the audit record is kept for good):
     * long enough to look into abuse, not a lasting record of where each member was.
     */
    Duration SOURCE_IP_RETENTION = Duration.ofDays(90);

    /** One download: who, which file, how many bytes it counts for, when, from where. */
    record Download(String sub, String videoId, String rendition, long sizeBytes, Instant at, String sourceIp) {
    }

    /**
     * A counter of the user's current window ({@code key} names the user and the window): this
     * download adds {@code add}, and the counter may never hold more than {@code max}; it is
     * forgotten after {@code windowEnd}.
     */
    record Counter(String key, long add, long max, Instant windowEnd) {
    }

    /** What became of a download: recorded, or refused because one of the counters is full. */
    enum Outcome { RECORDED, LINKS_USED_UP, BYTES_USED_UP }

    /**
     * Adds the download to both counters (links per hour, bytes per day) and records it (the
     * source IP apart, forgotten after {@link #SOURCE_IP_RETENTION}), atomically: all or nothing. Nothing is written when either counter would go past its
     * maximum; if both would, {@link Outcome#BYTES_USED_UP} (the longer wait).
     */
    Outcome record(Download download, Counter links, Counter bytes);
}
