package org.multimedia.account;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record ResetTokenIssued(String resetToken, long expiresInSeconds) {
}
