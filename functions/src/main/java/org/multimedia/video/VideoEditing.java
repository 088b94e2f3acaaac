package org.multimedia.video;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.EmbeddedMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.multimedia.identity.Language;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The editors' path: declare a video (a draft, with an upload link per file to a staging key),
 * publish it once every file is in the bucket with its declared size and SHA-256 (copied to the
 * key downloads read), unpublish it. Publishing and unpublishing
 * announce the change ({@link CatalogueChanges}) so that the edge cache forgets the catalogue.
 */
@Singleton
public class VideoEditing {

    /** The metric (namespace MultimediaAccount) of a catalogue change that could not be queued. */
    static final String CHANGE_NOT_QUEUED = "CatalogueChangeNotQueued";
    private static final String METRICS_NAMESPACE = "MultimediaAccount";
    private static final Logger LOG = LoggerFactory.getLogger(VideoEditing.class);

    private final VideoStore store;
    private final VideoFiles files;
    private final Catalogue catalogue;
    private final VideoSettings settings;
    private final Provider<CatalogueChanges> changes;
    private final PublicFiles publicFiles;
    private final Clock clock;

    /** {@code changes}: looked up on the first publish or unpublish only (creating a draft changes no catalogue). */
    public VideoEditing(VideoStore store, VideoFiles files, Catalogue catalogue, VideoSettings settings,
                        Provider<CatalogueChanges> changes, PublicFiles publicFiles, Clock clock) {
        this.store = store;
        this.files = files;
        this.catalogue = catalogue;
        this.settings = settings;
        this.changes = changes;
        this.publicFiles = publicFiles;
        this.clock = clock;
    }

    public CreatedVideo create(NewVideo declaration) {
        Video draft = declaration.toDraft(UUID.randomUUID().toString());
        if (!store.create(draft)) {
            throw DomainException.unavailable(); // a UUID collision: as unlikely as a retry is harmless
        }
        List<CreatedVideo.UploadView> uploads = new ArrayList<>();
        for (Rendition r : draft.renditions()) {
            uploads.add(upload(draft.id(), r.name(), r.mimeType(), r.contentDisposition(), r.sizeBytes(), r.sha256()));
        }
        media(draft).forEach((name, m) -> uploads.add(upload(draft.id(), name, m.mimeType(),
                "inline; filename=\"" + m.filename() + "\"", m.sizeBytes(), m.sha256())));
        return new CreatedVideo(draft.id(), "draft", uploads);
    }

    private CreatedVideo.UploadView upload(String id, String name, String mimeType, String disposition, long sizeBytes,
                                           String sha256) {
        VideoFiles.Upload upload = files.presignUpload(Rendition.stagingKey(id, name), mimeType, disposition, sizeBytes,
                sha256, settings.uploadUrlValidity());
        return new CreatedVideo.UploadView(name, "PUT", upload.url(), upload.headers(),
                upload.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString(), upload.s3Uri());
    }

    /** The poster and preview a video declares, by their upload names. */
    private static Map<String, Video.Media> media(Video video) {
        Map<String, Video.Media> media = new LinkedHashMap<>();
        if (video.poster() != null) {
            media.put(Video.POSTER, video.poster());
        }
        if (video.preview() != null) {
            media.put(Video.PREVIEW, video.preview());
        }
        return media;
    }

