package org.multimedia.account.codes;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How many emails an address may be sent: at most {@code maxPerHour} in an hour's window, and
 * (for "send new code") not within {@code cooldown} of the previous one. Pure: the state is
 * loaded and saved by {@link SendLimiter}.
 */
public final class SendQuota {

    static final Duration WINDOW = Duration.ofHours(1);

    /** What has been sent to one address; {@code version} guards concurrent updates. */
    public record State(Instant windowStart, int sentInWindow, Instant lastSentAt, long version) {
    }

    /** Either the next state to save, or how long to wait. */
    public record Decision(State next, Duration retryAfter) {
        public boolean allowed() {
            return next != null;
        }
    }

    private final Duration cooldown;
    private final int maxPerHour;

    public SendQuota(Duration cooldown, int maxPerHour) {
        this.cooldown = cooldown;
        this.maxPerHour = maxPerHour;
    }

    public Decision decide(Optional<State> current, Instant now, boolean enforceCooldown) {
        if (current.isEmpty()) {
            return new Decision(new State(now, 1, now, 1), null);
        }
        State state = current.get();
        if (enforceCooldown) {
            Instant cooledDown = state.lastSentAt().plus(cooldown);
            if (now.isBefore(cooledDown)) {
                return new Decision(null, Duration.between(now, cooledDown));
            }
        }
        boolean windowOver = !now.isBefore(state.windowStart().plus(WINDOW));
        Instant windowStart = windowOver ? now : state.windowStart();
        int sent = windowOver ? 0 : state.sentInWindow();
        if (sent >= maxPerHour) {
            return new Decision(null, Duration.between(now, windowStart.plus(WINDOW)));
        }
        return new Decision(new State(windowStart, sent + 1, now, state.version() + 1), null);
    }

    /** When the state can be forgotten (for the table's TTL). */
    public Instant forgetAfter(State state) {
        Instant windowEnd = state.windowStart().plus(WINDOW);
        Instant cooldownEnd = state.lastSentAt().plus(cooldown);
        return windowEnd.isAfter(cooldownEnd) ? windowEnd : cooldownEnd;
    }
}
