package org.multimedia.video;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.multimedia.core.DomainException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code POST /videos}: what an editor declares of a new video. Object keys are never given. */
@Serdeable
public record NewVideo(String title, String summary, String description, String publishedAt, int durationSeconds,
                       List<NewRendition> renditions, @Nullable Map<String, NewTranslation> translations,
                       @Nullable NewMedia poster, @Nullable NewMedia preview) {

    /** The catalogue's texts in another language ({@code fr}); a field left out is shown in English. */
    @Serdeable
    public record NewTranslation(@Nullable String title, @Nullable String summary, @Nullable String description) {
    }

    /** A poster or a preview: the file the editor will upload. {@code sha256}: optional (S3 then checks nothing at upload; publish records it). */
    @Serdeable
    public record NewMedia(String filename, String mimeType, long sizeBytes, @Nullable String sha256) {
    }

    /** Without poster, preview or translations (the declaration before issue 20). */
    public NewVideo(String title, String summary, String description, String publishedAt, int durationSeconds,
                    List<NewRendition> renditions) {
        this(title, summary, description, publishedAt, durationSeconds, renditions, null, null, null);
    }

    @Serdeable
    public record NewRendition(String name, String label, String mimeType, long sizeBytes, String filename,
                               @Nullable String sha256) {
    }

    /** One PUT, one CopyObject, one full-object SHA-256 (see {@link VideoFiles#MAX_FILE_BYTES}). */
    static final long MAX_SIZE_BYTES = VideoFiles.MAX_FILE_BYTES;
    /** What {@code sha256sum} prints: 64 hex digits (either case; kept in lower case). */
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int MAX_RENDITIONS = 10;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern MIME_TYPE = Pattern.compile("[a-z]+/[a-z0-9][a-z0-9.+-]{0,99}");
    /** Safe in a Content-Disposition header and on every file system: no quotes, slashes or controls. */
    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9 ._()-]{1,110}\\.[A-Za-z0-9]{1,9}");
    /** A poster is a picture for a page, not a master: 2 MB (2,097,152 bytes) at most. */
    static final long MAX_POSTER_BYTES = 2L << 20;
    /** A preview is a few minutes at 720p at most: 256 MiB leaves room for that and no more. */
    static final long MAX_PREVIEW_BYTES = 256L << 20;
    private static final Set<String> POSTER_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    /** The upload names of a poster and a preview: no rendition may take them. */
    static final Set<String> MEDIA_NAMES = Set.of(Video.POSTER, Video.PREVIEW);
    /** The languages a translation may be in (English is the main text). */
    private static final Set<String> TRANSLATIONS = Set.of("fr");
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** The draft this declaration describes, or {@code 400 invalid_request} naming the first bad field. */
    Video toDraft(String id) {
        List<Rendition> files = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (renditions.isEmpty() || renditions.size() > MAX_RENDITIONS) {
            throw invalid("renditions", "must list 1 to " + MAX_RENDITIONS + " files");
        }
        for (int i = 0; i < renditions.size(); i++) {
            NewRendition r = renditions.get(i);
            String at = "renditions[" + i + "].";
            check(NAME.matcher(r.name()).matches(), at + "name", "must be 1 to 32 lower-case letters, digits or '-'");
            check(names.add(r.name()), at + "name", "is used twice");
            check(!MEDIA_NAMES.contains(r.name()), at + "name", "must not be 'poster' or 'preview' (those name the poster and the preview)");
            check(length(r.label(), 1, 60), at + "label", "must be 1 to 60 characters");
            check(MIME_TYPE.matcher(r.mimeType()).matches(), at + "mimeType", "must be a media type such as video/mp4");
            check(r.sizeBytes() >= 1 && r.sizeBytes() <= MAX_SIZE_BYTES, at + "sizeBytes",
                    "must be from 1 byte to 5 GiB (5368709120 bytes: one upload, one copy and one SHA-256 check at publish)");
            check(FILENAME.matcher(r.filename()).matches(), at + "filename",
                    "must be a file name with an extension, of ASCII letters, digits, spaces and ._()-");
            check(r.sha256() != null && SHA256.matcher(r.sha256()).matches(), at + "sha256",
                    "must be the file's SHA-256 as 64 hexadecimal digits (what sha256sum prints)");
            files.add(new Rendition(r.name(), r.label().strip(), r.mimeType(), r.sizeBytes(), r.filename(),
                    r.sha256().toLowerCase(Locale.ROOT)));
        }
        check(length(title, 1, 200), "title", "must be 1 to 200 characters");
        check(length(summary, 1, 500), "summary", "must be 1 to 500 characters");
        check(description.length() <= 20_000, "description", "must be at most 20000 characters");
        check(durationSeconds >= 0 && durationSeconds <= 86_400, "durationSeconds", "must be from 0 to 86400");
        return new Video(id, title.strip(), summary.strip(), description.strip(), instant(publishedAt),
                durationSeconds, List.copyOf(files), Video.Status.DRAFT, checkedTranslations(),
                media(poster, "poster", POSTER_TYPES, MAX_POSTER_BYTES, "2 MB (2097152 bytes)"),
                media(preview, "preview", Set.of("video/mp4"), MAX_PREVIEW_BYTES, "256 MiB (268435456 bytes)"));
    }

    private Map<String, Video.Translation> checkedTranslations() {
        if (translations == null) {
            return Map.of();
        }
        Map<String, Video.Translation> checked = new LinkedHashMap<>();
        translations.forEach((language, t) -> {
            String at = "translations." + language + ".";
            check(TRANSLATIONS.contains(language), "translations", "may only hold \"fr\"");
            check(t != null, "translations." + language, "must be an object");
            check(t.title() == null || length(t.title(), 1, 200), at + "title", "must be 1 to 200 characters");
            check(t.summary() == null || length(t.summary(), 1, 500), at + "summary", "must be 1 to 500 characters");
            check(t.description() == null || t.description().length() <= 20_000, at + "description",
                    "must be at most 20000 characters");
            checked.put(language, new Video.Translation(strip(t.title()), strip(t.summary()), strip(t.description())));
        });
        return checked;
    }

    private static Video.Media media(NewMedia m, String field, Set<String> types, long maxBytes, String maxText) {
        if (m == null) {
            return null;
        }
        check(types.contains(m.mimeType()), field + ".mimeType", "must be one of " + String.join(", ", new java.util.TreeSet<>(types)));
        check(m.sizeBytes() >= 1 && m.sizeBytes() <= maxBytes, field + ".sizeBytes", "must be from 1 byte to " + maxText);
        check(m.filename() != null && FILENAME.matcher(m.filename()).matches(), field + ".filename",
                "must be a file name with an extension, of ASCII letters, digits, spaces and ._()-");
        check(m.sha256() == null || SHA256.matcher(m.sha256()).matches(), field + ".sha256",
                "must be the file's SHA-256 as 64 hexadecimal digits (what sha256sum prints)");
        return new Video.Media(m.filename(), m.mimeType(), m.sizeBytes(),
                m.sha256() == null ? null : m.sha256().toLowerCase(Locale.ROOT), 0, 0, 0);
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    /** Kept to the second: the catalogue index sorts these as text. */
    private static Instant instant(String text) {
        try {
            Instant instant = Instant.parse(text.strip()).truncatedTo(ChronoUnit.SECONDS);
            check(!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST), "publishedAt", "is out of range");
            return instant;
        } catch (DateTimeParseException e) {
            throw invalid("publishedAt", "must be a date and time such as 2022-06-16T14:30:00Z");
        }
    }

    private static boolean length(String text, int min, int max) {
        int length = text.strip().length();
        return length >= min && length <= max;
    }

    private static void check(boolean ok, String field, String rule) {
        if (!ok) {
            throw invalid(field, rule);
        }
    }

    private static DomainException invalid(String field, String rule) {
        return DomainException.invalidRequest("'" + field + "' " + rule + ".");
    }
}