    /**
     * Makes the video visible once every file is uploaded with its declared size ({@code 409
     * upload_missing}) and SHA-256 ({@code 409 checksum_mismatch}), and its poster and preview are
     * what they claim to be ({@code 409 invalid_media}: an image of the declared type; an MP4 of at
     * most 720 lines). Each staged upload is copied (server side) to the key it is served from
     * ({@code videos/}, or {@code public/} for the poster and preview), and the SHA-256 S3
     * computed of that copy is checked against the declared one: whatever a later PUT does to the
     * staging key (its URL lasts an hour), the served bytes are those, and only publish writes
     * them. Publishing again after an unpublish keeps the copies already checked.
     * <p>
     * {@code publishAt} (an ISO-8601 instant in the future, at most a year ahead): the video is
     * scheduled, in no list, search, detail or download until then, and appears by itself at that
     * time, which becomes its {@code publishedAt}. Without it the video is visible now, with the
     * {@code publishedAt} its editor declared (now if that is still to come).
     */
    public VideoView publish(String id, Optional<String> publishAt) {
        Video video = catalogue.any(id);
        Instant now = clock.instant();
        Optional<Instant> scheduled = publishAt.map(text -> scheduledTime(text, now));
        List<String> missing = new ArrayList<>();
        List<Rendition> toCopy = new ArrayList<>();
        for (Rendition r : video.renditions()) {
            Optional<VideoFiles.Stored> published = files.stored(Rendition.objectKey(id, r.name()));
            if (r.sha256() == null) { // declared before SHA-256s were: uploaded straight to the published key
                if (published.map(VideoFiles.Stored::sizeBytes).orElse(-1L) != r.sizeBytes()) {
                    missing.add(r.name());
                }
            } else if (!holds(published, r.sizeBytes(), r.sha256())) {
                if (staged(id, r.name(), r.sizeBytes())) {
                    toCopy.add(r);
                } else {
                    missing.add(r.name());
                }
            }
        }
        Map<String, Video.Media> media = media(video);
        Map<String, Video.Media> mediaToCopy = new LinkedHashMap<>();
        media.forEach((name, m) -> {
            // Published and read before (an unpublished video published again): kept as it is.
            boolean done = m.width() > 0 && holds(files.stored(Video.publicKey(id, name)), m.sizeBytes(), m.sha256());
            if (!done) {
                if (staged(id, name, m.sizeBytes())) {
                    mediaToCopy.put(name, m);
                } else {
                    missing.add(name);
                }
            }
        });
        if (!missing.isEmpty()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "upload_missing",
                    "Some files are not uploaded yet, or not with the size declared.", Map.of("renditions", missing), null);
        }
        List<String> mismatched = new ArrayList<>();
        for (Rendition r : toCopy) {
            if (copied(Rendition.stagingKey(id, r.name()), Rendition.objectKey(id, r.name()), r.sizeBytes(), r.sha256()).isEmpty()) {
                mismatched.add(r.name());
            }
        }
        Map<String, Video.Media> checked = new LinkedHashMap<>(media);
        List<String> invalid = new ArrayList<>();
        mediaToCopy.forEach((name, m) -> {
            String key = Video.publicKey(id, name);
            Optional<String> sha256 = copied(Rendition.stagingKey(id, name), key, m.sizeBytes(), m.sha256());
            if (sha256.isEmpty()) {
                mismatched.add(name);
                return;
            }
            Optional<Video.Media> probed = probe(key, name, m, sha256.get());
            if (probed.isEmpty()) {
                files.delete(key); // never served as the poster or preview it is not
                invalid.add(name);
            } else {
                checked.put(name, probed.get());
            }
        });
        if (!mismatched.isEmpty()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "checksum_mismatch",
                    "Some files are not the ones declared: their SHA-256 differs. Upload them again.",
                    Map.of("renditions", mismatched), null);
        }
        if (!invalid.isEmpty()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "invalid_media",
                    "The poster must be a JPEG, PNG or WebP image of the type declared, and the preview an MP4 of at most 720 lines.",
                    Map.of("renditions", invalid), null);
        }
        Video released = video.released(scheduled.isPresent() ? Video.Status.SCHEDULED : Video.Status.PUBLISHED,
                scheduled.orElse(video.publishedAt().isAfter(now) ? now.truncatedTo(ChronoUnit.SECONDS) : video.publishedAt()),
                checked.get(Video.POSTER), checked.get(Video.PREVIEW));
        if (!store.release(released)) {
            throw Catalogue.notFound();
        }
        announce(id);
        toCopy.forEach(r -> forgetStaged(id, r.name()));
        mediaToCopy.keySet().forEach(name -> forgetStaged(id, name));
        return new VideoView.Showing(Language.EN, publicFiles, null).forEditors(released);
    }

    /** Visible now. */
    public VideoView publish(String id) {
        return publish(id, Optional.empty());
    }

    /** At most a year ahead: a later date is more likely a typing error than an embargo. */
    static final java.time.Duration LONGEST_EMBARGO = java.time.Duration.ofDays(366);

    private static Instant scheduledTime(String text, Instant now) {
        Instant at;
        try {
            at = Instant.parse(text.strip()).truncatedTo(ChronoUnit.SECONDS); // the catalogue index sorts to the second
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalidRequest("'publishAt' must be a date and time such as 2026-12-24T09:00:00Z.");
        }
        if (!at.isAfter(now)) {
            throw DomainException.invalidRequest("'publishAt' must be in the future (leave it out to publish now).");
        }
        if (at.isAfter(now.plus(LONGEST_EMBARGO))) {
            throw DomainException.invalidRequest("'publishAt' must be at most a year ahead.");
        }
        return at;
    }

    /** The object is there with this size and, when one was declared, this SHA-256. */
    private static boolean holds(Optional<VideoFiles.Stored> stored, long sizeBytes, String sha256) {
        return stored.filter(p -> p.sizeBytes() == sizeBytes && (sha256 == null || p.sha256().equals(Optional.of(sha256))))
                .isPresent();
    }

    private boolean staged(String id, String name, long sizeBytes) {
        return files.stored(Rendition.stagingKey(id, name)).map(VideoFiles.Stored::sizeBytes).orElse(-1L) == sizeBytes;
    }

    /**
     * Copies a staged upload to where it is served: the SHA-256 of the copy, or empty (and nothing
     * served) when it is not the declared one.
     */
    private Optional<String> copied(String from, String to, long sizeBytes, String sha256) {
        String copied = files.copy(from, to, sizeBytes);
        if (sha256 != null && !copied.equals(sha256)) {
            files.delete(to); // never served: the video is not published, and is not now
            return Optional.empty();
        }
        return Optional.of(copied);
    }

    /** What the file at {@code key} really is, if it is the poster or preview declared: with its pixels, duration and the copy's SHA-256. */
    private Optional<Video.Media> probe(String key, String name, Video.Media declared, String sha256) {
        Optional<MediaProbe.Media> found;
        try (InputStream in = files.open(key)) {
            found = MediaProbe.probe(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + key, e);
        }
        boolean fits = found.filter(f -> name.equals(Video.POSTER) ? f.isPosterOf(declared.mimeType())
                : f.isPreviewOf(declared.mimeType())).isPresent();
        if (!fits) {
            return Optional.empty();
        }
        MediaProbe.Media f = found.get();
        return Optional.of(new Video.Media(declared.filename(), declared.mimeType(), declared.sizeBytes(), sha256,
                f.width(), f.height(), f.durationSeconds()));
    }

    /**
     * The staged upload is not needed once copied (it would double the bucket); one that cannot be
     * deleted now is removed by the bucket's lifecycle rule on {@code uploads/} (7 days).
     */
    private void forgetStaged(String id, String name) {
        try {
            files.delete(Rendition.stagingKey(id, name));
        } catch (RuntimeException e) {
            LOG.warn("Staged upload {} of video {} not deleted ({}); the bucket's lifecycle rule removes it",
                    name, id, e.getClass().getSimpleName());
        }
    }

    /** No longer listed, shown or downloadable; the files stay, so publishing again brings it back. */
    public void unpublish(String id) {
        String known = catalogue.knownId(id);
        setStatus(known, Video.Status.UNPUBLISHED);
        announce(known);
    }

    /**
     * After the write: the catalogue changed. A change that cannot be queued does not fail the
     * request, whose write is done and cannot be taken back half-way: it is logged and counted
     * (metric {@value #CHANGE_NOT_QUEUED}), and the edge serves the old catalogue until its
     * cache TTL (at most 60 s) runs out.
     */
    private void announce(String id) {
        try {
            changes.get().changed(id);
        } catch (RuntimeException e) {
            LOG.warn("Catalogue change of video {} not queued ({}); the edge cache keeps the old catalogue until its TTL",
                    id, e.getClass().getSimpleName());
            EmbeddedMetrics.count(METRICS_NAMESPACE, CHANGE_NOT_QUEUED);
        }
    }

    private void setStatus(String id, Video.Status status) {
        if (!store.setStatus(id, status)) {
            throw Catalogue.notFound();
        }
    }
}
