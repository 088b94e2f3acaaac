package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.HmacKey;
import org.multimedia.core.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Keyed hash (HMAC-SHA-256) of a secret bound to what it is for: a code for the sign-up of
 * alice@example.com hashes differently from the same digits for her password reset.
 */
@Singleton
public class CodeHasher {

    private final HmacKey key;

    public CodeHasher(HmacKey key) {
        this.key = key;
    }

    public String hash(String binding, String secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(HmacSha256.of(key.bytes(), binding + "\n" + secret));
    }

    /** Constant-time comparison against a stored hash. */
    public boolean matches(String storedHash, String binding, String secret) {
        return storedHash != null && MessageDigest.isEqual(
                storedHash.getBytes(StandardCharsets.US_ASCII),
                hash(binding, secret).getBytes(StandardCharsets.US_ASCII));
    }
}
