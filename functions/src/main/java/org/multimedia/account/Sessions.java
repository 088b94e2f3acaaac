package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Log in, refresh, log out. A wrong password and an unknown address get the same answer, and
 * failures are throttled per address and per client.
 *
 * <p>Cognito needs the username with every refresh of a client that has a secret, and the website
 * sends only the refresh token, so the refresh token we hand out is the Cognito one prefixed with
 * the base64url username: {@code <username>.<cognito refresh token>}. Tampering with the prefix
 * only makes Cognito refuse the token.
 */
@Singleton
public class Sessions {

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final AuthEvents events;

    public Sessions(Authenticator authenticator, LoginThrottle throttle, AuthEvents events) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.events = events;
    }

    public SessionTokens logIn(String rawEmail, String password, String client) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        throttle.check(email, client);
        Authenticator.Outcome outcome = authenticator.logIn(email, password);
        if (outcome.refusal() == Authenticator.Refusal.NOT_CONFIRMED) {
            events.record("login", "not_verified", email);
            throw new DomainException(DomainException.Kind.FORBIDDEN, "not_verified",
                    "Your email address is not verified yet. Enter the code we sent you, or ask for a new one.");
        }
        if (outcome.refusal() != null) {
            throttle.failed(email, client);
            events.record("login", "failure", email);
            throw invalidCredentials();
        }
        throttle.succeeded(email);
        events.record("login", "success", email);
        SessionTokens tokens = outcome.tokens();
        return new SessionTokens(tokens.idToken(), tokens.accessToken(), wrap(email, tokens.refreshToken()),
                tokens.expiresIn(), tokens.tokenType());
    }

    public SessionTokens refresh(String refreshToken) {
        int dot = refreshToken.indexOf('.');
        Optional<EmailAddress> email = dot <= 0 ? Optional.empty() : decode(refreshToken.substring(0, dot));
        return email.flatMap(address -> authenticator.refresh(address, refreshToken.substring(dot + 1)))
                .orElseThrow(() -> new DomainException(DomainException.Kind.UNAUTHORIZED, "invalid_token",
                        "Your session has ended. Please log in again."));
    }

    public void logOut(EmailAddress email) {
        authenticator.signOutEverywhere(email);
        events.record("logout", "success", email);
    }

    static DomainException invalidCredentials() {
        return new DomainException(DomainException.Kind.UNAUTHORIZED, "invalid_credentials",
                "The email address or password is not correct.");
    }

    private static String wrap(EmailAddress email, String cognitoRefreshToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(email.value().getBytes(StandardCharsets.UTF_8))
                + "." + cognitoRefreshToken;
    }

    private static Optional<EmailAddress> decode(String prefix) {
        try {
            return Optional.of(EmailAddress.parse(new String(Base64.getUrlDecoder().decode(prefix), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
