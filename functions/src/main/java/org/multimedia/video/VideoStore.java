package org.multimedia.video;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue's storage (a DynamoDB table with a sparse index of listed videos, keyed on their
 * {@code publishedAt}, and one of drafts). Every list is newest first ({@code publishedAt}, then
 * {@code id}, both descending) and continues strictly after {@code after} when given.
 */
public interface VideoStore {

    /** Where a page of a list ends: the next page starts after it. */
    record Position(Instant publishedAt, String id) {
    }

    Optional<Video> find(String id);

    /** Up to {@code limit} videos visible at {@code now}: listed, and {@code publishedAt} not after {@code now}. */
    List<Video> visible(Instant now, int limit, Optional<Position> after);

    /** The soonest {@code publishedAt} after {@code now} of a listed video: when the public list next changes by itself. */
    Optional<Instant> nextRelease(Instant now);

    /**
     * Up to {@code limit} listed videos (published and scheduled, whatever their time): what a
     * search index is built from.
     */
    List<Video> listed(int limit, Optional<Position> after);

    /** Up to {@code limit} listed videos whose {@code publishedAt} is after {@code now} (not yet visible): for editors. */
    List<Video> scheduled(Instant now, int limit, Optional<Position> after);

    /** Up to {@code limit} drafts (declared, never published): for editors. */
    List<Video> drafts(int limit, Optional<Position> after);

    /** The videos with these ids that exist (any status), in no particular order; at most 100 ids. */
    List<Video> find(Collection<String> ids);

    /** Stores a new draft; false when the id is taken. */
    boolean create(Video draft);

    /**
     * Writes what publish decided, in one write: the status (published or scheduled), the
     * {@code publishedAt} and what publish read of the poster and preview. False when there is
     * no video with that id.
     */
    boolean release(Video released);

    /** Sets the status of an existing video; false when there is none with that id. */
    boolean setStatus(String id, Video.Status status);
}
