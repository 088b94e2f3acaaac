package org.multimedia.video;

import org.multimedia.testing.MutableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory stand-ins for the video feature's ports (VideoStore, VideoFiles, DownloadLedger,
 * UrlSigner, CatalogueChanges, EdgeCache), so its services are tested without AWS. They keep the adapters' contracts: the
 * store lists published videos only, newest first; the ledger counts and records together or not at all.
 */
final class VideoFakes {

    private VideoFakes() {
    }

    /** The catalogue table (the adapter: DynamoVideoStore). */
    static final class Store implements VideoStore {
        final Map<String, Video> videos = new ConcurrentHashMap<>();

        @Override
        public Optional<Video> find(String id) {
            return Optional.ofNullable(videos.get(id));
        }

        @Override
        public List<Video> published(int limit, Optional<Position> after) {
            Comparator<Video> newestFirst = Comparator.comparing(Video::publishedAt).thenComparing(Video::id).reversed();
            return videos.values().stream().filter(Video::published).sorted(newestFirst)
                    .filter(v -> after.isEmpty() || newestFirst.compare(v, stand(after.get())) > 0)
                    .limit(limit).toList();
        }

        private static Video stand(Position position) {
            return new Video(position.id(), "", "", "", position.publishedAt(), 0, List.of(), Video.Status.PUBLISHED);
        }

        @Override
        public boolean create(Video draft) {
            return videos.putIfAbsent(draft.id(), draft) == null;
        }

        @Override
        public boolean setStatus(String id, Video.Status status) {
            return videos.computeIfPresent(id, (k, v) -> v.withStatus(status)) != null;
        }
    }

    /** The video bucket (the adapter: S3VideoFiles): what editors uploaded, by object key. */
    static final class Files implements VideoFiles {
        final Map<String, Long> objects = new ConcurrentHashMap<>();
        final List<String> presigned = new ArrayList<>();
        private final Clock clock;

        Files(Clock clock) {
            this.clock = clock;
        }

        /** An editor's PUT of {@code sizeBytes} bytes to the key. */
        void upload(String objectKey, long sizeBytes) {
            objects.put(objectKey, sizeBytes);
        }

        @Override
        public Upload presignUpload(String objectKey, String mimeType, String contentDisposition, long sizeBytes, Duration validity) {
            presigned.add(objectKey);
            return new Upload("https://bucket.example/" + objectKey + "?signed",
                    Map.of("Content-Type", mimeType, "Content-Disposition", contentDisposition),
                    clock.instant().plus(validity), "s3://bucket/" + objectKey);
        }

        @Override
        public OptionalLong size(String objectKey) {
            Long size = objects.get(objectKey);
            return size == null ? OptionalLong.empty() : OptionalLong.of(size);
        }
    }

    /** The downloads table and the rate-limit counters (the adapter: DynamoDownloadLedger, one transaction). */
    static final class Ledger implements DownloadLedger {
        final List<Download> downloads = new ArrayList<>();
        final Map<String, Long> counters = new HashMap<>();

        @Override
        public synchronized Outcome record(Download download, Counter links, Counter bytes) {
            boolean linksFit = counters.getOrDefault(links.key(), 0L) + links.add() <= links.max();
            boolean bytesFit = counters.getOrDefault(bytes.key(), 0L) + bytes.add() <= bytes.max();
            if (!bytesFit) {
                return Outcome.BYTES_USED_UP;
            }
            if (!linksFit) {
                return Outcome.LINKS_USED_UP;
            }
            counters.merge(links.key(), links.add(), Long::sum);
            counters.merge(bytes.key(), bytes.add(), Long::sum);
            downloads.add(download);
            return Outcome.RECORDED;
        }
    }

    /** The catalogue changes queue (the adapter: SqsCatalogueChanges): the video ids queued, or a failure. */
    static final class Changes implements CatalogueChanges {
        final List<String> queued = new ArrayList<>();
        volatile boolean failing;

        @Override
        public synchronized void changed(String videoId) {
            if (failing) {
                throw new IllegalStateException("queue unavailable");
            }
            queued.add(videoId);
        }
    }

    /** The CDN (the adapter: CloudFrontEdgeCache): the invalidations asked for. */
    static final class Edge implements EdgeCache {
        record Invalidation(String distributionId, List<String> paths, String reference) {
        }

        final List<Invalidation> invalidations = new ArrayList<>();
        volatile boolean failing;

        @Override
        public synchronized void invalidate(String distributionId, List<String> paths, String reference) {
            if (failing) {
                throw new IllegalStateException("TooManyInvalidationsInProgress");
            }
            invalidations.add(new Invalidation(distributionId, List.copyOf(paths), reference));
        }
    }

    /** Link signing (the adapters: CloudFrontUrlSigner, S3UrlSigner): what was signed, for how long. */
    static final class Signer implements UrlSigner {
        final List<String> signed = new ArrayList<>();
        private final Clock clock;

        Signer(Clock clock) {
            this.clock = clock;
        }

        @Override
        public SignedUrl sign(String objectKey, String contentDisposition, Duration validity) {
            signed.add(objectKey);
            return new SignedUrl("https://cdn.example/" + objectKey + "?Signature=fake",
                    clock.instant().plus(validity).plusMillis(250));
        }
    }

}
