package org.multimedia.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.multimedia.identity.EmailAddress;

/** Tokens for the website; {@code refreshToken} is absent from a refresh answer. */
@Serdeable
public record SessionTokens(String idToken, String accessToken, @Nullable String refreshToken, int expiresIn,
                            String tokenType) {

    /**
     * The refresh token as the website gets it: Cognito's, prefixed with the username, which
     * Cognito needs with every refresh of a client that has a secret ({@link AddressedToken}).
     */
    SessionTokens withAddressedRefresh(EmailAddress email) {
        return new SessionTokens(idToken, accessToken, new AddressedToken(email, refreshToken).encoded(), expiresIn, tokenType);
    }
}
