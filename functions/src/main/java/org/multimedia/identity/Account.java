package org.multimedia.identity;

import java.time.Instant;

/**
 * An identity in the user pool, as the portal sees it.
 *
 * @param sub the identity's own id (Cognito's {@code sub}): an address deleted and signed up again
 *            is another identity with another sub; null where the store did not say
 */
public record Account(EmailAddress email, boolean confirmed, Language language, Instant createdAt, String sub) {

    public Account(EmailAddress email, boolean confirmed, Language language, Instant createdAt) {
        this(email, confirmed, language, createdAt, null);
    }
}
