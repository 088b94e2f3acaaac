package org.multimedia.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import org.multimedia.identity.Language;

import java.util.List;
import java.util.Locale;

/**
 * A video as the API shows it, in one language ({@code language}: the one asked for; each text
 * falls back to English where its translation has none): in lists (no description), in detail
 * (with it), and to editors (with its status). Storage details (object keys, filenames) never
 * appear; posters and previews are public URLs. {@code credit}: the line to show with the
 * footage, in detail.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoView(String id, String title, String summary, String description, String publishedAt,
                        int durationSeconds, String language, List<RenditionView> renditions, PosterView poster,
                        PreviewView preview, String status, String credit) {

    /** {@code sha256}: of the published bytes (lowercase hex); absent for a file published before they were recorded. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RenditionView(String name, String label, String mimeType, long sizeBytes, String sha256) {
    }

    /** The poster, in pixels as publish read them from the file. */
    @Serdeable
    public record PosterView(String url, int width, int height) {
    }

    /** The preview (an MP4 of at most 720 lines), its duration as publish read it from the file. */
    @Serdeable
    public record PreviewView(String url, String mimeType, int durationSeconds) {
    }

    /** How videos are shown in one answer: its language, where public files are, and the credit line (details only). */
    record Showing(Language language, PublicFiles files, String credit) {

        VideoView summary(Video video) {
            return of(video, false, null);
        }

        VideoView detail(Video video) {
            return of(video, true, null);
        }

        VideoView forEditors(Video video) {
            return of(video, true, video.status().name().toLowerCase(Locale.ROOT));
        }

        private VideoView of(Video video, boolean detail, String status) {
            Video.Translation translation = language == Language.EN ? null : video.translations().get(language.tag());
            Video.Translation text = translation == null ? new Video.Translation(null, null, null) : translation;
            // A poster or preview is shown once publish has read it (a draft's is only declared).
            boolean published = video.status() != Video.Status.DRAFT;
            Video.Media poster = published ? video.poster() : null;
            Video.Media preview = published ? video.preview() : null;
            return new VideoView(video.id(), or(text.title(), video.title()), or(text.summary(), video.summary()),
                    detail ? or(text.description(), video.description()) : null,
                    video.publishedAt().toString(), video.durationSeconds(), language.tag(),
                    video.renditions().stream()
                            .map(r -> new RenditionView(r.name(), r.label(), r.mimeType(), r.sizeBytes(), r.sha256())).toList(),
                    poster == null ? null : new PosterView(files.url(Video.publicKey(video.id(), Video.POSTER)),
                            poster.width(), poster.height()),
                    preview == null ? null : new PreviewView(files.url(Video.publicKey(video.id(), Video.PREVIEW)),
                            preview.mimeType(), preview.durationSeconds()),
                    status, detail ? credit : null);
        }

        private static String or(String translated, String english) {
            return translated == null ? english : translated;
        }
    }
}
