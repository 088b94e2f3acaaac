package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.video.VideoSettings;
import org.multimedia.video.search.SearchIndexFiles;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Optional;

/**
 * The search index in the video bucket, at {@value #KEY} (never served: the bucket policy lets
 * CloudFront read videos/ and public/ only). A read with a known ETag is a conditional GET
 * ({@code If-None-Match}: S3 answers 304 without the body when nothing changed); a write is a
 * conditional PUT ({@code If-Match} the version it replaces, or {@code If-None-Match: *} for the
 * first one: S3 answers 412, or 409 when two conditional writes meet, if someone wrote first).
 * A missing index is 404 because the roles may also ListBucket; without it S3 would answer 403.
 */
@Singleton
public class S3SearchIndexFiles implements SearchIndexFiles, Primed {

    static final String KEY = "search/index";

    private final S3Client s3;
    private final String bucket;

    public S3SearchIndexFiles(S3Client s3, VideoSettings settings) {
        this.s3 = s3;
        this.bucket = settings.bucket();
    }

    @Override
    public Read read(Optional<String> knownEtag) {
        return AwsCalls.guard("GetObject", () -> {
            try {
                ResponseBytes<GetObjectResponse> object = s3.getObject(g -> g.bucket(bucket).key(KEY)
                        .ifNoneMatch(knownEtag.orElse(null)), ResponseTransformer.toBytes());
                return new Changed(new Stored(object.asByteArray(), object.response().eTag()));
            } catch (NoSuchKeyException missing) {
                return new Absent();
            } catch (S3Exception e) {
                if (e.statusCode() == 304) {
                    return new Unchanged();
                }
                if (e.statusCode() == 404) {
                    return new Absent();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean write(byte[] bytes, Optional<String> replacing) {
        return AwsCalls.guard("PutObject", () -> {
            try {
                s3.putObject(p -> p.bucket(bucket).key(KEY).contentType("application/octet-stream")
                                .ifMatch(replacing.orElse(null)).ifNoneMatch(replacing.isPresent() ? null : "*"),
                        RequestBody.fromBytes(bytes));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412 || e.statusCode() == 409) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Before a snapshot: a conditional GET of the index (absent or not, nothing is written). */
    @Override
    public void prime() {
        read(Optional.of("\"priming\""));
    }
}
