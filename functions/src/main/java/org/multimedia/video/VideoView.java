package org.multimedia.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Locale;

/**
 * A video as the API shows it: in lists (no description), in detail (with it), and to editors
 * (with its status). Storage details (object keys, filenames) never appear.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoView(String id, String title, String summary, String description, String publishedAt,
                        int durationSeconds, List<RenditionView> renditions, String status) {

    /** {@code sha256}: of the published bytes (lowercase hex); absent for a file published before they were recorded. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RenditionView(String name, String label, String mimeType, long sizeBytes, String sha256) {
    }

    static VideoView summary(Video video) {
        return of(video, null, null);
    }

    static VideoView detail(Video video) {
        return of(video, video.description(), null);
    }

    static VideoView forEditors(Video video) {
        return of(video, video.description(), video.status().name().toLowerCase(Locale.ROOT));
    }

    private static VideoView of(Video video, String description, String status) {
        return new VideoView(video.id(), video.title(), video.summary(), description,
                video.publishedAt().toString(), video.durationSeconds(),
                video.renditions().stream()
                        .map(r -> new RenditionView(r.name(), r.label(), r.mimeType(), r.sizeBytes(), r.sha256())).toList(),
                status);
    }
}
