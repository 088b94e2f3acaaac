package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.video.VideoFiles;
import org.multimedia.video.VideoSettings;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.multimedia.core.InvocationDeadline;
import java.util.stream.Collectors;

/**
 * Editors' uploads: presigned PUTs into the video bucket with the declared SHA-256 signed in
 * ({@code x-amz-checksum-sha256}: S3 answers {@code 400 BadDigest} to any other body), what is
 * stored there (HeadObject with its checksum), and the server-side copy that publishes a file
 * (CopyObject asking S3 for a SHA-256 of the copy).
 * <p>
 * S3's limits, encoded: one PUT and one CopyObject take at most 5 GiB ({@link VideoFiles#MAX_FILE_BYTES});
 * a multipart object's checksum is "checksum of the parts' checksums-N", never the file's SHA-256,
 * so it is not reported as one.
 */
@Singleton
public class S3VideoFiles implements VideoFiles, Primed {

    private static final int SHA256_BYTES = 32;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    private final AwsClientSettings limits;

    public S3VideoFiles(S3Client s3, S3Presigner presigner, VideoSettings settings, AwsClientSettings limits) {
        this.limits = limits;
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = settings.bucket();
    }

    @Override
    public Upload presignUpload(String objectKey, String mimeType, String contentDisposition, long sizeBytes,
                                String sha256, Duration validity) {
        within(sizeBytes);
        String checksum = sha256 == null ? null : Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
        PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(validity)
                .putObjectRequest(o -> o.bucket(bucket).key(objectKey).contentType(mimeType).contentDisposition(contentDisposition)
                        .checksumSHA256(checksum)));
        Map<String, String> headers = new LinkedHashMap<>();
        put.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) { // the client sets Host from the URL
                headers.put(headerName(name), String.join(",", values));
            }
        });
        return new Upload(put.url().toString(), headers, put.expiration(), "s3://" + bucket + "/" + objectKey);
    }

    /** {@code content-type} → {@code Content-Type}, as people write them; S3's own {@code x-amz-*} as AWS writes them. */
    private static String headerName(String signedName) {
        if (signedName.startsWith("x-amz-")) {
            return signedName;
        }
        return Arrays.stream(signedName.split("-"))
                .map(part -> part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining("-"));
    }

    @Override
    public Optional<Stored> stored(String objectKey) {
        return AwsCalls.guard("HeadObject", () -> {
            try {
                HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(objectKey).checksumMode(ChecksumMode.ENABLED));
                return Optional.of(new Stored(head.contentLength(), hex(head.checksumSHA256())));
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public String copy(String fromKey, String toKey, long sizeBytes) {
        within(sizeBytes);
        // S3 copies (and hashes) a large file for longer than an ordinary call may last: the copy
        // may take what is left of the invocation but its reserve (publish runs 29 s, the HTTP API's limit).
        Duration budget = InvocationDeadline.remaining().map(left -> left.minus(limits.reserve()))
                .filter(left -> left.compareTo(limits.callTimeout()) > 0).orElse(limits.callTimeout());
        CopyObjectResponse copy = AwsCalls.guard("CopyObject", () -> s3.copyObject(c -> c
                .sourceBucket(bucket).sourceKey(fromKey).destinationBucket(bucket).destinationKey(toKey)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .overrideConfiguration(o -> o.apiCallTimeout(budget).apiCallAttemptTimeout(budget))));
        Optional<String> computed = copy.copyObjectResult() == null ? Optional.empty() : hex(copy.copyObjectResult().checksumSHA256());
        return computed.or(() -> stored(toKey).flatMap(Stored::sha256))
                .orElseThrow(() -> new IllegalStateException("S3 returned no SHA-256 for the copy of " + fromKey));
    }

    @Override
    public void delete(String objectKey) {
        AwsCalls.guard("DeleteObject", () -> s3.deleteObject(d -> d.bucket(bucket).key(objectKey)));
    }

    @Override
    public InputStream open(String objectKey) {
        return AwsCalls.guard("GetObject", () -> s3.getObject(g -> g.bucket(bucket).key(objectKey)));
    }

    /** A full-object SHA-256 (base64, 32 bytes) as lowercase hex; a multipart "checksum-N", or none, is empty. */
    private static Optional<String> hex(String base64) {
        if (base64 == null || base64.contains("-")) {
            return Optional.empty();
        }
        try {
            byte[] digest = Base64.getDecoder().decode(base64);
            return digest.length == SHA256_BYTES ? Optional.of(HexFormat.of().formatHex(digest)) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static void within(long sizeBytes) {
        if (sizeBytes > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("S3 takes at most 5 GiB in one PUT or one CopyObject: " + sizeBytes + " bytes");
        }
    }

    /** Before a snapshot: a HeadObject of a key that does not exist; nothing is written. */
    @Override
    public void prime() {
        stored(Items.PRIMING_KEY);
    }
}
