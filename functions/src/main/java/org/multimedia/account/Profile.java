package org.multimedia.account;

import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /account/me}. */
@Serdeable
public record Profile(String email, boolean verified, String language, boolean newsletter, String createdAt) {
}
