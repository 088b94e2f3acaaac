package org.multimedia.account;

import java.time.Duration;
import java.time.Instant;

/**
 * Counters over fixed time windows (DynamoDB in production). Every change is one atomic
 * conditional write, so parallel requests can neither pass a limit together nor overwrite
 * each other's counts.
 */
public interface WindowCounters {

    /** The window {@code now} falls in: its number (part of a counter's key) and its end. */
    record Window(long number, Instant end) {

        public static Window of(Instant now, Duration length) {
            long number = now.toEpochMilli() / length.toMillis();
            return new Window(number, Instant.ofEpochMilli((number + 1) * length.toMillis()));
        }
    }

    /** Adds one unless the counter already holds {@code max}; false (nothing changed) when it does. */
    boolean tryIncrement(String key, int max, Instant forgetAfter);

    /** Gives one back (a charged attempt that turned out not to count). */
    void decrement(String key);

    void reset(String key);
}
