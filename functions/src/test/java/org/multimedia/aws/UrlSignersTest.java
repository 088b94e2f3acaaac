package org.multimedia.aws;

import org.junit.jupiter.api.Test;
import org.multimedia.video.UrlSigner;
import org.multimedia.video.VideoSettings;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both download signers, checked on the URL itself (the emulator does not validate signatures). */
class UrlSignersTest {

    private static final String KEY = "videos/0b6f6c5e-5b1a-4f8e-9f3a-2d8c4e1a7b90/hd";
    private static final String DISPOSITION = "attachment; filename=\"defence-ministers-hd.mp4\"";
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00.250Z");

    @Test
    void aCloudFrontUrlVerifiesWithThePublicKeyUntilTheExpiryAskedFor() throws Exception {
        KeyPair pair = rsa();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        CloudFrontUrlSigner signer = new CloudFrontUrlSigner(
                new CloudFrontSettings("d111111abcdef8.cloudfront.net", "K2JCJMDEHXQW5F", "secret"),
                () -> CloudFrontUrlSigner.privateKey(pem), Clock.fixed(NOW, ZoneOffset.UTC));

        UrlSigner.SignedUrl signed = signer.sign(KEY, DISPOSITION, Duration.ofMinutes(10));

        assertEquals(Instant.parse("2026-11-29T10:10:00Z"), signed.expiresAt());
        URI url = URI.create(signed.url());
        assertEquals("https", url.getScheme());
        assertEquals("/" + KEY, url.getPath());
        Map<String, String> query = query(url);
        assertEquals(DISPOSITION, query.get("response-content-disposition"));
        assertEquals("K2JCJMDEHXQW5F", query.get("Key-Pair-Id"));
        assertEquals(Long.toString(signed.expiresAt().getEpochSecond()), query.get("Expires"));

        String resource = signed.url().substring(0, signed.url().indexOf("&Expires="));
        assertTrue(verifies(pair.getPublic(), resource, query.get("Expires"), query.get("Signature")));
        assertFalse(verifies(pair.getPublic(), resource.replace("/hd?", "/sd?"), query.get("Expires"), query.get("Signature")),
                "another file with the same signature");
        assertFalse(verifies(pair.getPublic(), resource, Long.toString(signed.expiresAt().getEpochSecond() + 3600),
                query.get("Signature")), "a later expiry with the same signature");
        assertFalse(verifies(rsa().getPublic(), resource, query.get("Expires"), query.get("Signature")), "another key pair");
    }

    @Test
    void anS3UrlCarriesTheKeyTheExpiryAndTheAttachmentFilename() {
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "AKIDEXAMPLE"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "secret"));
        VideoSettings settings = new VideoSettings("videos-bucket", Duration.ofMinutes(10), Duration.ofHours(1), 30);
        S3UrlSigner signer = new S3UrlSigner(new AwsClients(new AwsSettings("eu-west-1", null),
                new AwsClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofSeconds(1))).s3Presigner(), settings);

        Instant before = Instant.now();
        UrlSigner.SignedUrl signed = signer.sign(KEY, DISPOSITION, Duration.ofMinutes(10));

        URI url = URI.create(signed.url());
        assertEquals("videos-bucket.s3.eu-west-1.amazonaws.com", url.getHost());
        assertEquals("/" + KEY, url.getPath());
        Map<String, String> query = query(url);
        assertEquals("600", query.get("X-Amz-Expires"));
        assertEquals(DISPOSITION, query.get("response-content-disposition"));
        assertTrue(query.containsKey("X-Amz-Signature"));
        Duration left = Duration.between(before, signed.expiresAt());
        assertTrue(left.compareTo(Duration.ofSeconds(598)) >= 0 && left.compareTo(Duration.ofSeconds(601)) <= 0, left.toString());
    }

    /** The canned policy CloudFront rebuilds from the URL, checked with SHA1withRSA as CloudFront does. */
    private static boolean verifies(PublicKey key, String resource, String expires, String urlSafeSignature) throws Exception {
        String policy = "{\"Statement\":[{\"Resource\":\"" + resource
                + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
        byte[] signature = Base64.getDecoder().decode(
                urlSafeSignature.replace('-', '+').replace('_', '=').replace('~', '/'));
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(key);
        verifier.update(policy.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(signature);
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
