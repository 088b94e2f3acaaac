package org.multimedia.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The backend's secret HMAC keys (a Secrets Manager secret, loaded once per container): code and
 * reset-token hashes, and the signature of catalogue cursors. New hashes use the current key;
 * the previous one is still accepted, so that rotating the secret invalidates nothing in flight.
 */
public interface HmacKeys {

    /** A key and its id: a fingerprint, stored with each hash to tell which key made it. */
    record Key(String id, byte[] bytes) {

        public static Key of(String secret) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Key(HexFormat.of().formatHex(digest, 0, 4), bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Fixed keys, the current one first (tests, tools). */
    static HmacKeys of(String current, String... previous) {
        List<Key> keys = new java.util.ArrayList<>();
        keys.add(Key.of(current));
        for (String key : previous) {
            keys.add(Key.of(key));
        }
        List<Key> all = List.copyOf(keys);
        return new HmacKeys() {
            @Override
            public Key current() {
                return all.get(0);
            }

            @Override
            public List<Key> all() {
                return all;
            }
        };
    }

    /** The key new hashes and signatures are made with. */
    Key current();

    /** Every key a stored hash may have been made with: the current one first, then the previous one. */
    List<Key> all();
}
