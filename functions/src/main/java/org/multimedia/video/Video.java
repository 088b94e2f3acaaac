package org.multimedia.video;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A video of the catalogue. It is visible (listed, searchable, shown, downloadable) once it is
 * {@link Status#PUBLISHED} or {@link Status#SCHEDULED} and its {@code publishedAt} has come
 * ({@link #visibleAt}): a scheduled video appears by itself at its time, with that time as its
 * {@code publishedAt}.
 * <p>
 * {@code translations}: the other languages' texts by language tag ({@code "fr"}), any field may be
 * null (English is shown instead). {@code poster}, {@code preview}: null when none was declared.
 */
public record Video(String id, String title, String summary, String description, Instant publishedAt,
                    int durationSeconds, List<Rendition> renditions, Status status,
                    Map<String, Translation> translations, Media poster, Media preview) {

    /** The upload names (and public file names) of a video's poster and preview. */
    public static final String POSTER = "poster";
    public static final String PREVIEW = "preview";

    public enum Status { DRAFT, SCHEDULED, PUBLISHED, UNPUBLISHED }

    /** A video's title, summary and description in another language; null fields fall back to English. */
    public record Translation(String title, String summary, String description) {
    }

    /**
     * A poster (an image) or a preview (a low-resolution MP4): what the editor declared, and what
     * publish read from the file ({@code width}, {@code height}, {@code durationSeconds}; 0 until
     * then). {@code sha256}: lowercase hex, null when not declared and not yet published.
     */
    public record Media(String filename, String mimeType, long sizeBytes, String sha256, int width, int height,
                        int durationSeconds) {
    }

    public Video {
        translations = translations == null ? Map.of() : Map.copyOf(translations);
    }

    /** A video without translations, poster or preview. */
    public Video(String id, String title, String summary, String description, Instant publishedAt,
                 int durationSeconds, List<Rendition> renditions, Status status) {
        this(id, title, summary, description, publishedAt, durationSeconds, renditions, status, Map.of(), null, null);
    }

    /** Published, or scheduled and its time has come. */
    public boolean visibleAt(Instant now) {
        return (status == Status.PUBLISHED || status == Status.SCHEDULED) && !publishedAt.isAfter(now);
    }

    /** Published or scheduled: in the catalogue's index, whatever its time. */
    public boolean listed() {
        return status == Status.PUBLISHED || status == Status.SCHEDULED;
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }

    /**
     * Where a poster or preview is served from once published: {@code public/}, which the video
     * distribution serves without a signature (an id is a random UUID, unknown until the video is
     * shown). Only publish writes there.
     */
    static String publicKey(String videoId, String media) {
        return "public/" + videoId + "/" + media;
    }

    /** Released: {@code status} (published or scheduled) from {@code at}, with what publish read of its poster and preview. */
    Video released(Status newStatus, Instant at, Media checkedPoster, Media checkedPreview) {
        return new Video(id, title, summary, description, at, durationSeconds, renditions, newStatus,
                translations, checkedPoster, checkedPreview);
    }

    public Video withStatus(Status newStatus) {
        return new Video(id, title, summary, description, publishedAt, durationSeconds, renditions, newStatus,
                translations, poster, preview);
    }

    /** The named rendition, or the first one when no name is given. */
    public Optional<Rendition> rendition(Optional<String> name) {
        return name.map(n -> renditions.stream().filter(r -> r.name().equals(n)).findFirst())
                .orElse(renditions.stream().findFirst());
    }
}
