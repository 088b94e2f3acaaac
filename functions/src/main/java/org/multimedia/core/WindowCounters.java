package org.multimedia.core;

import java.time.Instant;

/**
 * Counters over fixed time windows ({@link org.multimedia.core.FixedWindow}; DynamoDB in production). Every change is one atomic
 * conditional write, so parallel requests can neither pass a limit together nor overwrite
 * each other's counts.
 */
public interface WindowCounters {

    /** Adds one unless the counter already holds {@code max}; false (nothing changed) when it does. */
    boolean tryIncrement(String key, int max, Instant forgetAfter);

    /** Gives one back (a charged attempt that turned out not to count). */
    void decrement(String key);

    void reset(String key);
}
