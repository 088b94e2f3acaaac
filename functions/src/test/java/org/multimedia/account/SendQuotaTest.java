package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.account.codes.SendQuota;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendQuotaTest {

    private final SendQuota quota = new SendQuota(Duration.ofSeconds(60), 5);
    private final Instant start = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void resendWithinTheCooldownMustWaitTheRest() {
        SendQuota.State first = quota.decide(Optional.empty(), start, true).next();
        SendQuota.Decision tooSoon = quota.decide(Optional.of(first), start.plusSeconds(20), true);
        assertFalse(tooSoon.allowed());
        assertEquals(Duration.ofSeconds(40), tooSoon.retryAfter());
        assertTrue(quota.decide(Optional.of(first), start.plusSeconds(60), true).allowed());
    }

    @Test
    void aFirstSendIgnoresTheCooldownButNotTheHourlyCap() {
        Optional<SendQuota.State> state = Optional.empty();
        for (int i = 0; i < 5; i++) {
            SendQuota.Decision decision = quota.decide(state, start.plusSeconds(i), false);
            assertTrue(decision.allowed(), "send " + (i + 1));
            state = Optional.of(decision.next());
        }
        SendQuota.Decision sixth = quota.decide(state, start.plusSeconds(10), false);
        assertFalse(sixth.allowed());
        assertEquals(Duration.ofSeconds(3590), sixth.retryAfter(), "until the hour's window ends");
        assertTrue(quota.decide(state, start.plus(Duration.ofHours(1)), false).allowed(), "a new window");
    }

    @Test
    void fiveResendsAnHourAtMostEvenWithTheCooldownRespected() {
        Optional<SendQuota.State> state = Optional.empty();
        for (int i = 0; i < 5; i++) {
            SendQuota.Decision decision = quota.decide(state, start.plusSeconds(60L * i), true);
            assertTrue(decision.allowed());
            state = Optional.of(decision.next());
        }
        SendQuota.Decision sixth = quota.decide(state, start.plusSeconds(300), true);
        assertFalse(sixth.allowed());
        assertEquals(Duration.ofSeconds(3300), sixth.retryAfter());
    }

    @Test
    void eachSaveBumpsTheVersionSoConcurrentWritersConflict() {
        SendQuota.State first = quota.decide(Optional.empty(), start, false).next();
        assertEquals(1, first.version());
        assertEquals(2, quota.decide(Optional.of(first), start.plusSeconds(61), true).next().version());
    }
}
