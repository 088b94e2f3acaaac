package org.multimedia.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The backend's secret HMAC keys, one per {@link KeyPurpose} (a Secrets Manager secret each,
 * loaded once per container on first use): code and reset-token hashes, unsubscribe-link and
 * cursor signatures, log pseudonyms. New hashes use a purpose's current key; its previous one is
 * still accepted, so that rotating a secret invalidates nothing in flight. A function holds only
 * the keys of its purposes: asking for another is an {@link IllegalStateException}.
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

    /**
     * The same fixed keys for every purpose, the current one first: for tests that are not about
     * keys (production never shares a secret between purposes).
     */
    static HmacKeys of(String current, String... previous) {
        Map<KeyPurpose, List<String>> all = new EnumMap<>(KeyPurpose.class);
        for (KeyPurpose purpose : KeyPurpose.values()) {
            all.put(purpose, secrets(current, previous));
        }
        return of(all);
    }

    /** Fixed keys for one purpose only, the current one first; any other purpose has none. */
    static HmacKeys of(KeyPurpose purpose, String current, String... previous) {
        return of(Map.of(purpose, secrets(current, previous)));
    }

    /** Fixed keys per purpose (each list: the current secret first); a purpose left out has none. */
    static HmacKeys of(Map<KeyPurpose, List<String>> secrets) {
        Map<KeyPurpose, List<Key>> keys = new EnumMap<>(KeyPurpose.class);
        secrets.forEach((purpose, values) -> keys.put(purpose, values.stream().map(Key::of).toList()));
        return purpose -> {
            List<Key> held = keys.get(purpose);
            if (held == null || held.isEmpty()) {
                throw notHeld(purpose);
            }
            return held;
        };
    }

    /** Every key a stored hash of that purpose may have been made with: the current one first, then the previous one. */
    List<Key> all(KeyPurpose purpose);

    /** The key new hashes and signatures of that purpose are made with. */
    default Key current(KeyPurpose purpose) {
        return all(purpose).get(0);
    }

    static IllegalStateException notHeld(KeyPurpose purpose) {
        return new IllegalStateException("This function holds no key for " + purpose
                + " (its KEYS_*_SECRET_ID variable is not set: template.yaml gives each function the keys of its purposes)");
    }

    private static List<String> secrets(String current, String... previous) {
        List<String> values = new ArrayList<>();
        values.add(current);
        values.addAll(List.of(previous));
        return values;
    }
}
