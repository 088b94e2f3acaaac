package org.multimedia.video;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** {@code POST /videos} → 201: the draft's id and, per rendition, where to upload its file. */
@Serdeable
public record CreatedVideo(String id, String status, List<UploadView> uploads) {

    /** {@code url} is null for a file above 5 GiB: it goes up with {@code aws s3 cp FILE s3Uri}. */
    @Serdeable
    public record UploadView(String rendition, String method, @JsonInclude(JsonInclude.Include.ALWAYS) String url,
                             Map<String, String> headers, String expiresAt, String s3Uri) {
    }
}
