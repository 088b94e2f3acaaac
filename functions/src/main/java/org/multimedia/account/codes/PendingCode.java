package org.multimedia.account.codes;

import java.time.Instant;
import java.util.Map;

/**
 * A code waiting to be entered: only its keyed hash is stored. A record without a hash stands
 * for an address that has no code: it counts wrong guesses like a real one, so the answers
 * never tell whether an address has a pending account.
 *
 * @param attributes what the code will apply once entered (e.g. the newsletter choice at sign-up)
 */
public record PendingCode(String key, String codeHash, Instant expiresAt, int attemptsLeft,
                          Map<String, String> attributes) {

    public PendingCode {
        attributes = Map.copyOf(attributes);
    }
}
