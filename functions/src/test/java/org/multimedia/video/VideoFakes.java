package org.multimedia.video;

import org.multimedia.testing.MutableClock;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.multimedia.video.VideoStore.Position;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory stand-ins for the video feature's ports (VideoStore, VideoFiles, DownloadLedger,
 * UrlSigner, CatalogueChanges, EdgeCache), so its services are tested without AWS. They keep the adapters' contracts: the
 * store lists published videos only, newest first; the ledger counts and records together or not at all.
 */
public final class VideoFakes {

    private VideoFakes() {
    }

    /** The catalogue table (the adapter: DynamoVideoStore). */
    public static class Store implements VideoStore {
        public final Map<String, Video> videos = new ConcurrentHashMap<>();

        @Override
        public Optional<Video> find(String id) {
            return Optional.ofNullable(videos.get(id));
        }

        private static final Comparator<Video> NEWEST_FIRST =
                Comparator.comparing(Video::publishedAt).thenComparing(Video::id).reversed();

        private List<Video> page(java.util.function.Predicate<Video> which, int limit, Optional<Position> after) {
            return videos.values().stream().filter(which).sorted(NEWEST_FIRST)
                    .filter(v -> after.isEmpty() || NEWEST_FIRST.compare(v, stand(after.get())) > 0)
                    .limit(limit).toList();
        }

