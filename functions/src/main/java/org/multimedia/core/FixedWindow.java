package org.multimedia.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A fixed time window that {@code now} falls in: its number (part of a counter's key, so a new
 * window starts a new counter) and its end (the counter's expiry and the {@code Retry-After}).
 */
public record FixedWindow(long number, Instant end) {

    public static FixedWindow of(Instant now, Duration length) {
        long number = now.toEpochMilli() / length.toMillis();
        return new FixedWindow(number, Instant.ofEpochMilli((number + 1) * length.toMillis()));
    }
}
