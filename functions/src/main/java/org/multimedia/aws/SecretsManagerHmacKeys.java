package org.multimedia.aws;

import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.account.codes.CodeSettings;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.Primed;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.List;
import java.util.function.Supplier;

/**
 * The HMAC keys ({@code CODES_KEY_SECRET_ID}): the secret's {@code AWSCURRENT} and, when the
 * secret was rotated, its {@code AWSPREVIOUS} version, read once per container on first use.
 */
@Singleton
public class SecretsManagerHmacKeys implements HmacKeys, Primed {

    private final Supplier<List<Key>> keys;

    public SecretsManagerHmacKeys(Provider<SecretsManagerClient> secretsManager, CodeSettings settings) {
        this.keys = SupplierUtil.memoized(() -> {
            List<String> secrets = SecretVersions.currentAndPrevious(secretsManager.get(), settings.keySecretId());
            if (secrets.isEmpty()) {
                throw new IllegalStateException("The HMAC key secret has no current version");
            }
            return secrets.stream().map(Key::of).toList();
        });
    }

    @Override
    public Key current() {
        return keys.get().get(0);
    }

    @Override
    public List<Key> all() {
        return keys.get();
    }

    /** Before a snapshot: the keys read (function-wide, not a user's). */
    @Override
    public void prime() {
        keys.get();
    }
}
