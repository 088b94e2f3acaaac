package org.multimedia.infrastructure.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** Provisions the repository's template.yaml into one moto and looks at what was created. */
class StackProvisioningTest {

    private static LocalAws aws;
    private static Stack stack;

    @BeforeAll
    static void provision() {
        aws = LocalAws.start();
        stack = Stack.provision(aws, Template.locate(), "test");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void tablesHaveTheirKeysAndTimeToLive() {
        try (DynamoDbClient dynamo = aws.client(DynamoDbClient.builder())) {
            String codes = stack.physicalId("VerificationCodesTable");
            assertEquals("test-VerificationCodesTable", codes);
            TableDescription table = dynamo.describeTable(b -> b.tableName(codes)).table();
            assertEquals("pk", table.keySchema().get(0).attributeName());
            assertEquals(KeyType.HASH, table.keySchema().get(0).keyType());
            assertEquals("ttl", dynamo.describeTimeToLive(b -> b.tableName(codes))
                    .timeToLiveDescription().attributeName());
            assertEquals(TimeToLiveStatus.ENABLED, dynamo.describeTimeToLive(b -> b.tableName(codes))
                    .timeToLiveDescription().timeToLiveStatus());
            String subscriptions = stack.physicalId("SubscriptionsTable");
            assertEquals("email", dynamo.describeTable(b -> b.tableName(subscriptions)).table()
                    .keySchema().get(0).attributeName());
        }
    }

    @Test
    void userPoolAndClientAreAsDeclared() {
        try (CognitoIdentityProviderClient cognito = aws.client(CognitoIdentityProviderClient.builder())) {
            var pool = cognito.describeUserPool(b -> b.userPoolId(stack.userPoolId())).userPool();
            assertEquals("test-users", pool.name());
            PasswordPolicyType policy = pool.policies().passwordPolicy();
            assertEquals(12, policy.minimumLength());
            assertTrue(policy.requireSymbols() && policy.requireUppercase() && policy.requireNumbers());
            var client = cognito.describeUserPoolClient(b -> b.userPoolId(stack.userPoolId())
                    .clientId(stack.physicalId("UserPoolClient"))).userPoolClient();
            assertNotNull(client.clientSecret());
            assertTrue(client.readAttributes().contains("email_verified"));
        }
    }

    @Test
    void secretIsGeneratedAndSenderCanSend() {
        try (SecretsManagerClient secrets = aws.client(SecretsManagerClient.builder());
             SesV2Client ses = aws.client(SesV2Client.builder())) {
            String value = secrets.getSecretValue(b -> b.secretId(stack.physicalId("CodeHashKey"))).secretString();
            assertTrue(value.matches("[A-Za-z0-9]{64}"));
            String sender = stack.parameters().get("SenderEmail");
            String messageId = ses.sendEmail(b -> b.fromEmailAddress(sender)
                    .destination(d -> d.toAddresses("someone@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Hello"))
                            .body(body -> body.text(t -> t.data("Hi")))))).messageId();
            assertNotNull(messageId);
        }
    }

    @Test
    void routesAndEnvironmentAreResolved() {
        List<Route> routes = stack.routes();
        assertTrue(routes.contains(new Route("POST", "/account/signup", "SignUpFunction",
                "org.multimedia.account.SignUpHandler", null)), routes.toString());
        Map<String, String> env = stack.functionEnvironment("SignUpFunction");
        assertEquals(stack.physicalId("VerificationCodesTable"), env.get("TABLES_CODES"));
        assertEquals(stack.userPoolId(), env.get("COGNITO_USER_POOL_ID"));
        assertTrue(env.get("CODES_KEY_SECRET_ID").startsWith("arn:aws:secretsmanager:"));
        assertFalse(env.values().stream().anyMatch(v -> v.contains("Ref") || v.contains("Fn::")), env.toString());
        JwtAuthorizer authorizer = stack.authorizer("CognitoJwt").orElseThrow();
        assertEquals("https://cognito-idp.eu-west-1.amazonaws.com/" + stack.userPoolId(), authorizer.issuer());
        assertEquals(List.of(stack.physicalId("UserPoolClient")), authorizer.audience());
        assertEquals(List.of("http://localhost:3000"), stack.cors().allowOrigins());
    }
}
