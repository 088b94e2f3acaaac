package org.multimedia.video.search;

import org.multimedia.video.Video;
import org.multimedia.video.VideoFakes;
import org.multimedia.video.VideoStore;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory stand-ins for the search index's ports: the stored index (S3SearchIndexFiles) and the catalogue (DynamoVideoStore). */
final class SearchFakes {

    private SearchFakes() {
    }

    /** The index object: its bytes and an ETag that changes with every write; conditional reads and writes as S3 does them. */
    static final class Files implements SearchIndexFiles {
        private SearchIndexFiles.Stored stored;
        private int version;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger fullReads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        /** Runs once before the next write's condition is checked: another writer getting there first. */
        Runnable beforeNextWrite;
        boolean failReads;

        @Override
        public synchronized Read read(Optional<String> knownEtag) {
            reads.incrementAndGet();
            if (failReads) {
                throw new IllegalStateException("S3 is down");
            }
            if (stored == null) {
                return new Absent();
            }
            if (knownEtag.isPresent() && knownEtag.get().equals(stored.etag())) {
                return new Unchanged();
            }
            fullReads.incrementAndGet();
            return new Changed(stored);
        }

        @Override
        public synchronized boolean write(byte[] bytes, Optional<String> replacing) {
            if (beforeNextWrite != null) {
                Runnable other = beforeNextWrite;
                beforeNextWrite = null;
                other.run();
            }
            Optional<String> current = stored == null ? Optional.empty() : Optional.of(stored.etag());
            if (!current.equals(replacing)) {
                return false;
            }
            writes.incrementAndGet();
            stored = new Stored(bytes.clone(), "\"v" + (++version) + "\"");
            return true;
        }

        synchronized void put(byte[] bytes) {
            stored = new Stored(bytes.clone(), "\"v" + (++version) + "\"");
        }

        synchronized SearchIndex index() {
            return SearchIndex.decode(stored.bytes());
        }

        synchronized boolean empty() {
            return stored == null;
        }
    }

    /** The catalogue (VideoFakes.Store), counting the pages of listed() and the ids found, as the DynamoDB store answers them. */
    static final class Store extends VideoFakes.Store {
        final AtomicInteger listedPages = new AtomicInteger();
        final AtomicInteger found = new AtomicInteger();

        void put(Video video) {
            videos.put(video.id(), video);
        }

        @Override
        public List<Video> listed(int limit, Optional<Position> after) {
            listedPages.incrementAndGet();
            return super.listed(limit, after);
        }

        @Override
        public List<Video> find(Collection<String> ids) {
            if (ids.size() > 100) {
                throw new IllegalArgumentException("at most 100 ids");
            }
            found.addAndGet(ids.size());
            return super.find(ids);
        }
    }
}
