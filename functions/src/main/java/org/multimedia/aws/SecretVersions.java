package org.multimedia.aws;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * A secret's {@code AWSCURRENT} value and, once it has been rotated, its {@code AWSPREVIOUS} one
 * (in that order): what a reader accepts while a rotation reaches everyone. A stage the secret
 * does not have is left out; any other failure is {@code 503} ({@link AwsCalls#guard}).
 */
final class SecretVersions {

    private SecretVersions() {
    }

    static List<String> currentAndPrevious(SecretsManagerClient secrets, String secretId) {
        List<String> values = new ArrayList<>();
        for (String stage : List.of("AWSCURRENT", "AWSPREVIOUS")) {
            String value = AwsCalls.guard("GetSecretValue", () -> {
                try {
                    return secrets.getSecretValue(r -> r.secretId(secretId).versionStage(stage)).secretString();
                } catch (ResourceNotFoundException noSuchVersion) {
                    return null; // never rotated: no previous version
                }
            });
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }
}
