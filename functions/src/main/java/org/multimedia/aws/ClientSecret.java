package org.multimedia.aws;

import jakarta.inject.Singleton;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The app client's secret, read from the user pool once per container (never configured, never
 * logged), and the SECRET_HASH Cognito requires with it on every public call.
 */
@Singleton
public class ClientSecret {

    private final CognitoIdentityProviderClient cognito;
    private final CognitoSettings settings;
    private volatile byte[] secret;

    public ClientSecret(CognitoIdentityProviderClient cognito, CognitoSettings settings) {
        this.cognito = cognito;
        this.settings = settings;
    }

    public String hashFor(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(settings.clientId().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] secret() {
        byte[] value = secret;
        if (value == null) {
            String clientSecret = AwsCalls.guard("DescribeUserPoolClient", () -> cognito.describeUserPoolClient(
                    r -> r.userPoolId(settings.userPoolId()).clientId(settings.clientId())).userPoolClient().clientSecret());
            value = clientSecret.getBytes(StandardCharsets.UTF_8);
            secret = value;
        }
        return value;
    }
}
