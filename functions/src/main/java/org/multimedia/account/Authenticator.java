package org.multimedia.account;

import org.multimedia.identity.EmailAddress;

import java.util.Optional;

/** Password login and sessions (Cognito in production). */
public interface Authenticator {

    /** Why a login was refused. */
    enum Refusal { WRONG_CREDENTIALS, NOT_CONFIRMED }

    /** Either tokens or a refusal. */
    record Outcome(SessionTokens tokens, Refusal refusal) {
    }

    Outcome logIn(EmailAddress email, String password);

    /** New id and access tokens, or empty when the refresh token is not (or no longer) valid. */
    Optional<SessionTokens> refresh(EmailAddress email, String refreshToken);

    /** Revokes every refresh token of the account. */
    void signOutEverywhere(EmailAddress email);

    /**
     * Revokes one refresh token and the access tokens issued with it (that session only). A token
     * that is unknown, already revoked or not a refresh token of ours is no error: nothing to do.
     */
    void revoke(EmailAddress email, String refreshToken);

    /** Sets a permanent password (the policy was checked before). */
    void setPassword(EmailAddress email, String password);
}
