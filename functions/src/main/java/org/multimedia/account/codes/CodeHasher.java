package org.multimedia.account.codes;

import jakarta.inject.Singleton;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.HmacSha256;
import org.multimedia.core.KeyPurpose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Keyed hash (HMAC-SHA-256) of a secret bound to what it is for: a code for the sign-up of
 * alice@example.com hashes differently from the same digits for her password reset. A hash is
 * stored as {@code keyId:hash}, so after a key rotation it is checked with the key that made it.
 * The bean hashes codes with the {@link KeyPurpose#VERIFICATION_CODES} key; {@link #forResetTokens()}
 * is the same hashing with the reset-token key (a function that checks codes cannot make tokens).
 */
@Singleton
public class CodeHasher {

    private final HmacKeys keys;
    private final KeyPurpose purpose;

    public CodeHasher(HmacKeys keys) {
        this(keys, KeyPurpose.VERIFICATION_CODES);
    }

    private CodeHasher(HmacKeys keys, KeyPurpose purpose) {
        this.keys = keys;
        this.purpose = purpose;
    }

    /** The same hashing, with the key of the password-reset tokens. */
    public CodeHasher forResetTokens() {
        return new CodeHasher(keys, KeyPurpose.RESET_TOKENS);
    }

    public String hash(String binding, String secret) {
        HmacKeys.Key key = keys.current(purpose);
        return key.id() + ":" + mac(key, binding, secret);
    }

    /** Constant-time comparison against a stored hash, with the key that made it. */
    public boolean matches(String storedHash, String binding, String secret) {
        if (storedHash == null) {
            return false;
        }
        int colon = storedHash.indexOf(':');
        String keyId = colon < 0 ? null : storedHash.substring(0, colon);
        String stored = storedHash.substring(colon + 1);
        return keys.all(purpose).stream()
                .filter(key -> keyId == null || key.id().equals(keyId))
                .anyMatch(key -> MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                        mac(key, binding, secret).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String mac(HmacKeys.Key key, String binding, String secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(HmacSha256.of(key.bytes(), binding + "\n" + secret));
    }
}
