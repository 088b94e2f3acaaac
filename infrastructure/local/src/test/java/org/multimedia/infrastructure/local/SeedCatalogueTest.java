package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.multimedia.video.MediaProbe;
import org.multimedia.video.MediaProbe.Media;

/**
 * seed/videos.json is what the local system creates through the editors' service: every entry
 * must pass its validation, and every rendition's sizeBytes and sha256 must be its file's real
 * size and SHA-256 (publishing checks both), and so must every poster's and preview's, which
 * must also really be a poster and a preview ({@link MediaProbe}, as publishing checks).
 * seed/make-videos keeps them in step.
 */
class SeedCatalogueTest {

    private static final Path SEED = Path.of("seed");
    private static final Set<String> VIDEO_FIELDS = Set.of("title", "summary", "description", "publishedAt",
            "durationSeconds", "renditions", "translations", "translationNote", "poster", "preview");
    private static final Set<String> MEDIA_FIELDS = Set.of("filename", "mimeType", "sizeBytes", "sha256", "file");
    private static final Set<String> TRANSLATED_FIELDS = Set.of("title", "summary", "description");
    private static final Set<String> RENDITION_FIELDS =
            Set.of("name", "label", "mimeType", "sizeBytes", "filename", "sha256", "file");

    @Test
    void everyVideoIsValidAndEveryRenditionFileHasItsDeclaredSize() throws Exception {
        JsonNode videos = new ObjectMapper().readTree(SEED.resolve("videos.json").toFile());
        assertEquals(4, videos.size());
        List<Instant> published = new ArrayList<>();
        long total = 0;
        for (JsonNode video : videos) {
            String title = video.path("title").asText();
            assertEquals(VIDEO_FIELDS, fields(video), title);
            assertTrue(title.length() >= 1 && title.length() <= 200, title);
            int summary = video.path("summary").asText().length();
            assertTrue(summary >= 1 && summary <= 500, title);
            assertTrue(video.path("description").asText().length() <= 20000, title);
            assertTrue(video.path("publishedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), title);
            published.add(Instant.parse(video.path("publishedAt").asText()));
            assertTrue(video.path("durationSeconds").isInt(), title);
            assertTrue(video.path("durationSeconds").asInt() >= 0 && video.path("durationSeconds").asInt() <= 86400, title);
            JsonNode renditions = video.path("renditions");
            assertTrue(renditions.size() >= 1 && renditions.size() <= 10, title);
            Set<String> names = new HashSet<>();
            for (JsonNode rendition : renditions) {
                String name = rendition.path("name").asText();
                assertEquals(RENDITION_FIELDS, fields(rendition), title + " " + name);
                assertTrue(name.matches("[a-z0-9][a-z0-9-]{0,31}") && names.add(name), title + " " + name);
                int label = rendition.path("label").asText().length();
                assertTrue(label >= 1 && label <= 60, title + " " + name);
                assertEquals("video/mp4", rendition.path("mimeType").asText());
                String filename = rendition.path("filename").asText();
                assertTrue(filename.length() <= 120 && filename.matches("[A-Za-z0-9 ._()-]*\\.[A-Za-z0-9]+"), filename);
                String file = rendition.path("file").asText();
                assertTrue(file.matches("files/[a-z0-9-]+\\.mp4"), file);
                long size = Files.size(SEED.resolve(file));
                assertEquals(size, rendition.path("sizeBytes").asLong(), file + " (run seed/make-videos)");
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SEED.resolve(file)))),
                        rendition.path("sha256").asText(), file + ": publishing checks the SHA-256 (run seed/make-videos)");
                total += size;
            }
        }
        assertEquals("NATO Defence Ministers meet ahead of the Madrid Summit", videos.get(0).path("title").asText());
        assertEquals(Instant.parse("2022-06-16T14:30:00Z"), published.get(0));
        assertEquals(4, new HashSet<>(published).size(), "publishedAt values differ");
        assertTrue(published.stream().allMatch(p -> !p.isAfter(published.get(0))), "the first video is the newest");
        assertTrue(total < 100_000, "the seed files stay small: " + total + " bytes");
    }

    @Test
    void everyVideoHasARealPosterAndPreview() throws Exception {
        long total = 0;
        for (JsonNode video : new ObjectMapper().readTree(SEED.resolve("videos.json").toFile())) {
            String title = video.path("title").asText();

            JsonNode poster = video.path("poster");
            byte[] image = declaredFile(poster, "files/[a-z0-9-]+-poster\\.(jpg|png|webp)", title);
            assertTrue(image.length <= 2_097_152, title + ": a poster is at most 2 MiB");
            Media picture = MediaProbe.probe(image).orElseThrow(() -> new AssertionError(title + ": the poster is no image"));
            assertTrue(picture.isPosterOf(poster.path("mimeType").asText()), title + ": " + picture);

            JsonNode preview = video.path("preview");
            byte[] movie = declaredFile(preview, "files/[a-z0-9-]+-preview\\.mp4", title);
            assertTrue(movie.length <= 64 * 1_048_576, title + ": a preview is at most 64 MiB");
            Media clip = MediaProbe.probe(movie).orElseThrow(() -> new AssertionError(title + ": the preview is no MP4"));
            assertTrue(clip.isPreviewOf(preview.path("mimeType").asText()), title + ": " + clip);
            assertTrue(clip.height() <= 360, title + ": the seed's previews are small (360p at most): " + clip);
            assertEquals(video.path("durationSeconds").asInt(), clip.duration().toSeconds(), title + ": the preview is the whole video");
            total += image.length + movie.length;
        }
        assertTrue(total < 120_000, "the seed's posters and previews stay small: " + total + " bytes");
    }

    @Test
    void frenchTextIsComplete_andSaysWhereItComesFrom() throws Exception {
        JsonNode videos = new ObjectMapper().readTree(SEED.resolve("videos.json").toFile());
        for (JsonNode video : videos) {
            String title = video.path("title").asText();
            JsonNode translations = video.path("translations");
            if (translations.isMissingNode()) {
                continue;
            }
            assertEquals(Set.of("fr"), fields(translations), title + ": fr is the one other language");
            JsonNode fr = translations.path("fr");
            assertTrue(TRANSLATED_FIELDS.containsAll(fields(fr)), title + ": " + fields(fr));
            int frTitle = fr.path("title").asText().strip().length();
            assertTrue(frTitle >= 1 && frTitle <= 200, title);
            int frSummary = fr.path("summary").asText().strip().length();
            assertTrue(frSummary >= 1 && frSummary <= 500, title);
            assertTrue(fr.path("description").asText().length() <= 20000, title);
            // the issue: the institution's own wording, or a faithful translation marked as such
            assertTrue(video.path("translationNote").asText().contains("translation"), title + ": translationNote");
        }
        JsonNode ministers = videos.get(0).path("translations").path("fr");
        assertTrue(ministers.path("title").asText().contains("ministres"), "?q=ministres&lang=fr finds it");
        assertTrue(ministers.path("title").asText().contains("Défense"), "?q=defense finds the accented word too");
        assertTrue(ministers.path("description").asText().contains("Madrid"));
    }

    @Test
    void theSeedUploadsEveryFileUnderTheNameItsUploadAnswersWith() throws Exception {
        JsonNode jackson = new ObjectMapper().readTree(SEED.resolve("videos.json").toFile());
        io.micronaut.json.tree.JsonNode entries = io.micronaut.serde.ObjectMapper.getDefault()
                .readValue(Files.readAllBytes(SEED.resolve("videos.json")), io.micronaut.json.tree.JsonNode.class);
        int i = 0;
        for (io.micronaut.json.tree.JsonNode entry : entries.values()) {
            JsonNode video = jackson.get(i++);
            Map<String, Path> files = CatalogueSeed.files(entry, SEED);
            List<String> expected = new ArrayList<>();
            video.path("renditions").forEach(r -> expected.add(r.path("name").asText()));
            expected.add("poster");
            expected.add("preview");
            assertEquals(expected, List.copyOf(files.keySet()), "renditions in order, then poster and preview");
            assertEquals(SEED.resolve(video.path("poster").path("file").asText()), files.get("poster"));
            assertEquals(SEED.resolve(video.path("preview").path("file").asText()), files.get("preview"));
            files.values().forEach(file -> assertTrue(Files.isRegularFile(file), file.toString()));
        }
        assertEquals(4, i);
    }

    /** The file a poster or preview declaration names, checked against its declared size and SHA-256. */
    private static byte[] declaredFile(JsonNode media, String filePattern, String title) throws Exception {
        assertEquals(MEDIA_FIELDS, fields(media), title);
        String file = media.path("file").asText();
        assertTrue(file.matches(filePattern), title + ": " + file);
        String filename = media.path("filename").asText();
        assertTrue(filename.length() <= 120 && filename.matches("[A-Za-z0-9 ._()-]*\\.[A-Za-z0-9]+"), filename);
        byte[] bytes = Files.readAllBytes(SEED.resolve(file));
        assertEquals(bytes.length, media.path("sizeBytes").asLong(), file + " (run seed/make-videos)");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                media.path("sha256").asText(), file + " (run seed/make-videos)");
        return bytes;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> fields = new HashSet<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
