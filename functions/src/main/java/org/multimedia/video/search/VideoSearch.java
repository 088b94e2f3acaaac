package org.multimedia.video.search;

import org.multimedia.video.VideoStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Finds videos of the catalogue by their words and filters (the catalogue's search index). */
public interface VideoSearch {

    /**
     * The videos visible at {@code now} (published, or scheduled and their time has come) that
     * match, newest first (publishedAt, then id, both descending), strictly after {@code after}
     * when given, at most {@code limit}.
     */
    List<VideoStore.Position> find(SearchQuery query, Instant now, Optional<VideoStore.Position> after, int limit);

    /** The soonest {@code publishedAt} after {@code now} among indexed videos: when a search's answer next changes by itself. */
    Optional<Instant> nextRelease(Instant now);
}
