package org.multimedia.video;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/** The video bucket as editors' uploads see it. */
public interface VideoFiles {

    /**
     * A presigned PUT ({@code url} null when the file is too large for one PUT) with the headers
     * the uploader must send (they are signed: the object keeps its type and its
     * Content-Disposition, so it downloads as an attachment by any path), and the object's S3 URI.
     */
    record Upload(String url, Map<String, String> headers, Instant expiresAt, String s3Uri) {
    }

    Upload presignUpload(String objectKey, String mimeType, String contentDisposition, long sizeBytes, Duration validity);

    /** The stored object's size, or empty when there is none. */
    OptionalLong size(String objectKey);
}
