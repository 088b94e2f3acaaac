package org.multimedia.account.codes;

import java.time.Instant;
import java.util.Optional;

/** Where pending codes are kept (DynamoDB in production). Every write is atomic. */
public interface CodeStore {

    /** Stores the code, replacing any earlier one of the same key. */
    void put(PendingCode code);

    Optional<PendingCode> find(String key);

    /**
     * Counts one attempt BEFORE the entered code is compared: decrements the attempts left if
     * above zero (one conditional write), creating a hashless record with {@code maxAttempts - 1}
     * left if none exists, so an address without a code counts guesses like one with a code.
     *
     * @return the record after this attempt was counted, or empty when none were left already
     */
    Optional<PendingCode> takeAttempt(String key, int maxAttempts, Instant expiresAtIfNew);

    /** Removes the code if it still has this hash; false if another request used it first. */
    boolean consume(String key, String codeHash);

    /** Removes whatever is stored under the key. */
    void delete(String key);
}
