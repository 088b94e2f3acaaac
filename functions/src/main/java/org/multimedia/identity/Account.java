package org.multimedia.identity;

import java.time.Instant;

/** An identity in the user pool, as the portal sees it. */
public record Account(EmailAddress email, boolean confirmed, Language language, Instant createdAt) {
}
