package org.multimedia.account;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** Where pending codes are kept (DynamoDB in production). Every write is atomic. */
public interface CodeStore {

    /** Stores the code, replacing any earlier one of the same key. */
    void put(PendingCode code);

    Optional<PendingCode> find(String key);

    /**
     * Counts one wrong guess: decrements the attempts left if above zero, creating a hashless
     * record with {@code maxAttempts - 1} left if none exists.
     *
     * @return the attempts left after this guess, or empty when none were left already
     */
    OptionalInt recordFailure(String key, int maxAttempts, Instant expiresAt);

    /** Removes the code if it still has this hash and attempts left; false if another request won. */
    boolean consume(String key, String codeHash);

    /** Removes whatever is stored under the key. */
    void delete(String key);
}
