package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.account.codes.CodeHasher;
import org.multimedia.account.codes.PendingCode;
import org.multimedia.account.codes.Purpose;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.KeyPurpose;
import org.multimedia.identity.EmailAddress;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 8: codes and reset tokens are hashed with keys of their own, and each purpose's
 * key rotates on its own (current and previous accepted).
 */
class PurposeKeysTest {

    private final Fakes.World world = new Fakes.World();
    private final EmailAddress alice = EmailAddress.parse("alice@example.com");

    @Test
    void aResetTokenIsHashedWithTheResetTokenKeyNotTheCodeKey() {
        HmacKeys keys = HmacKeys.of(Map.of(KeyPurpose.VERIFICATION_CODES, List.of("code-key"),
                KeyPurpose.RESET_TOKENS, List.of("reset-key")));
        ResetTokens tokens = new ResetTokens(world.codes, new CodeHasher(keys), world.clock, world.settings, new SecureRandom());
        String token = tokens.issue(alice);
        PendingCode stored = world.codes.find(Purpose.RESET_TOKEN.key(alice)).orElseThrow();
        assertTrue(stored.codeHash().startsWith(HmacKeys.Key.of("reset-key").id() + ":"), stored.codeHash());
        assertTrue(tokens.check(token).isPresent());

        // The code hasher of the same keys does not make or accept that hash.
        CodeHasher codes = new CodeHasher(keys);
        String secret = token.substring(token.lastIndexOf('.') + 1);
        assertFalse(codes.matches(stored.codeHash(), stored.key(), secret), "the code key does not check a reset token");
        assertTrue(codes.hash("binding", "123456").startsWith(HmacKeys.Key.of("code-key").id() + ":"));
    }

    @Test
    void aFunctionWithoutTheResetTokenKeyCannotIssueOrCheckTokens() {
        HmacKeys codesOnly = HmacKeys.of(KeyPurpose.VERIFICATION_CODES, "code-key");
        ResetTokens tokens = new ResetTokens(world.codes, new CodeHasher(codesOnly), world.clock, world.settings, new SecureRandom());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> tokens.issue(alice));
        assertTrue(refused.getMessage().contains("RESET_TOKENS"), refused.getMessage());
        assertTrue(new CodeHasher(codesOnly).hash("binding", "123456").startsWith(HmacKeys.Key.of("code-key").id() + ":"),
                "codes still hash with the key it has");
    }

    @Test
    void eachPurposesKeyRotatesOnItsOwn() {
        HmacKeys before = HmacKeys.of(Map.of(KeyPurpose.VERIFICATION_CODES, List.of("code-key"),
                KeyPurpose.RESET_TOKENS, List.of("reset-key")));
        ResetTokens issuing = new ResetTokens(world.codes, new CodeHasher(before), world.clock, world.settings, new SecureRandom());
        String token = issuing.issue(alice);
        String codeHash = new CodeHasher(before).hash("binding", "123456");

        // The reset key rotated (the previous one still accepted); the code key did not.
        HmacKeys after = HmacKeys.of(Map.of(KeyPurpose.VERIFICATION_CODES, List.of("code-key"),
                KeyPurpose.RESET_TOKENS, List.of("reset-key-2", "reset-key")));
        ResetTokens checking = new ResetTokens(world.codes, new CodeHasher(after), world.clock, world.settings, new SecureRandom());
        assertTrue(checking.check(token).isPresent(), "a token issued before the rotation still works");
        assertTrue(new CodeHasher(after).matches(codeHash, "binding", "123456"));
        assertTrue(checking.issue(alice).length() > 0);
        assertTrue(world.codes.find(Purpose.RESET_TOKEN.key(alice)).orElseThrow().codeHash()
                .startsWith(HmacKeys.Key.of("reset-key-2").id() + ":"), "new tokens use the new key");
    }
}
