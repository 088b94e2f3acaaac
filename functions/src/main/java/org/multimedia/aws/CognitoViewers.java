package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.video.Viewers;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * {@code GetUser} with the caller's own access token: Cognito refuses a token that was signed
 * out (logout, password reset) or whose account was deleted, which the JWT signature alone
 * cannot tell. Needs no IAM permission: the token is the credential.
 */
@Singleton
public class CognitoViewers implements Viewers {

    private final CognitoIdentityProviderClient cognito;

    public CognitoViewers(CognitoIdentityProviderClient cognito) {
        this.cognito = cognito;
    }

    @Override
    public Viewer byAccessToken(String accessToken) {
        GetUserResponse user = AwsCalls.guard("GetUser", () -> {
            try {
                return cognito.getUser(r -> r.accessToken(accessToken));
            } catch (NotAuthorizedException | UserNotFoundException e) {
                return null;
            }
        });
        if (user == null) {
            throw DomainException.unauthorized();
        }
        String sub = attribute(user, "sub");
        return new Viewer(sub == null ? user.username() : sub, "true".equals(attribute(user, "email_verified")));
    }

    private static String attribute(GetUserResponse user, String name) {
        return user.userAttributes().stream().filter(a -> a.name().equals(name))
                .map(AttributeType::value).findFirst().orElse(null);
    }
}
