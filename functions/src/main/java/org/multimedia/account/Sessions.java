package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.LiveUser;

import java.util.Optional;


/**
 * Log in, refresh, log out. A wrong password and an unknown address get the same answer, and
 * failures are throttled per address and per client.
 *
 * <p>Cognito needs the username with every refresh of a client that has a secret, and the website
 * sends only the refresh token, so the refresh token we hand out is an {@link AddressedToken}:
 * the Cognito one prefixed with the base64url username. Tampering with the prefix only makes
 * Cognito refuse the token.
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
        Authenticator.Outcome outcome = throttled(email, password, client, "login");
        if (outcome.refusal() == Authenticator.Refusal.NOT_CONFIRMED) {
            events.record("login", "not_verified", email);
            throw new DomainException(DomainException.Kind.FORBIDDEN, "not_verified",
                    "Your email address is not verified yet. Enter the code we sent you, or ask for a new one.");
        }
        events.record("login", "success", email);
        return outcome.tokens().withAddressedRefresh(email);
    }

    public SessionTokens refresh(String refreshToken) {
        return AddressedToken.decode(refreshToken)
                .flatMap(token -> authenticator.refresh(token.email(), token.rest()))
                .orElseThrow(() -> new DomainException(DomainException.Kind.UNAUTHORIZED, "invalid_token",
                        "Your session has ended. Please log in again."));
    }

    /**
     * Ends what the request can prove it holds: the refresh token it names, revoked with Cognito's
     * RevokeToken (with the access tokens issued from it: that session only), and, with a live
     * bearer token, every session of its account (global sign-out). A refresh token that is not
     * (or no longer) valid is no error, so that logout can be repeated; neither a live bearer
     * nor a refresh token is {@code 401 unauthorized}: there is nothing to end.
     *
     * @param caller       the live session of the request's bearer token, if any
     * @param refreshToken the refresh token the website holds (the one {@link #logIn} handed out), if sent
     */
    public void logOut(Optional<LiveUser> caller, String refreshToken) {
        if (caller.isEmpty() && (refreshToken == null || refreshToken.isEmpty())) {
            throw DomainException.unauthorized();
        }
        if (refreshToken != null && !refreshToken.isEmpty()) {
            AddressedToken.decode(refreshToken).ifPresent(token -> {
                authenticator.revoke(token.email(), token.rest());
                // The address is what the token's prefix claims (unproven): Cognito judged the rest.
                events.record("logout", "refresh_token", token.email());
            });
        }
        caller.ifPresent(user -> {
            EmailAddress email = EmailAddress.parse(user.username());
            authenticator.signOutEverywhere(email);
            events.record("logout", "success", email);
        });
    }

    /**
     * Asks a signed-in person for their password again (before a deletion). It is a password
     * guess like a login, so it passes the same throttle and a wrong one counts as a failed
     * login: a stolen access token gives no unthrottled guessing. A missing password is refused
     * without a guess.
     */
    public void confirmPassword(EmailAddress email, String password, String client, String action) {
        if (password == null || password.isEmpty()) {
            throw invalidCredentials();
        }
        throttled(email, password, client, action);
    }

    /**
     * A password check through the login throttle: the attempt is charged before Cognito sees
     * the password and given back when it was right (NOT_CONFIRMED too: Cognito checks the
     * password first). A wrong one stays charged and is {@code 401 invalid_credentials}.
     */
    private Authenticator.Outcome throttled(EmailAddress email, String password, String client, String action) {
        LoginThrottle.Attempt attempt = throttle.charge(email, client);
        Authenticator.Outcome outcome = authenticator.logIn(email, password);
        if (outcome.refusal() == Authenticator.Refusal.WRONG_CREDENTIALS) {
            events.record(action, "failure", email);
            throw invalidCredentials();
        }
        throttle.succeeded(attempt);
        return outcome;
    }

    private static DomainException invalidCredentials() {
        return new DomainException(DomainException.Kind.UNAUTHORIZED, "invalid_credentials",
                "The email address or password is not correct.");
    }
}
