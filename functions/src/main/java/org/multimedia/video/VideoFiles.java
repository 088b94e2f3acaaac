package org.multimedia.video;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The video bucket as editors' uploads and publishing see it: presigned PUTs to staging keys,
 * and the server-side copy that makes a staged file the published one.
 */
public interface VideoFiles {

    /**
     * S3's largest single PUT and largest CopyObject (5 GiB): a file is uploaded in one PUT and
     * published with one copy whose SHA-256 S3 computes. Larger objects would need multipart
     * uploads and UploadPartCopy, whose SHA-256 is a checksum of part checksums, not of the file.
     */
    long MAX_FILE_BYTES = 5L << 30;

    /**
     * A presigned PUT with the headers the uploader must send (they are signed: the object keeps
     * its type and its Content-Disposition, so it downloads as an attachment by any path, and S3
     * refuses a body whose SHA-256 is not {@code sha256}), and the object's S3 URI.
     */
    record Upload(String url, Map<String, String> headers, Instant expiresAt, String s3Uri) {
    }

    /** What is stored at a key: its size, and its full-object SHA-256 (lowercase hex) when S3 has one. */
    record Stored(long sizeBytes, Optional<String> sha256) {
    }

    /** {@code sha256}: lowercase hex, signed into the URL as {@code x-amz-checksum-sha256}; null: no checksum is signed. */
    Upload presignUpload(String objectKey, String mimeType, String contentDisposition, long sizeBytes, String sha256,
                         Duration validity);

    /** The stored object, or empty when there is none. */
    Optional<Stored> stored(String objectKey);

    /**
     * Copies one object to another key inside the bucket (type and Content-Disposition kept) and
     * answers the SHA-256 (lowercase hex) S3 computed of the bytes it wrote: whatever the source
     * became meanwhile, that is the copy's.
     */
    String copy(String fromKey, String toKey, long sizeBytes);

    void delete(String objectKey);

    /** The stored object's bytes, from the start (the caller closes the stream). */
    InputStream open(String objectKey);
}
