package org.multimedia.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.multimedia.video.MediaProbe.Media;
import org.multimedia.video.MediaProbe.Type;

/**
 * {@link MediaProbe} on real files made with ffmpeg ({@code src/test/resources/media}: see its
 * README for the commands), and on impostors.
 */
class MediaProbeTest {

    @Test
    void aJpegIsAJpegOfItsSize() {
        Media media = probe("poster.jpg").orElseThrow();
        assertEquals(new Media(Type.JPEG, 64, 36, Duration.ZERO), media);
        assertTrue(media.isPosterOf("image/jpeg"));
        assertTrue(media.isPosterOf("IMAGE/JPEG"), "media types are case-insensitive");
        assertFalse(media.isPreviewOf("video/mp4"));
    }

    @Test
    void aPngIsAPngOfItsSize() {
        assertEquals(new Media(Type.PNG, 48, 26, Duration.ZERO), probe("poster.png").orElseThrow());
    }

    @Test
    void webpInItsThreeForms() {
        // lossy (VP8), lossless (VP8L) and extended (VP8X, here for its alpha channel)
        assertEquals(new Media(Type.WEBP, 40, 30, Duration.ZERO), probe("poster.webp").orElseThrow());
        assertEquals(new Media(Type.WEBP, 40, 30, Duration.ZERO), probe("poster-lossless.webp").orElseThrow());
        assertEquals(new Media(Type.WEBP, 40, 30, Duration.ZERO), probe("poster-alpha.webp").orElseThrow());
        assertTrue(probe("poster.webp").orElseThrow().isPosterOf("image/webp"));
    }

    @Test
    void aPngDeclaredAsAJpegIsNotThatPoster() {
        Media media = probe("poster.png").orElseThrow();
        assertFalse(media.isPosterOf("image/jpeg"));
        assertTrue(media.isPosterOf("image/png"));
    }

    @Test
    void anHtmlPageNamedJpgIsNothing() {
        assertEquals(Optional.empty(), probe("html-named.jpg"));
    }

    @Test
    void aPreviewIsAnMp4WithItsSizeAndDuration() {
        Media media = probe("preview-360p.mp4").orElseThrow();
        assertEquals(new Media(Type.MP4, 640, 360, Duration.ofSeconds(3)), media);
        assertEquals(3, media.durationSeconds());
        assertTrue(media.isPreviewOf("video/mp4"));
        assertFalse(media.isPosterOf("image/jpeg"), "a video is no poster");
    }

    @Test
    void seven20LinesIsTheMostAPreviewMayHave() {
        Media hd = probe("preview-720p.mp4").orElseThrow();
        assertEquals(1280, hd.width());
        assertEquals(720, hd.height());
        assertTrue(hd.isPreviewOf("video/mp4"));

        Media fullHd = probe("preview-1080p.mp4").orElseThrow();
        assertEquals(1920, fullHd.width());
        assertEquals(1080, fullHd.height());
        assertFalse(fullHd.isPreviewOf("video/mp4"), "1080p is no preview");
    }

    @Test
    void anMp4WhoseMovieHeaderComesAfterItsMediaIsReadToo() {
        Media media = probe("preview-moov-at-end.mp4").orElseThrow();
        assertEquals(new Media(Type.MP4, 320, 180, Duration.ofMillis(2500)), media);
        assertEquals(3, media.durationSeconds(), "2.5 s rounds half up");
    }

    @Test
    void anMp4WithoutPictureIsNoPreview() {
        assertEquals(Optional.empty(), probe("audio-only.mp4"));
    }

    @Test
    void aQuickTimeMovieIsNoMp4() {
        assertEquals(Optional.empty(), probe("movie.mov"));
    }

    @Test
    void truncatedFilesAreNothing() {
        assertEquals(Optional.empty(), probe("truncated.png"));
        assertEquals(Optional.empty(), probe("truncated.mp4"));
        assertEquals(Optional.empty(), MediaProbe.probe(new byte[0]));
        assertEquals(Optional.empty(), MediaProbe.probe(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
    }

    @Test
    void aPreviewMustBeDeclaredAsAnMp4() {
        Media media = probe("preview-360p.mp4").orElseThrow();
        assertFalse(media.isPreviewOf("video/webm"));
        assertFalse(media.isPreviewOf(null));
        assertTrue(media.isPreviewOf("video/mp4; codecs=\"avc1.42E01E\""), "parameters are not the type");
    }

    @Test
    void declaredTypes() {
        assertEquals(Optional.of(Type.WEBP), Type.ofMimeType("image/webp"));
        assertEquals(Optional.empty(), Type.ofMimeType("image/gif"));
        assertEquals(Optional.empty(), Type.ofMimeType(null));
    }

    static byte[] bytes(String name) {
        try (InputStream in = MediaProbeTest.class.getResourceAsStream("/media/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test file media/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Media> probe(String name) {
        return MediaProbe.probe(bytes(name));
    }
}
