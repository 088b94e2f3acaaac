package org.multimedia.aws;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.testing.MutableClock;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The origin secret as Secrets Manager holds it: current and previous values, read on first use, kept five minutes. */
class SecretsManagerOriginSecretsTest {

    private static final String ID = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:OriginSecret-AbCdEf";

    /** The secret's versions by stage; the calls made, as "stage". */
    private final Map<String, String> stages = new HashMap<>(Map.of("AWSCURRENT", "first-value"));
    private final List<String> calls = new ArrayList<>();
    private boolean failing;
    private boolean built;

    private final SecretsManagerClient secretsManager = new SecretsManagerClient() {
        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            assertEquals(ID, request.secretId());
            calls.add(request.versionStage());
            if (failing) {
                throw InternalServiceErrorException.builder().message("down").build();
            }
            String value = stages.get(request.versionStage());
            if (value == null) {
                throw ResourceNotFoundException.builder().message("no version with stage " + request.versionStage()).build();
            }
            return GetSecretValueResponse.builder().secretString(value).build();
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {
        }
    };

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

    private SecretsManagerOriginSecrets origin(String secretId) {
        return new SecretsManagerOriginSecrets(() -> {
            built = true;
            return secretsManager;
        }, new OriginSettings(secretId), clock);
    }

    @Test
    void nothingIsReadBeforeTheFirstCheckAndPrimingOnlyBuildsTheClient() {
        SecretsManagerOriginSecrets origin = origin(ID);
        assertFalse(built);
        origin.prime();
        assertTrue(built);
        assertEquals(List.of(), calls, "no secret in a snapshot");
    }

    @Test
    void aNeverRotatedSecretHasOnlyItsCurrentValue() {
        SecretsManagerOriginSecrets origin = origin(ID);
        assertTrue(origin.accepts("first-value"));
        assertFalse(origin.accepts("second-value"));
        assertFalse(origin.accepts(""));
        assertEquals(List.of("AWSCURRENT", "AWSPREVIOUS"), calls, "read once, both stages asked");
    }

    @Test
    void afterARotationBothValuesPassAndTheValuesAreReadAgainOnlyAfterFiveMinutes() {
        SecretsManagerOriginSecrets origin = origin(ID);
        assertTrue(origin.accepts("first-value"));
        stages.put("AWSPREVIOUS", "first-value");
        stages.put("AWSCURRENT", "second-value");

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertFalse(origin.accepts("second-value"), "still the values read five minutes ago");
        assertEquals(2, calls.size());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(origin.accepts("second-value"));
        assertTrue(origin.accepts("first-value"));
        assertFalse(origin.accepts("third-value"));
        assertEquals(4, calls.size(), "read again once");
    }

    @Test
    void withoutASecretIdEverythingIsRefusedAndNothingIsRead() {
        for (String unset : new String[]{null, "", " "}) {
            SecretsManagerOriginSecrets origin = origin(unset);
            assertFalse(origin.accepts("first-value"));
            assertFalse(origin.accepts(""));
        }
        assertEquals(List.of(), calls);
    }

    @Test
    void aSecretsManagerFailureIsUnavailableNotAnAnswerAndIsNotCached() {
        failing = true;
        SecretsManagerOriginSecrets origin = origin(ID);
        DomainException e = assertThrows(DomainException.class, () -> origin.accepts("first-value"));
        assertEquals(DomainException.Kind.UNAVAILABLE, e.kind());
        failing = false;
        assertTrue(origin.accepts("first-value"));
    }
}
