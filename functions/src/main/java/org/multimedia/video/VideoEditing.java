package org.multimedia.video;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The editors' path: declare a video (a draft, with an upload link per file), publish it once
 * every file is in the bucket with its declared size, unpublish it.
 */
@Singleton
public class VideoEditing {

    private final VideoStore store;
    private final VideoFiles files;
    private final Catalogue catalogue;
    private final VideoSettings settings;

    public VideoEditing(VideoStore store, VideoFiles files, Catalogue catalogue, VideoSettings settings) {
        this.store = store;
        this.files = files;
        this.catalogue = catalogue;
        this.settings = settings;
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
        return VideoView.forEditors(video.withStatus(Video.Status.PUBLISHED));
    }

    /** No longer listed, shown or downloadable; the files stay, so publishing again brings it back. */
    public void unpublish(String id) {
        setStatus(catalogue.knownId(id), Video.Status.UNPUBLISHED);
    }

    private void setStatus(String id, Video.Status status) {
        if (!store.setStatus(id, status)) {
            throw Catalogue.notFound();
        }
    }
}
