package org.multimedia.video.search;

import java.util.Optional;

/**
 * Where the search index is stored: one object, {@code search/index} in the video bucket
 * ({@code aws.S3SearchIndexFiles}), versioned by its ETag. Readers ask with the ETag they hold
 * and get "unchanged" for the price of a small call; writers say which version they replace, so
 * two writers can never lose each other's update.
 */
public interface SearchIndexFiles {

    /** The index's bytes and the version (ETag) they are. */
    record Stored(byte[] bytes, String etag) {
    }

    /** What a read found. */
    sealed interface Read permits Absent, Unchanged, Changed {
    }

    /** No index has been written yet. */
    record Absent() implements Read {
    }

    /** The stored index is still the version the reader holds. */
    record Unchanged() implements Read {
    }

    /** The stored index, another version than the reader holds (or the reader held none). */
    record Changed(Stored stored) implements Read {
    }

    /** The stored index, unless it is still {@code knownEtag}. */
    Read read(Optional<String> knownEtag);

    /**
     * Stores the index if the stored one is still {@code replacing} (no index at all when empty);
     * false when another writer stored a version in between (nothing is written then).
     */
    boolean write(byte[] bytes, Optional<String> replacing);
}
