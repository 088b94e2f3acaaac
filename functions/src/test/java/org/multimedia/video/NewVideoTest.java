package org.multimedia.video;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NewVideoTest {

    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final NewVideo.NewRendition HD = new NewVideo.NewRendition("hd", "HD 1080p", "video/mp4", 1000, "meeting-hd.mp4", SHA256);

    @Test
    void aValidDeclarationBecomesADraftKeptToTheSecond() {
        Video draft = video(List.of(HD, new NewVideo.NewRendition("sd", "SD", "video/mp4", 10, "meeting sd (1).mp4", SHA256.toUpperCase())),
                "2022-06-16T14:30:00.789+02:00").toDraft("id-1");
        assertEquals(Video.Status.DRAFT, draft.status());
        assertEquals(Instant.parse("2022-06-16T12:30:00Z"), draft.publishedAt());
        assertEquals("hd", draft.rendition(java.util.Optional.empty()).orElseThrow().name());
        assertEquals("videos/id-1/sd", Rendition.objectKey("id-1", "sd"));
        assertEquals("uploads/id-1/sd", Rendition.stagingKey("id-1", "sd"));
        assertEquals(SHA256, draft.renditions().get(1).sha256(), "kept in lower case");
    }

    @Test
    void eachBadFieldIsNamed() {
        assertRefused("renditions", video(List.of(), "2022-06-16T14:30:00Z"));
        assertRefused("renditions[1].name", video(List.of(HD, HD), "2022-06-16T14:30:00Z"));
        assertRefused("publishedAt", video(List.of(HD), "16/06/2022"));
        assertRefused("publishedAt", video(List.of(HD), "+10000-01-01T00:00:00Z"));
        for (String filename : new String[]{"../../etc/passwd", "a\"b.mp4", "no-extension", "line\r\nbreak.mp4", "é.mp4"}) {
            assertRefused("renditions[0].filename", video(List.of(rendition("hd", "video/mp4", 10, filename)), "2022-06-16T14:30:00Z"));
        }
        assertRefused("renditions[0].name", video(List.of(rendition("HD/../x", "video/mp4", 10, "a.mp4")), "2022-06-16T14:30:00Z"));
        assertRefused("renditions[0].mimeType", video(List.of(rendition("hd", "mp4", 10, "a.mp4")), "2022-06-16T14:30:00Z"));
        assertRefused("renditions[0].sizeBytes", video(List.of(rendition("hd", "video/mp4", 0, "a.mp4")), "2022-06-16T14:30:00Z"));
        assertRefused("renditions[0].sizeBytes",
                video(List.of(rendition("hd", "video/mp4", NewVideo.MAX_SIZE_BYTES + 1, "a.mp4")), "2022-06-16T14:30:00Z"));
        assertRefused("renditions[0].sizeBytes",
                video(List.of(rendition("hd", "video/mp4", (5L << 30) + 1, "a.mp4")), "2022-06-16T14:30:00Z"));
        video(List.of(rendition("hd", "video/mp4", 5L << 30, "a.mp4")), "2022-06-16T14:30:00Z").toDraft("id"); // 5 GiB: one PUT, one copy
        for (String sha256 : new String[]{null, "", SHA256.substring(1), SHA256 + "0", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
                SHA256.replace('9', 'g')}) {
            assertRefused("renditions[0].sha256", video(List.of(new NewVideo.NewRendition("hd", "HD", "video/mp4", 10, "a.mp4", sha256)),
                    "2022-06-16T14:30:00Z"));
        }
        assertRefused("title", new NewVideo(" ", "s", "", "2022-06-16T14:30:00Z", 1, List.of(HD)));
        assertRefused("durationSeconds", new NewVideo("t", "s", "", "2022-06-16T14:30:00Z", -1, List.of(HD)));
    }

    private static NewVideo.NewRendition rendition(String name, String mimeType, long size, String filename) {
        return new NewVideo.NewRendition(name, "Label", mimeType, size, filename, SHA256);
    }

    private static NewVideo video(List<NewVideo.NewRendition> renditions, String publishedAt) {
        return new NewVideo("Defence Ministers' meeting", "Summary", "Description", publishedAt, 95, renditions);
    }

    private static void assertRefused(String field, NewVideo video) {
        DomainException refused = assertThrows(DomainException.class, () -> video.toDraft("id"));
        assertEquals("invalid_request", refused.code());
        assertEquals(field, refused.getMessage().replaceAll("^'([^']+)'.*", "$1"), refused.getMessage());
    }
}
