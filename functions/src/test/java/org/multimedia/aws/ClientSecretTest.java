package org.multimedia.aws;

import org.junit.jupiter.api.Test;
import org.multimedia.account.Authenticator;
import org.multimedia.core.DomainException;
import org.multimedia.identity.EmailAddress;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Item 11: a client secret changed in Cognito is our failure (503, read again), never a wrong password (401). */
class ClientSecretTest {

    @Test
    void aRefusedSecretHashIsUnavailableAndTheSecretIsReadAgain() {
        AtomicInteger reads = new AtomicInteger();
        String[] current = {"old-secret"};
        CognitoIdentityProviderClient cognito = new CognitoIdentityProviderClient() {
            @Override
            public DescribeUserPoolClientResponse describeUserPoolClient(DescribeUserPoolClientRequest request) {
                reads.incrementAndGet();
                return DescribeUserPoolClientResponse.builder()
                        .userPoolClient(c -> c.clientSecret(current[0])).build();
            }

            @Override
            public InitiateAuthResponse initiateAuth(InitiateAuthRequest request) {
                String expected = new ClientSecret(this, settings()).hashFor("alice@example.com");
                if (!request.authParameters().get("SECRET_HASH").equals(expected)) {
                    throw (NotAuthorizedException) NotAuthorizedException.builder().awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("NotAuthorizedException")
                            .errorMessage("Unable to verify secret hash for client 4example0client0id").build()).build();
                }
                return InitiateAuthResponse.builder().authenticationResult(AuthenticationResultType.builder()
                        .idToken("id").accessToken("access").refreshToken("refresh").expiresIn(900).build()).build();
            }

            @Override
            public String serviceName() {
                return "cognito-idp";
            }

            @Override
            public void close() {
            }
        };
        ClientSecret secret = new ClientSecret(cognito, settings());
        CognitoAuthenticator authenticator = new CognitoAuthenticator(cognito, settings(), secret);
        EmailAddress alice = EmailAddress.parse("alice@example.com");
        assertEquals("access", authenticator.logIn(alice, "Correct-Horse7battery").tokens().accessToken());

        current[0] = "rotated-secret";
        DomainException refused = assertThrows(DomainException.class, () -> authenticator.logIn(alice, "Correct-Horse7battery"));
        assertEquals("service_unavailable", refused.code());
        Authenticator.Outcome after = authenticator.logIn(alice, "Correct-Horse7battery");
        assertEquals("access", after.tokens().accessToken(), "the next call reads the new secret");
    }

    private static CognitoSettings settings() {
        return new CognitoSettings("eu-west-1_example", "4example0client0id");
    }
}
