package org.multimedia.video;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.EmbeddedMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The editors' path: declare a video (a draft, with an upload link per file), publish it once
 * every file is in the bucket with its declared size, unpublish it. Publishing and unpublishing
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
            VideoFiles.Upload upload = files.presignUpload(Rendition.objectKey(draft.id(), r.name()), r.mimeType(),
                    r.contentDisposition(), r.sizeBytes(), settings.uploadUrlValidity());
            return new CreatedVideo.UploadView(r.name(), "PUT", upload.url(), upload.headers(),
                    upload.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString(), upload.s3Uri());
        }).toList();
        return new CreatedVideo(draft.id(), "draft", uploads);
    }

    /** Makes the video visible once every file is stored with its declared size; else {@code 409 upload_missing}. */
    public VideoView publish(String id) {
        Video video = catalogue.any(id);
        List<String> missing = video.renditions().stream()
                .filter(r -> files.size(Rendition.objectKey(id, r.name())).orElse(-1) != r.sizeBytes())
                .map(Rendition::name)
                .toList();
        if (!missing.isEmpty()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "upload_missing",
                    "Some files are not uploaded yet, or not with the size declared.", Map.of("renditions", missing), null);
        }
        setStatus(id, Video.Status.PUBLISHED);
        announce(id);
        return VideoView.forEditors(video.withStatus(Video.Status.PUBLISHED));
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
