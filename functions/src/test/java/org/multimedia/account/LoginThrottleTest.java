package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.multimedia.account.VerificationCodesTest.error;

class LoginThrottleTest {

    private final Fakes.MutableClock clock = new Fakes.MutableClock();
    private final Map<String, FailureCounters.Count> counts = new HashMap<>();
    private final FailureCounters counters = new FailureCounters() {
        @Override
        public Optional<Count> find(String key) {
            return Optional.ofNullable(counts.get(key));
        }

        @Override
        public void increment(String key, Instant now, Instant windowCutoff, Instant forgetAfter) {
            Count current = counts.get(key);
            counts.put(key, current == null || !current.windowStart().isAfter(windowCutoff)
                    ? new Count(1, now) : new Count(current.failures() + 1, current.windowStart()));
        }

        @Override
        public void reset(String key) {
            counts.remove(key);
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(counters, clock, new LoginSettings(3, 5, Duration.ofMinutes(15)));
    private final EmailAddress alice = EmailAddress.parse("alice@example.com");

    @Test
    void anAddressIsRefusedAfterTooManyFailuresUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            throttle.check(alice, "198.51.100.1");
            throttle.failed(alice, "198.51.100.1");
            clock.advance(Duration.ofMinutes(1));
        }
        DomainException refused = error(() -> throttle.check(alice, "203.0.113.9"));
        assertEquals("too_many_requests", refused.code());
        assertEquals(Duration.ofMinutes(12), refused.retryAfter(), "15 minutes from the first failure");
        clock.advance(Duration.ofMinutes(12));
        assertDoesNotThrow(() -> throttle.check(alice, "203.0.113.9"));
    }

    @Test
    void oneClientFailingOnManyAddressesIsRefusedToo() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(EmailAddress.parse("victim" + i + "@example.com"), "198.51.100.1");
        }
        assertEquals("too_many_requests", error(() -> throttle.check(alice, "198.51.100.1")).code());
        assertDoesNotThrow(() -> throttle.check(alice, "203.0.113.9"), "other clients are not affected");
    }

    @Test
    void aSuccessfulLoginClearsTheAddressCount() {
        throttle.failed(alice, "198.51.100.1");
        throttle.failed(alice, "198.51.100.2");
        throttle.succeeded(alice);
        throttle.failed(alice, "198.51.100.3");
        throttle.failed(alice, "198.51.100.4");
        assertDoesNotThrow(() -> throttle.check(alice, "203.0.113.9"));
    }
}
