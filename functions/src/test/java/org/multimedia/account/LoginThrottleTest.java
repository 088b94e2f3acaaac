package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.identity.EmailAddress;
import org.multimedia.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final Fakes.Counters counters = new Fakes.Counters();
    private final LoginThrottle throttle = new LoginThrottle(counters, clock, new LoginSettings(3, 6, 5, Duration.ofMinutes(15)));
    private final EmailAddress alice = EmailAddress.parse("alice@example.com");

    @Test
    void anAddressIsRefusedFromAClientAfterTooManyFailuresUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            throttle.charge(alice, "198.51.100.1"); // wrong password: the charge stays
            clock.advance(Duration.ofMinutes(1));
        }
        DomainException refused = error(() -> throttle.charge(alice, "198.51.100.1"));
        assertEquals("too_many_requests", refused.code());
        assertEquals(Duration.ofMinutes(12), refused.retryAfter(), "until the 15-minute window ends");
        assertDoesNotThrow(() -> throttle.charge(alice, "203.0.113.9"), "the owner's own client still gets in");
        clock.advance(Duration.ofMinutes(12));
        assertDoesNotThrow(() -> throttle.charge(alice, "198.51.100.1"), "a new window");
    }

    @Test
    void spreadOverManyClientsTheAddressHasALargerCap() {
        for (int i = 0; i < 6; i++) {
            throttle.charge(alice, "198.51.100." + i);
        }
        assertEquals("too_many_requests", error(() -> throttle.charge(alice, "203.0.113.9")).code());
    }

    @Test
    void oneClientFailingOnManyAddressesIsRefusedToo() {
        for (int i = 0; i < 5; i++) {
            throttle.charge(EmailAddress.parse("victim" + i + "@example.com"), "198.51.100.1");
        }
        assertEquals("too_many_requests", error(() -> throttle.charge(alice, "198.51.100.1")).code());
        assertDoesNotThrow(() -> throttle.charge(alice, "203.0.113.9"), "other clients are not affected");
    }

    @Test
    void aRefusedAttemptChargesNothingAndARightPasswordGivesTheChargeBack() {
        for (int i = 0; i < 2; i++) {
            throttle.charge(alice, "198.51.100.1");
        }
        throttle.succeeded(throttle.charge(alice, "198.51.100.1"));
        assertFalse(counters.counts.containsKey(keyStartingWith("login#alice@example.com#198.51.100.1")),
                "the owner's failures are forgotten");
        assertEquals(2, counters.counts.get(keyStartingWith("login-client#198.51.100.1")));
        for (int i = 0; i < 3; i++) {
            throttle.charge(EmailAddress.parse("other@example.com"), "198.51.100.1");
        }
        error(() -> throttle.charge(alice, "198.51.100.1"));
        assertEquals(5, counters.counts.get(keyStartingWith("login-client#198.51.100.1")), "a refused attempt is not counted");
    }

    private String keyStartingWith(String prefix) {
        return counters.counts.keySet().stream().filter(k -> k.startsWith(prefix + "#")).findFirst().orElse(prefix);
    }

    private static DomainException error(Runnable action) {
        return assertThrows(DomainException.class, action::run);
    }
}
