package org.multimedia.video;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The catalogue's storage (a DynamoDB table with a sparse index of published videos). */
public interface VideoStore {

    /** Where a page of the published list ends: the next page starts after it. */
    record Position(Instant publishedAt, String id) {
    }

    Optional<Video> find(String id);

    /** Up to {@code limit} published videos, newest first, after {@code after} when given. */
    List<Video> published(int limit, Optional<Position> after);

    /**
     * Up to {@code limit} listed videos (published and scheduled, whatever their time), newest
     * first, after {@code after} when given: what a search index is built from.
     */
    List<Video> listed(int limit, Optional<Position> after);

    /** The videos with these ids that exist (any status), in no particular order; at most 100 ids. */
    List<Video> find(Collection<String> ids);

    /** Stores a new draft; false when the id is taken. */
    boolean create(Video draft);

    /** Sets the status of an existing video; false when there is none with that id. */
    boolean setStatus(String id, Video.Status status);
}
