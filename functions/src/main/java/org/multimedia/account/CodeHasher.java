package org.multimedia.account;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Keyed hash (HMAC-SHA-256) of a secret bound to what it is for: a code for the sign-up of
 * alice@example.com hashes differently from the same digits for her password reset.
 */
@Singleton
public class CodeHasher {

    private final CodeKey key;

    public CodeHasher(CodeKey key) {
        this.key = key;
    }

    public String hash(String binding, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] digest = mac.doFinal((binding + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time comparison against a stored hash. */
    public boolean matches(String storedHash, String binding, String secret) {
        return storedHash != null && MessageDigest.isEqual(
                storedHash.getBytes(StandardCharsets.US_ASCII),
                hash(binding, secret).getBytes(StandardCharsets.US_ASCII));
    }
}
