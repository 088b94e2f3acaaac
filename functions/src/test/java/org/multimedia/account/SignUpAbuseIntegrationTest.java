package org.multimedia.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.junit.jupiter.api.Test;
import org.multimedia.core.KeepAlive;
import org.multimedia.http.ApiHandler;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, items 1 and 2, against the emulator: a code confirms only the Cognito identity its
 * sign-up created; one client's sign-ups are budgeted per hour; the scheduled clean-up deletes
 * the users nobody confirmed (and their codes).
 */
class SignUpAbuseIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";

    private final TestAws aws = TestAws.get();

    @Test
    void oneClientIsRefusedPastItsHourlySignUpBudgetAndNothingIsMailed() {
        SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction", Map.of("SIGNUP_MAX_PER_CLIENT_PER_HOUR", "3"));
        String client = randomIp();
        for (int i = 0; i < 3; i++) {
            assertEquals(202, call(signUp, signUpEvent(newAddress(), client)).getStatusCode());
        }
        String fourth = newAddress();
        APIGatewayV2HTTPResponse refused = call(signUp, signUpEvent(fourth, client));
        assertEquals(429, refused.getStatusCode(), refused.getBody());
        assertEquals("too_many_requests", aws.body(refused).get("error").getStringValue());
        long wait = aws.body(refused).get("retryAfterSeconds").getLongValue();
        assertTrue(wait > 0 && wait <= 3600, "until the hour ends: " + wait);
        assertEquals(Long.toString(wait), refused.getHeaders().get("Retry-After"));
        aws.deliverQueuedMail();
        assertTrue(aws.mailTo(fourth).isEmpty(), "nothing mailed past the budget");
        try (CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            assertThrows(UserNotFoundException.class, () -> cognito.adminGetUser(r -> r.userPoolId(pool()).username(fourth)),
                    "no user created past the budget");
        }
        assertEquals(202, call(signUp, signUpEvent(fourth, randomIp())).getStatusCode(), "another client has its own budget");
    }

    @Test
    void aCodeConfirmsOnlyTheIdentityItsSignUpCreated() {
        SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction");
        VerifyEmailHandler verify = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction");
        String email = newAddress();
        assertEquals(202, call(signUp, signUpEvent(email, randomIp())).getStatusCode());
        aws.deliverQueuedMail();
        String code = aws.mailTo(email).get(0).code();
        // Another identity of the address takes the first one's place behind its code's back (a
        // sign-up whose own code was lost), with the same password even: Cognito's SignUp, through
        // the function's own adapter.
        IdentityStore identities = signUp.getApplicationContext().getBean(IdentityStore.class);
        EmailAddress address = EmailAddress.parse(email);
        String first = identities.find(address).orElseThrow().sub();
        identities.delete(address);
        String second = identities.create(address, PASSWORD, Language.EN).orElseThrow();
        assertNotEquals(first, second, "SignUp's UserSub names the new identity");
        assertEquals(second, identities.find(address).orElseThrow().sub(), "AdminGetUser's sub attribute");

        APIGatewayV2HTTPResponse refused = call(verify, aws.event("verify-email.json",
                Map.of("email", email, "code", code, "password", PASSWORD)));
        assertEquals(400, refused.getStatusCode(), refused.getBody());
        assertEquals("invalid_code", aws.body(refused).get("error").getStringValue());
        assertFalse(identities.find(address).orElseThrow().confirmed(), "nothing confirmed");
    }

    @Test
    void theScheduledCleanUpDeletesUsersUnconfirmedForSevenDaysWithTheirCodes() throws IOException {
        TestAws own = TestAws.isolated("unconfirmed-clean-up"); // a pool of its own: the clean-up sees every user
        SignUpHandler signUp = own.handler(SignUpHandler.class, "SignUpFunction");
        VerifyEmailHandler verify = own.handler(VerifyEmailHandler.class, "VerifyEmailFunction");
        String pending = newAddress();
        String confirmed = newAddress();
        assertEquals(202, call(signUp, signUpEvent(own, pending, randomIp())).getStatusCode());
        assertEquals(202, call(signUp, signUpEvent(own, confirmed, randomIp())).getStatusCode());
        own.deliverQueuedMail();
        assertEquals(200, call(verify, own.event("verify-email.json", Map.of("email", confirmed,
                "code", own.mailTo(confirmed).get(0).code(), "password", PASSWORD))).getStatusCode());
        String pool = own.stack().physicalId("UserPool");
        String codes = own.stack().physicalId("VerificationCodesTable");
        assertTrue(codeExists(own, codes, "signup#" + pending));

        // Seven days: Cognito cannot date a user back, so the run counts from a shorter age here.
        try (UnconfirmedCleanUpHandler young = own.handler(UnconfirmedCleanUpHandler.class, "UnconfirmedCleanUpFunction")) {
            assertEquals("unconfirmed 1, deleted 0, kept 0", young.handleRequest(sampleEvent(), null),
                    "a sign-up of a moment ago is kept");
        }
        try (UnconfirmedCleanUpHandler cleanUp = own.handler(UnconfirmedCleanUpHandler.class, "UnconfirmedCleanUpFunction",
                Map.of("SIGNUP_UNCONFIRMED_MAX_AGE", "0s"))) {
            assertEquals("kept alive", cleanUp.handleRequest(bind(KeepAlive.EVENT), null), "the keep-alive event deletes nothing");
            assertEquals("unconfirmed 1, deleted 1, kept 0", cleanUp.handleRequest(sampleEvent(), null));
        }
        try (CognitoIdentityProviderClient cognito = own.aws().client(CognitoIdentityProviderClient.builder())) {
            assertThrows(UserNotFoundException.class, () -> cognito.adminGetUser(r -> r.userPoolId(pool).username(pending)));
            assertEquals(UserStatusType.CONFIRMED, cognito.adminGetUser(r -> r.userPoolId(pool).username(confirmed)).userStatus(),
                    "a confirmed user is never deleted");
        }
        assertFalse(codeExists(own, codes, "signup#" + pending), "its code is deleted with it");
    }

    // ------------------------------------------------------------------ helpers

    /** events/unconfirmed-clean-up.json (EventBridge's scheduled event), bound as the Lambda runtime binds it. */
    private static CleanUpRequest sampleEvent() throws IOException {
        return bind(Files.readString(Path.of(System.getProperty("user.dir")).resolve("../events/unconfirmed-clean-up.json")));
    }

    private static CleanUpRequest bind(String json) {
        try (InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
            return LambdaEventSerializers.serializerFor(CleanUpRequest.class, CleanUpRequest.class.getClassLoader()).fromJson(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean codeExists(TestAws on, String table, String key) {
        try (DynamoDbClient dynamo = on.aws().client(DynamoDbClient.builder())) {
            return dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS(key))).consistentRead(true)).hasItem();
        }
    }

    private String pool() {
        return aws.stack().physicalId("UserPool");
    }

    private APIGatewayV2HTTPEvent signUpEvent(String address, String client) {
        return signUpEvent(aws, address, client);
    }

    private static APIGatewayV2HTTPEvent signUpEvent(TestAws on, String address, String client) {
        APIGatewayV2HTTPEvent event = on.event("signup.json", Map.of("email", address, "password", PASSWORD));
        event.getRequestContext().getHttp().setSourceIp(client);
        return event;
    }

    private static String newAddress() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }
}
