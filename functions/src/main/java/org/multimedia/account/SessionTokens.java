package org.multimedia.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Tokens for the website; {@code refreshToken} is absent from a refresh answer. */
@Serdeable
public record SessionTokens(String idToken, String accessToken, @Nullable String refreshToken, int expiresIn,
                            String tokenType) {
}
