package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.HmacSha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The app client's secret, read from the user pool once per container (never configured, never
 * logged; read again after Cognito refused it), and the SECRET_HASH Cognito requires with it on every public call.
 */
@Singleton
public class ClientSecret implements Primed {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSecret.class);

    private final CognitoIdentityProviderClient cognito;
    private final CognitoSettings settings;
    private volatile byte[] secret;

    public ClientSecret(CognitoIdentityProviderClient cognito, CognitoSettings settings) {
        this.cognito = cognito;
        this.settings = settings;
    }

    /** The client secret itself, for the calls that take it as it is (RevokeToken). */
    public String value() {
        return new String(secret(), StandardCharsets.UTF_8);
    }

    public String hashFor(String username) {
        return Base64.getEncoder().encodeToString(HmacSha256.of(secret(), username + settings.clientId()));
    }

    /**
     * Cognito refused our SECRET_HASH: the client's secret changed. That is our failure, not the
     * caller's: forget the secret (the next call reads it again) and answer 503, so that it never
     * counts as a wrong password.
     */
    public static boolean refusedHash(NotAuthorizedException refusal) {
        String message = refusal.awsErrorDetails() == null ? refusal.getMessage() : refusal.awsErrorDetails().errorMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("secret hash");
    }

    public DomainException changed() {
        secret = null;
        LOG.warn("Cognito refused the client's SECRET_HASH: the client secret changed; reading it again");
        return DomainException.unavailable();
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            known = AwsCalls.guard("DescribeUserPoolClient", () -> cognito
                    .describeUserPoolClient(r -> r.userPoolId(settings.userPoolId()).clientId(settings.clientId()))
                    .userPoolClient().clientSecret().getBytes(StandardCharsets.UTF_8));
            secret = known;
        }
        return known;
    }

    /** Before a snapshot: the client secret read (function-wide, not a user's) and one hash computed. */
    @Override
    public void prime() {
        hashFor("priming");
    }
}
