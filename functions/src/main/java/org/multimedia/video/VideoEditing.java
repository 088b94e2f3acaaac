package org.multimedia.video;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.EmbeddedMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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

    /** {@code changes}: looked up on the first publish or unpublish only (creating a draft changes no catalogue). */
    public VideoEditing(VideoStore store, VideoFiles files, Catalogue catalogue, VideoSettings settings,
                        Provider<CatalogueChanges> changes) {
        this.store = store;
        this.files = files;
        this.catalogue = catalogue;
        this.settings = settings;
        this.changes = changes;
    }

    public CreatedVideo create(NewVideo declaration) {
        Video draft = declaration.toDraft(UUID.randomUUID().toString());
        if (!store.create(draft)) {
            throw DomainException.unavailable(); // a UUID collision: as unlikely as a retry is harmless
        }
        List<CreatedVideo.UploadView> uploads = draft.renditions().stream().map(r -> {
            VideoFiles.Upload upload = files.presignUpload(Rendition.stagingKey(draft.id(), r.name()), r.mimeType(),
                    r.contentDisposition(), r.sizeBytes(), r.sha256(), settings.uploadUrlValidity());
            return new CreatedVideo.UploadView(r.name(), "PUT", upload.url(), upload.headers(),
                    upload.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString(), upload.s3Uri());
        }).toList();
        return new CreatedVideo(draft.id(), "draft", uploads);
    }

    /**
     * Makes the video visible once every file is uploaded with its declared size ({@code 409
     * upload_missing}) and SHA-256 ({@code 409 checksum_mismatch}). Each staged upload is copied
     * (server side) to the published key, and the SHA-256 S3 computed of that copy is checked
     * against the declared one: whatever a later PUT does to the staging key (its URL lasts an
     * hour), the published bytes are those, and only publish writes them. Publishing again after
     * an unpublish keeps the copy already checked.
     */
    public VideoView publish(String id) {
        Video video = catalogue.any(id);
        List<String> missing = new ArrayList<>();
        List<Rendition> toCopy = new ArrayList<>();
        for (Rendition r : video.renditions()) {
            Optional<VideoFiles.Stored> published = files.stored(Rendition.objectKey(id, r.name()));
            if (r.sha256() == null) { // declared before SHA-256s were: uploaded straight to the published key
                if (published.map(VideoFiles.Stored::sizeBytes).orElse(-1L) != r.sizeBytes()) {
                    missing.add(r.name());
                }
            } else if (published.filter(p -> p.sizeBytes() == r.sizeBytes() && p.sha256().equals(Optional.of(r.sha256()))).isEmpty()) {
                long staged = files.stored(Rendition.stagingKey(id, r.name())).map(VideoFiles.Stored::sizeBytes).orElse(-1L);
                if (staged == r.sizeBytes()) {
                    toCopy.add(r);
                } else {
                    missing.add(r.name());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "upload_missing",
                    "Some files are not uploaded yet, or not with the size declared.", Map.of("renditions", missing), null);
        }
        List<String> mismatched = new ArrayList<>();
        for (Rendition r : toCopy) {
            String published = Rendition.objectKey(id, r.name());
            String copied = files.copy(Rendition.stagingKey(id, r.name()), published, r.sizeBytes());
            if (!copied.equals(r.sha256())) {
                files.delete(published); // never served: the video is not published, and is not now
                mismatched.add(r.name());
            }
        }
        if (!mismatched.isEmpty()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "checksum_mismatch",
                    "Some files are not the ones declared: their SHA-256 differs. Upload them again.",
                    Map.of("renditions", mismatched), null);
        }
        setStatus(id, Video.Status.PUBLISHED);
        announce(id);
        toCopy.forEach(r -> forgetStaged(id, r));
        return VideoView.forEditors(video.withStatus(Video.Status.PUBLISHED));
    }

    /**
     * The staged upload is not needed once copied (it would double the bucket); one that cannot be
     * deleted now is removed by the bucket's lifecycle rule on {@code uploads/} (7 days).
     */
    private void forgetStaged(String id, Rendition r) {
        try {
            files.delete(Rendition.stagingKey(id, r.name()));
        } catch (RuntimeException e) {
            LOG.warn("Staged upload {} of video {} not deleted ({}); the bucket's lifecycle rule removes it",
                    r.name(), id, e.getClass().getSimpleName());
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
