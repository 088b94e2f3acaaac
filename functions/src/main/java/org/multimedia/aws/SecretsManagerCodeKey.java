package org.multimedia.aws;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.account.CodeKey;
import org.multimedia.account.CodeSettings;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.nio.charset.StandardCharsets;

/** The code-hashing key, a Secrets Manager secret read once per container on first use (client included). */
@Singleton
public class SecretsManagerCodeKey implements CodeKey {

    private final Provider<SecretsManagerClient> secrets;
    private final CodeSettings settings;
    private volatile byte[] key;

    public SecretsManagerCodeKey(Provider<SecretsManagerClient> secrets, CodeSettings settings) {
        this.secrets = secrets;
        this.settings = settings;
    }

    @Override
    public byte[] bytes() {
        byte[] value = key;
        if (value == null) {
            value = AwsCalls.guard("GetSecretValue", () -> secrets.get().getSecretValue(r -> r.secretId(settings.keySecretId())))
                    .secretString().getBytes(StandardCharsets.UTF_8);
            key = value;
        }
        return value;
    }
}
