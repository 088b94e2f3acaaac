package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.video.VideoFiles;
import org.multimedia.video.VideoSettings;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Editors' uploads: presigned PUTs into the video bucket, and what is stored there (HeadObject). */
@Singleton
public class S3VideoFiles implements VideoFiles, Primed {

    /** S3 takes at most 5 GiB in one PUT; larger files go up in parts ({@code aws s3 cp}). */
    static final long MAX_SINGLE_PUT_BYTES = 5L << 30;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3VideoFiles(S3Client s3, S3Presigner presigner, VideoSettings settings) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = settings.bucket();
    }

    @Override
    public Upload presignUpload(String objectKey, String mimeType, String contentDisposition, long sizeBytes,
                                Duration validity) {
        String s3Uri = "s3://" + bucket + "/" + objectKey;
        if (sizeBytes > MAX_SINGLE_PUT_BYTES) {
            return new Upload(null, Map.of(), Instant.now().plus(validity), s3Uri);
        }
        PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(validity)
                .putObjectRequest(o -> o.bucket(bucket).key(objectKey).contentType(mimeType).contentDisposition(contentDisposition)));
        Map<String, String> headers = new LinkedHashMap<>();
        put.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) { // the client sets Host from the URL
                headers.put(headerName(name), String.join(",", values));
            }
        });
        return new Upload(put.url().toString(), headers, put.expiration(), s3Uri);
    }

    /** {@code content-type} → {@code Content-Type}, as people write them. */
    private static String headerName(String signedName) {
        return Arrays.stream(signedName.split("-"))
                .map(part -> part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining("-"));
    }

    @Override
    public OptionalLong size(String objectKey) {
        return AwsCalls.guard("HeadObject", () -> {
            try {
                return OptionalLong.of(s3.headObject(h -> h.bucket(bucket).key(objectKey)).contentLength());
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return OptionalLong.empty();
                }
                throw e;
            }
        });
    }

    /** Before a snapshot: a HeadObject of a key that does not exist; nothing is written. */
    @Override
    public void prime() {
        size(Items.PRIMING_KEY);
    }
}
