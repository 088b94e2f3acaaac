package org.multimedia.account;

import java.time.Instant;
import java.util.Optional;

/** Counts failures per key over a fixed window (DynamoDB in production); increments are atomic. */
public interface FailureCounters {

    record Count(int failures, Instant windowStart) {
    }

    Optional<Count> find(String key);

    /** Adds one failure, starting a new window at {@code now} when the stored one began before {@code windowCutoff}. */
    void increment(String key, Instant now, Instant windowCutoff, Instant forgetAfter);

    void reset(String key);
}
