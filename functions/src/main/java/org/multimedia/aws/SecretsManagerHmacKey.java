package org.multimedia.aws;

import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.account.CodeSettings;
import org.multimedia.core.HmacKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The HMAC key ({@code CODES_KEY_SECRET_ID}), a Secrets Manager secret read once per container on first use (client included). */
@Singleton
public class SecretsManagerHmacKey implements HmacKey {

    private final Supplier<byte[]> key;

    public SecretsManagerHmacKey(Provider<SecretsManagerClient> secrets, CodeSettings settings) {
        this.key = SupplierUtil.memoized(() -> AwsCalls.guard("GetSecretValue",
                () -> secrets.get().getSecretValue(r -> r.secretId(settings.keySecretId())))
                .secretString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() {
        return key.get();
    }
}
