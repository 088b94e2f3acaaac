package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.operations.site.SiteBucket;
import org.multimedia.operations.site.SiteSettings;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The website's bucket in S3: PutObject with the visitors' headers (Content-Type, Cache-Control),
 * GetObject (the page a release replaces), ListObjectsV2 (paginated) and DeleteObject, one key at a
 * time (a site is a few dozen objects; DeleteObjects would need Content-MD5 and a partial-failure
 * report for nothing). The role allows these on SiteBucket only.
 */
@Singleton
public class S3SiteBucket implements SiteBucket, Primed {

    private final S3Client s3;
    private final String bucket;

    public S3SiteBucket(S3Client s3, SiteSettings settings) {
        this.s3 = s3;
        this.bucket = settings.bucket();
    }

    @Override
    public void put(String key, byte[] content, String contentType, String cacheControl) {
        call("PutObject", () -> s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl),
                RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<byte[]> get(String key) {
        return call("GetObject", () -> {
            try {
                return Optional.of(s3.getObject(g -> g.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray());
            } catch (NoSuchKeyException missing) {
                return Optional.empty();
            }
        });
    }

    @Override
    public List<String> keys() {
        return call("ListObjectsV2", () -> s3.listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList());
    }

    @Override
    public void delete(String key) {
        call("DeleteObject", () -> s3.deleteObject(d -> d.bucket(bucket).key(key)));
    }

    /** A missing bucket is said as such (the operator must know which); any other failure is the usual 503. */
    private <T> T call(String operation, Supplier<T> call) {
        return AwsCalls.guard(operation, () -> {
            try {
                return call.get();
            } catch (NoSuchBucketException gone) {
                throw new Missing(bucket);
            } catch (S3Exception e) {
                if (e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
                    throw new Missing(bucket);
                }
                throw e;
            }
        });
    }

    /** Before a snapshot: a GetObject of a key that does not exist; nothing is written. */
    @Override
    public void prime() {
        get(Items.PRIMING_KEY);
    }
}
