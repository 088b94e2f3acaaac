package org.multimedia.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /account/verify} → {@code {"status":"verified"}} plus, when the login that follows worked, its tokens. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verified(String status, String idToken, String accessToken, String refreshToken, Integer expiresIn,
                       String tokenType) {

    static Verified of(SessionTokens tokens) {
        return tokens == null ? new Verified("verified", null, null, null, null, null)
                : new Verified("verified", tokens.idToken(), tokens.accessToken(), tokens.refreshToken(),
                tokens.expiresIn(), tokens.tokenType());
    }
}
