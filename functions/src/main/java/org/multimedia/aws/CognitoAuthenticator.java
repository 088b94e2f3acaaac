package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.account.Authenticator;
import org.multimedia.account.PasswordPolicy;
import org.multimedia.account.SessionTokens;
import org.multimedia.core.Primed;
import org.multimedia.identity.EmailAddress;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnauthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedTokenTypeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Logins and sessions through the user pool's secret-holding client (USER_PASSWORD_AUTH, server side only). */
@Singleton
public class CognitoAuthenticator implements Authenticator, Primed {

    private static final Logger LOG = LoggerFactory.getLogger(CognitoAuthenticator.class);

    private final CognitoIdentityProviderClient cognito;
    private final CognitoSettings settings;
    private final ClientSecret secret;

    public CognitoAuthenticator(CognitoIdentityProviderClient cognito, CognitoSettings settings, ClientSecret secret) {
        this.cognito = cognito;
        this.settings = settings;
        this.secret = secret;
    }

    @Override
    public Outcome logIn(EmailAddress email, String password) {
        return AwsCalls.guard("InitiateAuth", () -> {
            try {
                AuthenticationResultType result = cognito.initiateAuth(r -> r.clientId(settings.clientId())
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email.value(), "PASSWORD", password,
                                "SECRET_HASH", secret.hashFor(email.value())))).authenticationResult();
                return new Outcome(tokens(result, result.refreshToken()), null);
            } catch (UserNotConfirmedException e) {
                return new Outcome(null, Refusal.NOT_CONFIRMED);
            } catch (NotAuthorizedException e) {
                if (ClientSecret.refusedHash(e)) {
                    throw secret.changed();
                }
                return new Outcome(null, Refusal.WRONG_CREDENTIALS);
            } catch (UserNotFoundException | PasswordResetRequiredException e) {
                return new Outcome(null, Refusal.WRONG_CREDENTIALS);
            }
        });
    }

    @Override
    public Optional<SessionTokens> refresh(EmailAddress email, String refreshToken) {
        return AwsCalls.guard("InitiateAuth", () -> {
            try {
                AuthenticationResultType result = cognito.initiateAuth(r -> r.clientId(settings.clientId())
                        .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", refreshToken,
                                "SECRET_HASH", secret.hashFor(email.value())))).authenticationResult();
                return Optional.of(tokens(result, null));
            } catch (NotAuthorizedException e) {
                if (ClientSecret.refusedHash(e)) {
                    throw secret.changed();
                }
                return Optional.empty();
            } catch (UserNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void signOutEverywhere(EmailAddress email) {
        AwsCalls.run("AdminUserGlobalSignOut", () -> {
            try {
                cognito.adminUserGlobalSignOut(r -> r.userPoolId(settings.userPoolId()).username(email.value()));
            } catch (UserNotFoundException alreadyGone) {
                // Nothing left to sign out.
            }
        });
    }

    /**
     * RevokeToken (no IAM permission: the client's id and secret are the credential; the client
     * has EnableTokenRevocation). Its documented token pattern is checked first: anything else
     * cannot be a refresh token, so nothing is sent. An unknown or already revoked token is a 200
     * at Cognito; a token of another client or not a refresh token is refused
     * ({@code UnauthorizedException}, {@code UnsupportedTokenTypeException},
     * {@code InvalidParameterException}), and means the same here: nothing of ours to revoke.
     * (A client's secret never changes without a new client id, so a refusal is not read as a
     * changed secret: a stranger's token must not make us read the secret again.)
     */
    @Override
    public void revoke(EmailAddress email, String refreshToken) {
        if (!REVOCABLE.matcher(refreshToken).matches()) {
            return;
        }
        AwsCalls.run("RevokeToken", () -> {
            try {
                cognito.revokeToken(r -> r.clientId(settings.clientId()).clientSecret(secret.value()).token(refreshToken));
            } catch (UnauthorizedException | UnsupportedTokenTypeException | InvalidParameterException notOurs) {
                LOG.info("RevokeToken refused the token ({}): nothing of ours to revoke", notOurs.getClass().getSimpleName());
            }
        });
    }

    /** RevokeToken's {@code Token} pattern (API reference); Cognito's refresh tokens are JWE strings. */
    private static final Pattern REVOCABLE = Pattern.compile("[A-Za-z0-9-_=.]+");

    @Override
    public void setPassword(EmailAddress email, String password) {
        AwsCalls.run("AdminSetUserPassword", () -> {
            try {
                cognito.adminSetUserPassword(r -> r.userPoolId(settings.userPoolId()).username(email.value())
                        .password(password).permanent(true));
            } catch (InvalidPasswordException e) {
                throw PasswordPolicy.weak(List.of());
            }
        });
    }

    private static SessionTokens tokens(AuthenticationResultType result, String refreshToken) {
        return new SessionTokens(result.idToken(), result.accessToken(), refreshToken,
                result.expiresIn() == null ? 3600 : result.expiresIn(), "Bearer");
    }

    /** Before a snapshot: the login of a username that cannot exist (not an address): refused, nothing changes. */
    @Override
    public void prime() {
        logIn(new EmailAddress(Items.PRIMING_KEY), Items.PRIMING_KEY);
    }
}
