package org.multimedia.video;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The download audit trail (which is also each member's history), the member's live links, and
 * the per-user download counters, written together.
 */
public interface DownloadLedger {

    /**
     * How long a download's source IP is kept (the rest of the audit record is kept for good):
     * long enough to look into abuse, not a lasting record of where each member was.
     */
    Duration SOURCE_IP_RETENTION = Duration.ofDays(90);

    /** One file of one video. */
    record FileKey(String videoId, String rendition) {
    }

    /**
     * A member's link to one file: until when the latest one handed out works, and the UTC day
     * ({@code FixedWindow} number) whose byte budget the file was last counted in.
     */
    record Grant(Instant until, long bytesDay) {
    }

    /** One download: who, which file (what it was called then, its size and SHA-256), when, from where. */
    record Download(String sub, String videoId, String rendition, String title, String filename, long sizeBytes,
                    String sha256, Instant at, String sourceIp) {

        public FileKey file() {
            return new FileKey(videoId, rendition);
        }
    }

    /**
     * One file of a request: the download; the member's grant for it as read before ({@code
     * before}, empty when there was none) and as it becomes; {@code counted}: a new download (an
     * audit record, and one of the hour's links) rather than a link again while one lives.
     */
    record Entry(Download download, Optional<Grant> before, Grant after, boolean counted) {
    }

    /**
     * A counter of the user's current window ({@code key} names the user and the window): this
     * request adds {@code add}, and the counter may never hold more than {@code max}; it is
     * forgotten after {@code windowEnd}.
     */
    record Counter(String key, long add, long max, Instant windowEnd) {
    }

    /**
     * What became of a request: recorded; refused because a counter is full; or {@code RACED}:
     * another request changed one of the grants since they were read (nothing written; read again).
     */
    enum Outcome { RECORDED, LINKS_USED_UP, BYTES_USED_UP, RACED }

    /** The member's grants for these files (a consistent read); files without one are absent. */
    Map<FileKey, Grant> grants(String sub, Collection<FileKey> files);

    /**
     * Writes every entry's grant (only if it is still as read), the audit record of every counted
     * one (the source IP apart, forgotten after {@link #SOURCE_IP_RETENTION}), and adds to both
     * counters (a counter adding nothing is not touched), atomically: all or nothing. Nothing is
     * written when a counter would go past its maximum; if both would, {@link Outcome#BYTES_USED_UP}
     * (the longer wait).
     */
    Outcome record(String sub, List<Entry> entries, Counter links, Counter bytes);

    /** One download of a member's history. */
    record Past(String videoId, String title, String rendition, String filename, long sizeBytes, String sha256,
                Instant downloadedAt) {
    }

    /** A page of history; {@code next}: where the next page starts, empty on the last. */
    record HistoryPage(List<Past> items, Optional<String> next) {
    }

    /** The member's downloads, newest first, {@code limit} at most, after the position {@code after}. */
    HistoryPage history(String sub, int limit, Optional<String> after);
}
