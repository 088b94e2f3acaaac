package org.multimedia.aws;

import org.junit.jupiter.api.Test;
import org.multimedia.account.VerifyResetCodeHandler;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.KeyPurpose;
import org.multimedia.testing.TestAws;
import org.multimedia.video.ListVideosHandler;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 8 against the emulator, with each function's environment as template.yaml sets
 * it: a function reads the secrets of its purposes and has no key for any other; each secret
 * rotates on its own (AWSCURRENT signs, AWSPREVIOUS is still accepted).
 */
class PurposeKeysIntegrationTest {

    private final TestAws aws = TestAws.get();

    @Test
    void thePublicCatalogueFunctionHasTheCursorKeyAndNoOther() {
        HmacKeys keys = aws.handler(ListVideosHandler.class, "ListVideosFunction").getApplicationContext().getBean(HmacKeys.class);
        assertEquals(HmacKeys.Key.of(secret("CatalogueCursorKey")).id(), keys.current(KeyPurpose.CATALOGUE_CURSORS).id());
        for (KeyPurpose other : List.of(KeyPurpose.VERIFICATION_CODES, KeyPurpose.RESET_TOKENS,
                KeyPurpose.UNSUBSCRIBE_LINKS, KeyPurpose.LOG_PSEUDONYMS)) {
            IllegalStateException notHeld = assertThrows(IllegalStateException.class, () -> keys.current(other));
            assertTrue(notHeld.getMessage().contains(other.name()), notHeld.getMessage());
        }
    }

    @Test
    void thePurposesOfOneFunctionHaveSecretsOfTheirOwn() {
        HmacKeys keys = aws.handler(VerifyResetCodeHandler.class, "VerifyResetCodeFunction").getApplicationContext().getBean(HmacKeys.class);
        String codes = keys.current(KeyPurpose.VERIFICATION_CODES).id();
        String tokens = keys.current(KeyPurpose.RESET_TOKENS).id();
        String logs = keys.current(KeyPurpose.LOG_PSEUDONYMS).id();
        assertEquals(HmacKeys.Key.of(secret("VerificationCodeKey")).id(), codes);
        assertEquals(HmacKeys.Key.of(secret("ResetTokenKey")).id(), tokens);
        assertEquals(HmacKeys.Key.of(secret("LogPseudonymKey")).id(), logs);
        assertEquals(3, java.util.Set.of(codes, tokens, logs).size());
        assertThrows(IllegalStateException.class, () -> keys.current(KeyPurpose.CATALOGUE_CURSORS));
    }

    @Test
    void aRotatedSecretSignsWithTheNewValueAndStillAcceptsThePreviousOne() {
        String name = "cursor-rotation-" + UUID.randomUUID();
        try (SecretsManagerClient secrets = aws.aws().client(SecretsManagerClient.builder())) {
            secrets.createSecret(r -> r.name(name).secretString("before-" + UUID.randomUUID()));
            Map<String, String> env = Map.of("KEYS_CATALOGUE_CURSORS_SECRET_ID", name);
            HmacKeys before = aws.handler(ListVideosHandler.class, "ListVideosFunction", env).getApplicationContext().getBean(HmacKeys.class);
            assertEquals(1, before.all(KeyPurpose.CATALOGUE_CURSORS).size(), "never rotated: no previous version");
            String old = before.current(KeyPurpose.CATALOGUE_CURSORS).id();

            secrets.putSecretValue(r -> r.secretId(name).secretString("after-" + UUID.randomUUID()));
            HmacKeys after = aws.handler(ListVideosHandler.class, "ListVideosFunction", env).getApplicationContext().getBean(HmacKeys.class);
            assertNotEquals(old, after.current(KeyPurpose.CATALOGUE_CURSORS).id(), "a new container signs with the new value");
            assertEquals(List.of(after.current(KeyPurpose.CATALOGUE_CURSORS).id(), old),
                    after.all(KeyPurpose.CATALOGUE_CURSORS).stream().map(HmacKeys.Key::id).toList(), "current, then previous");
        }
    }

    private String secret(String logicalId) {
        try (SecretsManagerClient secrets = aws.aws().client(SecretsManagerClient.builder())) {
            return secrets.getSecretValue(r -> r.secretId(aws.stack().physicalId(logicalId))).secretString();
        }
    }
}
