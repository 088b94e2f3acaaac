package org.multimedia.account;

import org.multimedia.identity.EmailAddress;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A token that names its address: {@code <base64url address>.<rest>}, so the server can find
 * what the rest must be checked against. The prefix proves nothing; the rest does.
 */
record AddressedToken(EmailAddress email, String rest) {

    String encoded() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(email.value().getBytes(StandardCharsets.UTF_8))
                + "." + rest;
    }

    /** Empty for anything that is not such a token. */
    static Optional<AddressedToken> decode(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            String address = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return Optional.of(new AddressedToken(EmailAddress.parse(address), token.substring(dot + 1)));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
