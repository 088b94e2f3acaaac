package org.multimedia.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counters over fixed time windows ({@link org.multimedia.core.FixedWindow}; DynamoDB in production). Every change is one atomic
 * conditional write, so parallel requests can neither pass a limit together nor overwrite
 * each other's counts.
 */
public interface WindowCounters {

    /**
     * Charges one to the counter {@code name} of the fixed window of {@code length} that now falls
     * in, and returns its key (to {@link #decrement} it when the charge turns out not to count).
     * Past {@code max}: {@code whenSpent} runs (a metric, say), then {@code 429 too_many_requests}
     * with {@code refusal} and Retry-After until the window ends.
     */
    default String charge(String name, int max, Duration length, Clock clock, String refusal, Runnable whenSpent) {
        Instant now = clock.instant();
        FixedWindow window = FixedWindow.of(now, length);
        String key = name + "#" + window.number();
        if (!tryIncrement(key, max, window.end())) {
            whenSpent.run();
            throw DomainException.rateLimited("too_many_requests", refusal, Duration.between(now, window.end()));
        }
        return key;
    }

    /** Adds one unless the counter already holds {@code max}; false (nothing changed) when it does. */
    boolean tryIncrement(String key, int max, Instant forgetAfter);

    /** Gives one back (a charged attempt that turned out not to count). */
    void decrement(String key);

    void reset(String key);
}
