package org.multimedia.aws;

import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.KeyPurpose;
import org.multimedia.core.KeySettings;
import org.multimedia.core.Primed;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HMAC keys, one secret per purpose ({@code KEYS_*_SECRET_ID}): each secret's
 * {@code AWSCURRENT} and, when it was rotated, its {@code AWSPREVIOUS} version, read once per
 * container on first use. A purpose whose secret this function is not given has no key.
 */
@Singleton
public class SecretsManagerHmacKeys implements HmacKeys, Primed {

    private final Map<KeyPurpose, Supplier<List<Key>>> keys = new EnumMap<>(KeyPurpose.class);

    public SecretsManagerHmacKeys(Provider<SecretsManagerClient> secretsManager, KeySettings settings) {
        for (KeyPurpose purpose : KeyPurpose.values()) {
            String secretId = settings.secretId(purpose);
            if (secretId != null && !secretId.isBlank()) {
                keys.put(purpose, SupplierUtil.memoized(() -> {
                    List<String> secrets = SecretVersions.currentAndPrevious(secretsManager.get(), secretId);
                    if (secrets.isEmpty()) {
                        throw new IllegalStateException("The " + purpose + " key secret has no current version");
                    }
                    return secrets.stream().map(Key::of).toList();
                }));
            }
        }
    }

    @Override
    public List<Key> all(KeyPurpose purpose) {
        Supplier<List<Key>> held = keys.get(purpose);
        if (held == null) {
            throw HmacKeys.notHeld(purpose);
        }
        return held.get();
    }

    /** Before a snapshot: the keys of this function's purposes read (function-wide, not a user's). */
    @Override
    public void prime() {
        keys.values().forEach(Supplier::get);
    }
}
