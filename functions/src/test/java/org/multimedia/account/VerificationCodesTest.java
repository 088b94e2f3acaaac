package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.account.codes.CodeSettings;
import org.multimedia.account.codes.CodeStore;
import org.multimedia.account.codes.PendingCode;
import org.multimedia.account.codes.Purpose;
import org.multimedia.account.codes.VerificationCodes;
import org.multimedia.account.codes.WrongCodeBudget;
import org.multimedia.core.DomainException;
import org.multimedia.identity.EmailAddress;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationCodesTest {

    private final Fakes.World world = new Fakes.World();
    private final VerificationCodes codes = world.verificationCodes;
    private static final String CLIENT = "198.51.100.1";
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
        VerificationCodes fixed = new VerificationCodes(world.codes, world.hasher, world.clock, world.settings, zeros, world.events,
                new WrongCodeBudget(world.counters, world.clock, world.settings, world.events));
        assertEquals("000042", fixed.issue(Purpose.SIGN_UP, alice, Map.of()));
        fixed.check(Purpose.SIGN_UP, alice, "000042", CLIENT);
        assertEquals(3, attemptsLeftAfter("42"), "'42' is not the code '000042' (and every attempt counts, right ones too)");
    }

    @Test
    void theRightCodeWorksUntilThirtyMinutesHavePassed() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of("newsletter", "true"));
        world.clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertEquals("true", codes.check(Purpose.SIGN_UP, alice, code, CLIENT).attributes().get("newsletter"));
        world.clock.advance(Duration.ofSeconds(1));
        assertEquals("code_expired", error(() -> codes.check(Purpose.SIGN_UP, alice, code, CLIENT)).code());
    }

    @Test
    void wrongCodesCountDownAndTheFifthKillsTheCode() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        String wrong = code.equals("111111") ? "222222" : "111111";
        for (int left = 4; left >= 1; left--) {
            assertEquals(left, attemptsLeftAfter(wrong));
        }
        DomainException fifth = error(() -> codes.check(Purpose.SIGN_UP, alice, wrong, CLIENT));
        assertEquals("too_many_attempts", fifth.code());
        assertEquals(DomainException.Kind.TOO_MANY_REQUESTS, fifth.kind());
        assertEquals("too_many_attempts", error(() -> codes.check(Purpose.SIGN_UP, alice, code, CLIENT)).code(),
                "the right code is refused once the code is dead");
    }

    @Test
    void aNewCodeReplacesTheOldOneAndRestoresTheAttempts() {
        String first = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        for (int i = 0; i < 5; i++) {
            error(() -> codes.check(Purpose.SIGN_UP, alice, "abcdef", CLIENT));
        }
        String second = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        if (!first.equals(second)) {
            assertEquals(4, attemptsLeftAfter(first), "the old code stops working");
        }
        codes.check(Purpose.SIGN_UP, alice, second, CLIENT);
    }

    @Test
    void aCodeWorksOnce() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        PendingCode pending = codes.check(Purpose.SIGN_UP, alice, code, CLIENT);
        assertTrue(codes.consume(pending));
        assertFalse(codes.consume(pending), "a parallel request cannot use it again");
        assertEquals(4, attemptsLeftAfter(code));
    }

    @Test
    void aCodeIsBoundToItsPurposeAndAddress() {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        assertEquals("invalid_code", error(() -> codes.check(Purpose.PASSWORD_RESET, alice, code, CLIENT)).code());
        EmailAddress bob = EmailAddress.parse("bob@example.com");
        assertEquals("invalid_code", error(() -> codes.check(Purpose.SIGN_UP, bob, code, CLIENT)).code());
        assertNotEquals(world.hasher.hash("signup#alice@example.com", code), world.hasher.hash("reset#alice@example.com", code));
    }

    @Test
    void anAddressWithoutACodeAnswersExactlyLikeAWrongCode() {
        EmailAddress nobody = EmailAddress.parse("nobody@example.com");
        for (int left = 4; left >= 1; left--) {
            DomainException e = error(() -> codes.check(Purpose.SIGN_UP, nobody, "123456", CLIENT));
            assertEquals("invalid_code", e.code());
            assertEquals(left, e.details().get("attemptsLeft"));
        }
        assertEquals("too_many_attempts", error(() -> codes.check(Purpose.SIGN_UP, nobody, "123456", CLIENT)).code());
    }

    /** Item 3: the attempt is counted before the code is compared, so parallel guesses cannot outnumber it. */
    @Test
    void parallelGuessesGetNoMoreTriesThanTheAttemptsLeft() throws Exception {
        String code = codes.issue(Purpose.SIGN_UP, alice, Map.of());
        String wrong = code.equals("111111") ? "222222" : "111111";
        CountDownLatch arrived = new CountDownLatch(10);
        CountDownLatch go = new CountDownLatch(1);
        // Every request is held right after its first store access, until all ten have made theirs.
        CodeStore gated = new CodeStore() {
            @Override
            public void put(PendingCode pending) {
                world.codes.put(pending);
            }

            @Override
            public Optional<PendingCode> find(String key) {
                return hold(world.codes.find(key));
            }

            @Override
            public Optional<PendingCode> takeAttempt(String key, int maxAttempts, Instant expiresAtIfNew) {
                return hold(world.codes.takeAttempt(key, maxAttempts, expiresAtIfNew));
            }

            @Override
            public boolean consume(String key, String codeHash) {
                return world.codes.consume(key, codeHash);
            }

            @Override
            public void delete(String key) {
                world.codes.delete(key);
            }

            private <T> T hold(T result) {
                arrived.countDown();
                try {
                    go.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return result;
            }
        };
        VerificationCodes racing = new VerificationCodes(gated, world.hasher, world.clock, world.settings, new SecureRandom(),
                world.events, new WrongCodeBudget(world.counters, world.clock, world.settings, world.events));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> guesses = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                guesses.add(pool.submit(() -> outcome(racing, wrong)));
            }
            while (arrived.getCount() > 1) {
                Thread.sleep(5);
            }
            Future<String> right = pool.submit(() -> outcome(racing, code)); // the tenth, after nine guesses
            arrived.await(5, TimeUnit.SECONDS);
            go.countDown();
            assertEquals("too_many_attempts", right.get(), "nine guesses were in before it: the code is dead");
            long compared = 0;
            for (Future<String> guess : guesses) {
                compared += guess.get().equals("invalid_code") ? 1 : 0;
            }
            assertEquals(4, compared, "five attempts in all, the fifth ends the code");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSignUpCodeConfirmsOnlyThePasswordItWasIssuedWith() {
        String code = codes.issue(Purpose.SIGN_UP, alice,
                Map.of(VerificationCodes.PASSWORD_HASH, codes.passwordBinding(Purpose.SIGN_UP, alice, "Owner-Passw0rd!")));
        DomainException other = error(() -> codes.check(Purpose.SIGN_UP, alice, code, "Attacker-Passw0rd!", CLIENT));
        assertEquals("invalid_code", other.code());
        assertEquals(4, other.details().get("attemptsLeft"));
        assertEquals("invalid_code", error(() -> codes.check(Purpose.SIGN_UP, alice, code, CLIENT)).code(), "no password");
        codes.check(Purpose.SIGN_UP, alice, code, "Owner-Passw0rd!", CLIENT);
    }

    @Test
    void aClientHasABudgetOfWrongCodesAcrossAddressesThatRightCodesDoNotSpend() {
        CodeSettings strict = new CodeSettings(Duration.ofMinutes(30), 5, Duration.ofSeconds(60), 5, Duration.ofMinutes(10),
                3, Duration.ofMinutes(15));
        VerificationCodes budgeted = new VerificationCodes(world.codes, world.hasher, world.clock, strict, new SecureRandom(),
                world.events, new WrongCodeBudget(world.counters, world.clock, strict, world.events));
        String code = budgeted.issue(Purpose.SIGN_UP, alice, Map.of());
        budgeted.check(Purpose.SIGN_UP, alice, code, CLIENT);
        for (int i = 0; i < 3; i++) {
            EmailAddress target = EmailAddress.parse("target" + i + "@example.com");
            assertEquals("invalid_code", error(() -> budgeted.check(Purpose.PASSWORD_RESET, target, "123456", CLIENT)).code());
        }
        DomainException spent = error(() -> budgeted.check(Purpose.SIGN_UP, alice, code, CLIENT));
        assertEquals("too_many_requests", spent.code());
        assertEquals(Duration.ofMinutes(15), spent.retryAfter());
        budgeted.check(Purpose.SIGN_UP, alice, code, "203.0.113.9");
    }

    private static String outcome(VerificationCodes codes, String entered) {
        try {
            codes.check(Purpose.SIGN_UP, EmailAddress.parse("alice@example.com"), entered, CLIENT);
            return "accepted";
        } catch (DomainException refused) {
            return refused.code();
        }
    }

    private int attemptsLeftAfter(String entered) {
        DomainException e = error(() -> codes.check(Purpose.SIGN_UP, alice, entered, CLIENT));
        assertEquals("invalid_code", e.code());
        return (Integer) e.details().get("attemptsLeft");
    }

    static DomainException error(Runnable call) {
        return assertThrows(DomainException.class, call::run);
    }
}
