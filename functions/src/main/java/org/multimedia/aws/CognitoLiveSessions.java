package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.identity.LiveSessions;
import org.multimedia.identity.LiveUser;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.Optional;

/**
 * {@code GetUser} with the caller's own access token: Cognito refuses a token that was signed
 * out (logout, password reset) or whose account was deleted, which the JWT signature alone
 * cannot tell. Needs no IAM permission: the token is the credential. (The token needs the
 * {@code aws.cognito.signin.user.admin} scope, which every route requires anyway.)
 */
@Singleton
public class CognitoLiveSessions implements LiveSessions, Primed {

    private final CognitoIdentityProviderClient cognito;

    public CognitoLiveSessions(CognitoIdentityProviderClient cognito) {
        this.cognito = cognito;
    }

    @Override
    public Optional<LiveUser> byAccessToken(String accessToken) {
        return AwsCalls.guard("GetUser", () -> {
            try {
                GetUserResponse user = cognito.getUser(r -> r.accessToken(accessToken));
                return Optional.of(new LiveUser(attribute(user, "sub"), user.username(),
                        "true".equals(attribute(user, "email_verified"))));
            } catch (NotAuthorizedException | UserNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static String attribute(GetUserResponse user, String name) {
        return user.userAttributes().stream().filter(a -> a.name().equals(name))
                .map(AttributeType::value).findFirst().orElse(null);
    }

    /** Before a snapshot: a GetUser with a token that is not one (refused, nothing read). */
    @Override
    public void prime() {
        byAccessToken(Items.PRIMING_KEY);
    }
}
