package org.multimedia.aws;

import org.multimedia.core.Primed;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.video.UrlSigner;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Download links as CloudFront signed URLs (canned policy, the SDK's CloudFrontUtilities). The
 * private key is read from Secrets Manager once per container and never logged. The
 * {@code response-content-disposition} query string is part of the signed URL and of the
 * distribution's cache key, and CloudFront passes it to S3, which answers with it.
 */
@Singleton
@Requires(property = CloudFrontSettings.DOMAIN)
public class CloudFrontUrlSigner implements UrlSigner, Primed {

    private final CloudFrontSettings settings;
    private final Supplier<PrivateKey> privateKey;
    private final Clock clock;
    private final CloudFrontUtilities cloudFront = CloudFrontUtilities.create();

    public CloudFrontUrlSigner(CloudFrontSettings settings, Provider<SecretsManagerClient> secrets, Clock clock) {
        this(settings, SupplierUtil.memoized(() -> privateKey(AwsCalls.guard("GetSecretValue",
                () -> secrets.get().getSecretValue(r -> r.secretId(settings.privateKeySecretId())).secretString()))), clock);
    }

    CloudFrontUrlSigner(CloudFrontSettings settings, Supplier<PrivateKey> privateKey, Clock clock) {
        this.settings = settings;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    @Override
    public SignedUrl sign(String objectKey, String contentDisposition, Duration validity) {
        Instant expiresAt = clock.instant().plus(validity).truncatedTo(ChronoUnit.SECONDS); // the policy counts seconds
        String resource = "https://" + settings.domain() + "/" + objectKey
                + "?response-content-disposition=" + URLEncoder.encode(contentDisposition, StandardCharsets.UTF_8).replace("+", "%20");
        String url = cloudFront.getSignedUrlWithCannedPolicy(r -> r.resourceUrl(resource)
                .privateKey(privateKey.get())
                .keyPairId(settings.keyPairId())
                .expirationDate(expiresAt)).url();
        return new SignedUrl(url, expiresAt);
    }

    /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), as {@code openssl genpkey} writes it. */
    static PrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The CloudFront private key secret is not a PKCS#8 RSA PEM");
        }
    }

    /** Before a snapshot: the private key read and one URL signed for an object that does not exist. */
    @Override
    public void prime() {
        sign("priming", "attachment", Duration.ofMinutes(1));
    }
}
