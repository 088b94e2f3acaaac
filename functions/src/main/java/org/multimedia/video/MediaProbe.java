package org.multimedia.video;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.mp4.Mp4MetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.jpeg.JpegReader;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;

/**
 * What a poster or preview file really is, read from its bytes, never from its name or the type an
 * editor declared: JPEG, PNG, WebP or MP4, with its width and height in pixels and, for an MP4, its
 * duration. Publishing checks with it that a poster is an image of its declared type and a preview
 * an MP4 of at most {@value #MAX_PREVIEW_LINES} lines, and records what it found.
 *
 * <p>Pure (no AWS, no clock): the stream is read only as far as needed (an MP4's media data is
 * skipped, not kept) and is not closed. The parsing is that of Drew Noakes' metadata-extractor,
 * restricted to the four formats and to the structural segments they need (no Exif or XMP walk).
 */
public final class MediaProbe {

    /** A preview is a low-resolution stand-in: at most 720p, i.e. 720 lines (its picture height). */
    public static final int MAX_PREVIEW_LINES = 720;

    /** The formats a poster or preview may have, each with the one media type it is declared as. */
    public enum Type {
        JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), MP4("video/mp4");

        private final String mimeType;

        Type(String mimeType) {
            this.mimeType = mimeType;
        }

        public String mimeType() {
            return mimeType;
        }

        public boolean isImage() {
            return this != MP4;
        }

        /** The type a declared media type names (case ignored, parameters such as {@code ;codecs=} ignored). */
        public static Optional<Type> ofMimeType(String mimeType) {
            if (mimeType == null) {
                return Optional.empty();
            }
            String bare = mimeType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(t -> t.mimeType.equals(bare)).findFirst();
        }
    }

    /**
     * What a file is.
     *
     * @param type     its format, from its bytes
     * @param width    in pixels (an MP4: its first video track's)
     * @param height   in pixels, the number of lines (an MP4: its first video track's)
     * @param duration an MP4's length (from its movie header); {@link Duration#ZERO} for an image
     */
    public record Media(Type type, int width, int height, Duration duration) {

        public String mimeType() {
            return type.mimeType();
        }

        /** Whole seconds, rounded half up (a 4.5 s preview says 5), as {@code durationSeconds} fields are. */
        public int durationSeconds() {
            return (int) ((duration.toMillis() + 500) / 1000);
        }

        /** A poster: an image with pixels, of the very type declared ({@code image/jpeg|png|webp}). */
        public boolean isPosterOf(String declaredMimeType) {
            return type.isImage() && Type.ofMimeType(declaredMimeType).filter(type::equals).isPresent()
                    && width > 0 && height > 0;
        }

        /** A preview: an MP4 (declared {@code video/mp4}) with a picture of at most {@value #MAX_PREVIEW_LINES} lines. */
        public boolean isPreviewOf(String declaredMimeType) {
            return type == Type.MP4 && Type.ofMimeType(declaredMimeType).filter(type::equals).isPresent()
                    && width > 0 && height > 0 && height <= MAX_PREVIEW_LINES;
        }
    }

    private MediaProbe() {
    }

    /** {@link #probe(InputStream)} of bytes already in memory. */
    public static Optional<Media> probe(byte[] bytes) {
        try {
            return probe(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("A byte array cannot fail to read", e);
        }
    }

    /**
     * What the stream holds: empty when it is none of the four formats (HTML, text, a GIF, an MP3,
     * a QuickTime movie that is not an MP4...), is truncated before its dimensions, or has no
     * video track (an MP4).
     *
     * @throws IOException only when reading the stream fails (not when its content is wrong; a
     *                     stream that ends too early is a truncated file, not a failure)
     */
    public static Optional<Media> probe(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        FileType detected = FileTypeDetector.detectFileType(buffered);
        try {
            return switch (detected) {
                case Jpeg -> image(Type.JPEG, JpegMetadataReader.readMetadata(buffered, List.of(new JpegReader())),
                        JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
                case Png -> image(Type.PNG, PngMetadataReader.readMetadata(buffered),
                        PngDirectory.class, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT);
                case WebP -> image(Type.WEBP, WebpMetadataReader.readMetadata(buffered),
                        WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT);
                case Mp4 -> mp4(Mp4MetadataReader.readMetadata(buffered));
                default -> Optional.empty();
            };
        } catch (ImageProcessingException | EOFException | RuntimeException e) {
            // a truncated, damaged or hostile file is "not what it claims", never a 500
            return Optional.empty();
        }
    }

    private static Optional<Media> image(Type type, Metadata metadata, Class<? extends Directory> kind,
                                         int widthTag, int heightTag) {
        for (Directory directory : metadata.getDirectoriesOfType(kind)) {
            Integer width = directory.getInteger(widthTag);
            Integer height = directory.getInteger(heightTag);
            if (width != null && height != null && width > 0 && height > 0) {
                return Optional.of(new Media(type, width, height, Duration.ZERO));
            }
        }
        return Optional.empty();
    }

    private static Optional<Media> mp4(Metadata metadata) {
        Mp4VideoDirectory video = metadata.getFirstDirectoryOfType(Mp4VideoDirectory.class);
        Mp4Directory movie = metadata.getFirstDirectoryOfType(Mp4Directory.class);
        if (video == null || movie == null) {
            return Optional.empty();
        }
        Integer width = video.getInteger(Mp4VideoDirectory.TAG_WIDTH);
        Integer height = video.getInteger(Mp4VideoDirectory.TAG_HEIGHT);
        Long units = movie.getLongObject(Mp4Directory.TAG_DURATION);
        Long perSecond = movie.getLongObject(Mp4Directory.TAG_TIME_SCALE);
        if (width == null || height == null || width <= 0 || height <= 0
                || units == null || perSecond == null || perSecond <= 0 || units < 0) {
            return Optional.empty();
        }
        return Optional.of(new Media(Type.MP4, width, height, Duration.ofMillis(units * 1000 / perSecond)));
    }
}
