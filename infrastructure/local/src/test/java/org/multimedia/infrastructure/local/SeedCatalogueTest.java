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
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * seed/videos.json is what the local system creates through the editors' service: every entry
 * must pass its validation, and every rendition's sizeBytes and sha256 must be its file's real
 * size and SHA-256 (publishing checks both). seed/make-videos keeps them in step.
 */
class SeedCatalogueTest {

    private static final Path SEED = Path.of("seed");
    private static final Set<String> VIDEO_FIELDS =
            Set.of("title", "summary", "description", "publishedAt", "durationSeconds", "renditions");
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

    private static Set<String> fields(JsonNode node) {
        Set<String> fields = new HashSet<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
