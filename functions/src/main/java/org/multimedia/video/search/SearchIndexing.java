package org.multimedia.video.search;

import jakarta.inject.Singleton;
import org.multimedia.video.Video;
import org.multimedia.video.VideoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the stored search index in step with the catalogue: a batch of changed videos (published,
 * scheduled, unpublished) is read from the store ({@link VideoStore#find(Collection)}, 100 at a
 * time) and replaces their documents in the stored index, which is written back only if nobody
 * wrote it in between (else read again and redone, a few times). Without a readable index (the
 * first change after a deploy, or an index of another format) the whole index is built from the
 * store's listed videos.
 */
@Singleton
public class SearchIndexing {

    /** A full build reads the listed videos a page at a time. */
    static final int BUILD_PAGE = 250;
    /** {@link VideoStore#find(Collection)} takes at most 100 ids. */
    static final int FIND_BATCH = 100;
    /** Writers racing for the same version: this many rounds, then the batch is retried by its queue. */
    static final int ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexing.class);

    private final VideoStore store;
    private final SearchIndexFiles files;

    public SearchIndexing(VideoStore store, SearchIndexFiles files) {
        this.store = store;
        this.files = files;
    }

    /** The index after these videos changed, stored. Throws if it could not be (the changes are retried). */
    public void changed(Collection<String> videoIds) {
        Set<String> ids = new TreeSet<>(videoIds);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            SearchIndexFiles.Read read = files.read(Optional.empty());
            Optional<String> replacing = Optional.empty();
            SearchIndex index = null;
            if (read instanceof SearchIndexFiles.Changed changed) {
                replacing = Optional.of(changed.stored().etag());
                try {
                    index = SearchIndex.decode(changed.stored().bytes());
                } catch (SearchIndex.Unreadable unreadable) {
                    LOG.warn("The stored search index is unreadable ({}): building it anew", unreadable.getMessage());
                }
            }
            long started = System.nanoTime();
            String how;
            if (index == null) {
                index = build(store);
                how = "built from the catalogue";
            } else {
                index = update(index, ids);
                how = "updated";
            }
            byte[] bytes = index.encode();
            if (files.write(bytes, replacing)) {
                LOG.info("Search index {} for {} change(s): {} videos, {} words, {} bytes, {} ms", how, ids.size(),
                        index.size(), index.vocabularySize(), bytes.length, (System.nanoTime() - started) / 1_000_000);
                return;
            }
            LOG.info("The search index was written by another update meanwhile: reading it again ({} of {})", attempt, ATTEMPTS);
        }
        throw new IllegalStateException("The search index kept changing during " + ATTEMPTS + " updates");
    }

    private SearchIndex update(SearchIndex index, Set<String> ids) {
        List<Video> found = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += FIND_BATCH) {
            found.addAll(store.find(all.subList(from, Math.min(all.size(), from + FIND_BATCH))));
        }
        Set<String> gone = new HashSet<>(ids);
        found.forEach(v -> gone.remove(v.id()));
        return index.updated(found, gone);
    }

    /** The index of every listed video of the store, read a page at a time. */
    static SearchIndex build(VideoStore store) {
        List<Video> listed = new ArrayList<>();
        Optional<VideoStore.Position> after = Optional.empty();
        while (true) {
            // Until an empty page: a page may be short before the end (DynamoDB answers at most 1 MB a Query).
            List<Video> page = store.listed(BUILD_PAGE, after);
            if (page.isEmpty()) {
                return SearchIndex.of(listed);
            }
            listed.addAll(page);
            Video last = page.get(page.size() - 1);
            after = Optional.of(new VideoStore.Position(last.publishedAt(), last.id()));
        }
    }
}