        @Override
        public List<Video> visible(Instant now, int limit, Optional<Position> after) {
            return page(v -> v.listed() && !v.publishedAt().isAfter(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                    limit, after);
        }

        @Override
        public Optional<Instant> nextRelease(Instant now) {
            return videos.values().stream().filter(Video::listed).map(Video::publishedAt)
                    .filter(at -> at.isAfter(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).min(Comparator.naturalOrder());
        }

        @Override
        public List<Video> listed(int limit, Optional<Position> after) {
            return page(Video::listed, limit, after);
        }

        @Override
        public List<Video> scheduled(Instant now, int limit, Optional<Position> after) {
            return page(v -> v.listed() && v.publishedAt().isAfter(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                    limit, after);
        }

        @Override
        public List<Video> drafts(int limit, Optional<Position> after) {
            return page(v -> v.status() == Video.Status.DRAFT, limit, after);
        }

        @Override
        public boolean release(Video released) {
            return videos.computeIfPresent(released.id(), (k, v) -> released) != null;
        }

        @Override
        public List<Video> find(java.util.Collection<String> ids) {
            return ids.stream().distinct().map(videos::get).filter(java.util.Objects::nonNull).toList();
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

    /**
     * The video bucket (the adapter: S3VideoFiles): the bytes at each object key. Like S3 with a
     * signed {@code x-amz-checksum-sha256}, an upload whose bytes are not the declared SHA-256 is
     * refused ({@link #upload}); {@link #overwrite} stands for moto, which stores them anyway.
     */
    static final class Files implements VideoFiles {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        final Map<String, String> declared = new ConcurrentHashMap<>();
        final List<String> presigned = new ArrayList<>();
        final List<String> copies = new ArrayList<>();
        private final Clock clock;

        Files(Clock clock) {
            this.clock = clock;
        }

        /** An editor's PUT to a presigned URL; false (S3's 400 BadDigest) when the bytes are not those declared. */
        boolean upload(String objectKey, byte[] content) {
            if (!sha256(content).equals(declared.get(objectKey))) {
                return false;
            }
            objects.put(objectKey, content.clone());
            return true;
        }

        /** A PUT that skips the checksum check (moto; or a key nobody presigned). */
        void overwrite(String objectKey, byte[] content) {
            objects.put(objectKey, content.clone());
        }

        @Override
        public Upload presignUpload(String objectKey, String mimeType, String contentDisposition, long sizeBytes, String sha256,
                                    Duration validity) {
            presigned.add(objectKey);
            Map<String, String> headers = new HashMap<>(Map.of("Content-Type", mimeType, "Content-Disposition", contentDisposition));
            if (sha256 != null) { // none declared: S3 takes any bytes
                declared.put(objectKey, sha256);
                headers.put("x-amz-checksum-sha256", sha256);
            }
            return new Upload("https://bucket.example/" + objectKey + "?signed", Map.copyOf(headers),
                    clock.instant().plus(validity), "s3://bucket/" + objectKey);
        }

        @Override
        public Optional<Stored> stored(String objectKey) {
            byte[] content = objects.get(objectKey);
            return content == null ? Optional.empty() : Optional.of(new Stored(content.length, Optional.of(sha256(content))));
        }

        @Override
        public synchronized String copy(String fromKey, String toKey, long sizeBytes) {
            byte[] content = objects.get(fromKey);
            if (content == null) {
                throw new IllegalStateException("NoSuchKey " + fromKey);
            }
            copies.add(fromKey + " -> " + toKey);
            objects.put(toKey, content.clone());
            return sha256(content);
        }

        @Override
        public void delete(String objectKey) {
            objects.remove(objectKey);
        }

        @Override
        public java.io.InputStream open(String objectKey) {
            byte[] content = objects.get(objectKey);
            if (content == null) {
                throw new IllegalStateException("NoSuchKey " + objectKey);
            }
            return new java.io.ByteArrayInputStream(content);
        }

        static String sha256(byte[] content) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Public URLs (the adapter: S3PublicFiles): the video distribution's. */
    static final class Public implements PublicFiles {
        @Override
        public String url(String objectKey) {
            return "https://videos.example/" + objectKey;
        }
    }

    /**
     * The search index (the adapter: search.CatalogueSearch), read straight from the store: every
     * word starts a word of a text in some language, filters inclusive, visible at {@code now}.
     */
    static final class Search implements org.multimedia.video.search.VideoSearch {
        private final Store store;

        Search(Store store) {
            this.store = store;
        }

        @Override
        public List<Position> find(org.multimedia.video.search.SearchQuery query, Instant now, Optional<Position> after,
                                   int limit) {
            return store.visible(now, Integer.MAX_VALUE, after).stream().filter(v -> matches(v, query)).limit(limit)
                    .map(v -> new Position(v.publishedAt(), v.id())).toList();
        }

        @Override
        public Optional<Instant> nextRelease(Instant now) {
            return store.nextRelease(now);
        }

        private static boolean matches(Video v, org.multimedia.video.search.SearchQuery query) {
            StringBuilder text = new StringBuilder(v.title() + " " + v.summary() + " " + v.description());
            v.translations().values().forEach(t -> text.append(' ').append(t.title()).append(' ').append(t.summary())
                    .append(' ').append(t.description()));
            List<String> words = org.multimedia.video.search.SearchText.words(text.toString());
            return query.words().stream().allMatch(q -> words.stream().anyMatch(w -> w.startsWith(q)))
                    && query.from().map(f -> !v.publishedAt().isBefore(f)).orElse(true)
                    && query.to().map(t -> !v.publishedAt().isAfter(t)).orElse(true)
                    && (query.minDuration().isEmpty() || v.durationSeconds() >= query.minDuration().getAsInt())
                    && (query.maxDuration().isEmpty() || v.durationSeconds() <= query.maxDuration().getAsInt());
        }
    }

    /** The downloads table, the grants and the rate-limit counters (the adapter: DynamoDownloadLedger, one transaction). */
    public static class Ledger implements DownloadLedger {
        private static final java.time.format.DateTimeFormatter ID_TIME =
                java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        /** The counted downloads, oldest first. */
        public final List<Download> downloads = new ArrayList<>();
        final List<String> downloadIds = new ArrayList<>();
        public final Map<String, Long> counters = new HashMap<>();
        final Map<String, Grant> grants = new HashMap<>();

        private static String key(String sub, FileKey file) {
            return sub + "#" + file.videoId() + "#" + file.rendition();
        }

        @Override
        public synchronized Map<FileKey, Grant> grants(String sub, java.util.Collection<FileKey> files) {
            Map<FileKey, Grant> found = new HashMap<>();
            files.forEach(f -> Optional.ofNullable(grants.get(key(sub, f))).ifPresent(g -> found.put(f, g)));
            return found;
        }

        @Override
        public synchronized Outcome record(String sub, List<Entry> entries, Counter links, Counter bytes) {
            if (bytes.add() > 0 && counters.getOrDefault(bytes.key(), 0L) + bytes.add() > bytes.max()) {
                return Outcome.BYTES_USED_UP;
            }
            if (links.add() > 0 && counters.getOrDefault(links.key(), 0L) + links.add() > links.max()) {
                return Outcome.LINKS_USED_UP;
            }
            for (Entry entry : entries) {
                if (!Optional.ofNullable(grants.get(key(sub, entry.download().file()))).equals(entry.before())) {
                    return Outcome.RACED;
                }
            }
            if (links.add() > 0) {
                counters.merge(links.key(), links.add(), Long::sum);
            }
            if (bytes.add() > 0) {
                counters.merge(bytes.key(), bytes.add(), Long::sum);
            }
            for (Entry entry : entries) {
                grants.put(key(sub, entry.download().file()), entry.after());
                if (entry.counted()) {
                    downloadIds.add(ID_TIME.format(entry.download().at()) + "#" + String.format("%012x", downloads.size()));
                    downloads.add(entry.download());
                }
            }
            return Outcome.RECORDED;
        }

        @Override
        public synchronized HistoryPage history(String sub, int limit, Optional<String> after) {
            List<Integer> mine = new ArrayList<>();
            for (int i = downloads.size() - 1; i >= 0; i--) {
                if (downloads.get(i).sub().equals(sub)) {
                    mine.add(i);
                }
            }
            List<Integer> page = mine.stream().filter(i -> after.map(a -> downloadIds.get(i).compareTo(a) < 0).orElse(true))
                    .limit(limit + 1L).toList();
            List<Past> items = page.stream().limit(limit).map(i -> {
                Download d = downloads.get(i);
                return new Past(d.videoId(), d.title(), d.rendition(), d.filename(), d.sizeBytes(), d.sha256(), d.at());
            }).toList();
            return new HistoryPage(items, page.size() > limit ? Optional.of(downloadIds.get(page.get(limit - 1))) : Optional.empty());
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
