package org.multimedia.aws;

import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.account.codes.CodeSettings;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.Primed;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HMAC keys ({@code CODES_KEY_SECRET_ID}): the secret's {@code AWSCURRENT} and, when the
 * secret was rotated, its {@code AWSPREVIOUS} version, read once per container on first use.
 */
@Singleton
public class SecretsManagerHmacKeys implements HmacKeys, Primed {

    private final Supplier<List<Key>> keys;

    public SecretsManagerHmacKeys(Provider<SecretsManagerClient> secrets, CodeSettings settings) {
        this.keys = SupplierUtil.memoized(() -> {
            List<Key> found = new ArrayList<>();
            for (String stage : List.of("AWSCURRENT", "AWSPREVIOUS")) {
                String secret = AwsCalls.guard("GetSecretValue", () -> {
                    try {
                        return secrets.get().getSecretValue(r -> r.secretId(settings.keySecretId()).versionStage(stage))
                                .secretString();
                    } catch (ResourceNotFoundException noSuchVersion) {
                        return null; // never rotated: no previous version
                    }
                });
                if (secret != null) {
                    found.add(Key.of(secret));
                }
            }
            if (found.isEmpty()) {
                throw new IllegalStateException("The HMAC key secret has no current version");
            }
            return List.copyOf(found);
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
