package org.multimedia.aws;

import io.micronaut.core.util.SupplierUtil;
import jakarta.inject.Singleton;
import org.multimedia.core.HmacSha256;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The app client's secret, read from the user pool once per container (never configured, never
 * logged), and the SECRET_HASH Cognito requires with it on every public call.
 */
@Singleton
public class ClientSecret {

    private final CognitoSettings settings;
    private final Supplier<byte[]> secret;

    public ClientSecret(CognitoIdentityProviderClient cognito, CognitoSettings settings) {
        this.settings = settings;
        this.secret = SupplierUtil.memoized(() -> AwsCalls.guard("DescribeUserPoolClient", () -> cognito
                .describeUserPoolClient(r -> r.userPoolId(settings.userPoolId()).clientId(settings.clientId()))
                .userPoolClient().clientSecret().getBytes(StandardCharsets.UTF_8)));
    }

    public String hashFor(String username) {
        return Base64.getEncoder().encodeToString(HmacSha256.of(secret.get(), username + settings.clientId()));
    }
}
