package org.multimedia.video;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** {@code POST /videos} → 201: the draft's id and, per rendition, where to upload its file. */
@Serdeable
public record CreatedVideo(String id, String status, List<UploadView> uploads) {

    /**
     * {@code headers} include {@code x-amz-checksum-sha256} (the declared SHA-256, base64, as S3
     * wants it); {@code s3Uri} is the staging object, which publish copies to where downloads read.
     */
    @Serdeable
    public record UploadView(String rendition, String method, String url,
                             Map<String, String> headers, String expiresAt, String s3Uri) {
    }
}
