package org.multimedia.video.search;

import jakarta.inject.Singleton;
import org.multimedia.video.VideoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue's search: answers from the stored search index ({@link SearchIndexFiles}), decoded
 * once and kept by the container. At most every {@link SearchIndexSettings#refresh} it asks the
 * store whether a newer index was written, with the ETag it holds (a conditional GET: "unchanged"
 * costs one small call, a new index is read and decoded). When no index was ever written (before
 * the first publish after a deploy), it answers from an index built from the catalogue itself
 * and says so in the log. If the store cannot be read, the index the container holds is used.
 */
@Singleton
public class CatalogueSearch implements VideoSearch {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueSearch.class);

    private final SearchIndexFiles files;
    private final VideoStore store;
    private final Clock clock;
    private final Duration refresh;

    private SearchIndex index;
    private Optional<String> etag = Optional.empty();
    private Instant checkedAt = Instant.MIN;

    public CatalogueSearch(SearchIndexFiles files, VideoStore store, Clock clock, SearchIndexSettings settings) {
        this.files = files;
        this.store = store;
        this.clock = clock;
        this.refresh = settings.refresh();
    }

    @Override
    public List<VideoStore.Position> find(SearchQuery query, Instant now, Optional<VideoStore.Position> after, int limit) {
        return current().find(query, now, after, limit);
    }

    /**
     * When the next scheduled video appears, from the same index (no call of its own beyond the
     * refresh): what a list page may be cached until, without a Query per request.
     */
    @Override
    public Optional<Instant> nextRelease(Instant now) {
        return current().nextRelease(now);
    }

    /** The index to answer from: the one held, or a newer one when it is time to ask. */
    synchronized SearchIndex current() {
        Instant at = clock.instant();
        if (index != null && at.isBefore(checkedAt.plus(refresh))) {
            return index;
        }
        SearchIndexFiles.Read read;
        try {
            read = files.read(etag);
        } catch (RuntimeException e) {
            if (index == null) {
                throw e;
            }
            LOG.warn("The search index could not be read ({}): answering from the one this container holds",
                    e.getClass().getSimpleName());
            checkedAt = at;
            return index;
        }
        if (read instanceof SearchIndexFiles.Changed changed) {
            long started = System.nanoTime();
            try {
                index = SearchIndex.decode(changed.stored().bytes());
                etag = Optional.of(changed.stored().etag());
                LOG.info("Search index read: {} videos, {} bytes, decoded in {} ms", index.size(),
                        changed.stored().bytes().length, (System.nanoTime() - started) / 1_000_000);
            } catch (SearchIndex.Unreadable unreadable) {
                LOG.warn("The stored search index is unreadable ({}): answering from the catalogue until it is rebuilt",
                        unreadable.getMessage());
                index = SearchIndexing.build(store);
                etag = Optional.of(changed.stored().etag()); // not read again until it is rewritten
            }
        } else if (read instanceof SearchIndexFiles.Absent && index == null) {
            // Built once per container: the next read sees the index the first change writes.
            LOG.info("No search index stored yet: answering from an index built from the catalogue");
            index = SearchIndexing.build(store);
        }
        checkedAt = at;
        return index;
    }
}
