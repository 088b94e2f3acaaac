package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationCodesTest {

    private final Fakes.World world = new Fakes.World();
    private final VerificationCodes codes = world.verificationCodes;
    private final EmailAddress alice = EmailAddress.parse("alice@example.com");

    @Test
    void aCodeIsSixDigitsStoredOnlyAsAHash() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        assertTrue(code.matches("[0-9]{6}"));
        PendingCode stored = world.codes.items.get("signup#alice@example.com");
        assertFalse(stored.codeHash().contains(code));
        assertEquals(5, stored.attemptsLeft());
    }

    @Test
    void leadingZerosAreKept() {
        SecureRandom zeros = new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                return 42;
            }
        };
        VerificationCodes fixed = new VerificationCodes(world.codes, world.hasher, world.clock, world.settings, zeros, world.events);
        assertEquals("000042", fixed.issue(Purpose.SIGN_UP, alice, Map.of()));
        fixed.check(Purpose.SIGN_UP, alice, "000042");
        assertEquals(4, attemptsLeftAfter("42"), "'42' is not the code '000042'");
    }

    @Test
    void theRightCodeWorksUntilThirtyMinutesHavePassed() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of("newsletter", "true"));
        world.clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertEquals("true", codes.check(Purpose.SIGN_UP, alice, code).attributes().get("newsletter"));
        world.clock.advance(Duration.ofSeconds(1));
        assertEquals("code_expired", error(() -> codes.check(Purpose.SIGN_UP, alice, code)).code());
    }

    @Test
    void wrongCodesCountDownAndTheFifthKillsTheCode() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        String wrong = code.equals("111111") ? "222222" : "111111";
        for (int left = 4; left >= 1; left--) {
            assertEquals(left, attemptsLeftAfter(wrong));
        }
        DomainException fifth = error(() -> codes.check(Purpose.SIGN_UP, alice, wrong));
        assertEquals("too_many_attempts", fifth.code());
        assertEquals(DomainException.Kind.TOO_MANY_REQUESTS, fifth.kind());
        assertEquals("too_many_attempts", error(() -> codes.check(Purpose.SIGN_UP, alice, code)).code(),
                "the right code is refused once the code is dead");
    }

    @Test
    void aNewCodeReplacesTheOldOneAndRestoresTheAttempts() {
        String first = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        for (int i = 0; i < 5; i++) {
            error(() -> codes.check(Purpose.SIGN_UP, alice, "abcdef"));
        }
        String second = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        if (!first.equals(second)) {
            assertEquals(4, attemptsLeftAfter(first), "the old code stops working");
        }
        codes.check(Purpose.SIGN_UP, alice, second);
    }

    @Test
    void aCodeWorksOnce() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        PendingCode pending = codes.check(Purpose.SIGN_UP, alice, code);
        assertTrue(codes.consume(pending));
        assertFalse(codes.consume(pending), "a parallel request cannot use it again");
        assertEquals(4, attemptsLeftAfter(code));
    }

    @Test
    void aCodeIsBoundToItsPurposeAndAddress() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        assertEquals("invalid_code", error(() -> codes.check(Purpose.PASSWORD_RESET, alice, code)).code());
        EmailAddress bob = EmailAddress.parse("bob@example.com");
        assertEquals("invalid_code", error(() -> codes.check(Purpose.SIGN_UP, bob, code)).code());
        assertNotEquals(world.hasher.hash("signup#alice@example.com", code), world.hasher.hash("reset#alice@example.com", code));
    }

    @Test
    void anAddressWithoutACodeAnswersExactlyLikeAWrongCode() {
        EmailAddress nobody = EmailAddress.parse("nobody@example.com");
        for (int left = 4; left >= 1; left--) {
            DomainException e = error(() -> codes.check(Purpose.SIGN_UP, nobody, "123456"));
            assertEquals("invalid_code", e.code());
            assertEquals(left, e.details().get("attemptsLeft"));
        }
        assertEquals("too_many_attempts", error(() -> codes.check(Purpose.SIGN_UP, nobody, "123456")).code());
    }

    private int attemptsLeftAfter(String entered) {
        DomainException e = error(() -> codes.check(Purpose.SIGN_UP, alice, entered));
        assertEquals("invalid_code", e.code());
        return (Integer) e.details().get("attemptsLeft");
    }

    static DomainException error(Runnable call) {
        return assertThrows(DomainException.class, call::run);
    }
}
