package org.multimedia.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-up, verification and "send new code" through the handlers, against the emulator. */
class SignUpFlowIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    private static final String CODE_SENT = "{\"status\":\"verification_sent\",\"expiresInSeconds\":1800}";

    private final TestAws aws = TestAws.get();
    private final SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction");
    private final VerifyEmailHandler verify = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction");
    private final ResendVerificationHandler resend = aws.handler(ResendVerificationHandler.class, "ResendVerificationFunction");
    private final String email = "user-" + UUID.randomUUID() + "@example.com";

    @Test
    void signUpThenTheEmailedCodeConfirmsTheAccount() {
        APIGatewayV2HTTPResponse accepted = signUp(email.toUpperCase(), PASSWORD, Map.of("language", "en"));
        assertEquals(202, accepted.getStatusCode());
        assertEquals(CODE_SENT, accepted.getBody());
        assertEquals("no-store", accepted.getHeaders().get("Cache-Control"));
        assertEquals(UserStatusType.UNCONFIRMED, user().userStatus());

        List<TestAws.SentMail> mail = aws.mailTo(email);
        assertEquals(1, mail.size());
        assertEquals(aws.stack().parameters().get("SenderEmail"), mail.get(0).from());
        assertTrue(mail.get(0).body().contains("This code will expire in 30 minutes."));
        String code = mail.get(0).code();

        APIGatewayV2HTTPResponse wrong = verify(email, code.equals("000000") ? "000001" : "000000");
        assertEquals(400, wrong.getStatusCode());
        assertEquals("invalid_code", aws.body(wrong).get("error").getStringValue());
        assertEquals(4, aws.body(wrong).get("attemptsLeft").getIntValue());

        APIGatewayV2HTTPResponse verified = verify(" " + email + " ", code);
        assertEquals(200, verified.getStatusCode());
        assertEquals("verified", aws.body(verified).get("status").getStringValue());
        assertEquals("Bearer", aws.body(verified).get("tokenType").getStringValue(), "verify logs the account in");
        AdminGetUserResponse user = user();
        assertEquals(UserStatusType.CONFIRMED, user.userStatus());
        assertTrue(user.userAttributes().stream().anyMatch(a -> a.name().equals("email_verified") && a.value().equals("true")));

        assertEquals("invalid_code", aws.body(verify(email, code)).get("error").getStringValue(), "a code works once");
    }

    @Test
    void signingUpAnExistingAccountAnswersTheSameAndMailsNoCode() {
        signUp(email, PASSWORD, Map.of());
        verify(email, aws.mailTo(email).get(0).code());

        APIGatewayV2HTTPResponse again = signUp(email, "Other-Passw0rd!!", Map.of("language", "fr"));
        assertEquals(202, again.getStatusCode());
        assertEquals(CODE_SENT, again.getBody());
        TestAws.SentMail notice = aws.mailTo(email).get(1);
        assertEquals("Vous avez déjà un compte", notice.subject());
        assertFalse(notice.body().matches("(?s).*\\b\\d{6}\\b.*"), "no code in it");
    }

    @Test
    void theFifthWrongCodeKillsTheCodeUntilANewOneIsSent() throws InterruptedException {
        ResendVerificationHandler quickResend = aws.handler(ResendVerificationHandler.class, "ResendVerificationFunction",
                Map.of("CODES_RESEND_COOLDOWN", "1s"));
        signUp(email, PASSWORD, Map.of());
        String code = aws.mailTo(email).get(0).code();
        String wrong = code.equals("999999") ? "999998" : "999999";
        for (int left = 4; left >= 1; left--) {
            assertEquals(left, aws.body(verify(email, wrong)).get("attemptsLeft").getIntValue());
        }
        APIGatewayV2HTTPResponse fifth = verify(email, wrong);
        assertEquals(429, fifth.getStatusCode());
        assertEquals("too_many_attempts", aws.body(fifth).get("error").getStringValue());
        assertEquals(429, verify(email, code).getStatusCode(), "the right code is refused too");

        Thread.sleep(1100);
        assertEquals(202, quickResend.handleRequest(aws.event("resend-verification.json", Map.of("email", email)), null).getStatusCode());
        String fresh = aws.mailTo(email).get(1).code();
        assertEquals(200, verify(email, fresh).getStatusCode());
    }

    @Test
    void resendTooSoonAnswersTheSameWhetherOrNotTheAccountExists() {
        signUp(email, PASSWORD, Map.of());
        String nobody = "nobody-" + UUID.randomUUID() + "@example.com";
        APIGatewayV2HTTPResponse[] forAccount = {resend(email), resend(email)};
        APIGatewayV2HTTPResponse[] forNobody = {resend(nobody), resend(nobody)};

        assertEquals(429, forAccount[0].getStatusCode(), "the sign-up code was sent less than a minute ago");
        assertEquals(202, forNobody[0].getStatusCode());
        assertEquals(CODE_SENT, forNobody[0].getBody());
        for (APIGatewayV2HTTPResponse tooSoon : List.of(forAccount[1], forNobody[1])) {
            assertEquals(429, tooSoon.getStatusCode());
            JsonNode body = aws.body(tooSoon);
            assertEquals("resend_too_soon", body.get("error").getStringValue());
            int wait = body.get("retryAfterSeconds").getIntValue();
            assertTrue(wait > 0 && wait <= 60);
            assertEquals(Integer.toString(wait), tooSoon.getHeaders().get("Retry-After"));
        }
        assertTrue(aws.mailTo(nobody).isEmpty());
    }

    @Test
    void codesAreStoredOnlyAsKeyedHashesWithAnExpiry() {
        signUp(email, PASSWORD, Map.of());
        String code = aws.mailTo(email).get(0).code();
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(aws.stack().physicalId("VerificationCodesTable"))
                    .key(Map.of("pk", AttributeValue.fromS("signup#" + email)))).item();
            assertFalse(item.toString().contains(code));
            assertNotEquals(null, item.get("ttl"));
            long expiresIn = Long.parseLong(item.get("expiresAt").n()) - System.currentTimeMillis();
            assertTrue(expiresIn > 29 * 60_000 && expiresIn <= 30 * 60_000);
        }
    }

    @Test
    void theNewsletterChoiceIsAppliedWhenTheAddressIsConfirmed() {
        signUp(email, PASSWORD, Map.of("newsletter", true, "language", "fr"));
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            String table = aws.stack().physicalId("SubscriptionsTable");
            Map<String, AttributeValue> key = Map.of("email", AttributeValue.fromS(email));
            assertFalse(dynamo.getItem(r -> r.tableName(table).key(key)).hasItem());
            verify(email, aws.mailTo(email).get(0).code());
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key)).item();
            assertTrue(item.get("subscribed").bool());
            assertEquals("fr", item.get("language").s());
        }
    }

    @Test
    void badInputGetsAClearErrorFromTheContract() {
        assertError(400, "invalid_request", signUp.handleRequest(withRawBody("{not json"), null));
        assertError(400, "invalid_request", signUp.handleRequest(aws.event("signup.json", Map.of("password", PASSWORD)), null));
        assertError(400, "invalid_request", signUp.handleRequest(aws.event("signup.json", Map.of("email", 42, "password", PASSWORD)), null));
        assertError(400, "invalid_request", signUp(email, PASSWORD, Map.of("language", "de")));
        assertError(400, "invalid_email", signUp("a".repeat(250) + "@example.com", PASSWORD, Map.of()));
        APIGatewayV2HTTPResponse weak = signUp(email, "short pass", Map.of());
        assertError(400, "weak_password", weak);
        assertTrue(weak.getBody().contains(
                "\"violations\":[\"too_short\",\"contains_whitespace\",\"missing_uppercase\",\"missing_digit\",\"missing_symbol\"]"),
                weak.getBody());
        assertTrue(aws.mailTo(email).isEmpty());
    }

    @Test
    void aFailingDependencyIsA503WithoutAwsDetailsAndLeavesNoHalfAccount() {
        SignUpHandler broken = aws.handler(SignUpHandler.class, "SignUpFunction", Map.of("TABLES_CODES", "no-such-table"));
        APIGatewayV2HTTPResponse failed = broken.handleRequest(aws.event("signup.json", Map.of("email", email, "password", PASSWORD)), null);
        assertError(503, "service_unavailable", failed);
        assertFalse(failed.getBody().contains("ResourceNotFound"));
        assertTrue(aws.mailTo(email).isEmpty());

        assertEquals(202, signUp(email, PASSWORD, Map.of()).getStatusCode(), "trying again works");
        assertEquals(200, verify(email, aws.mailTo(email).get(0).code()).getStatusCode());
    }

    private void assertError(int status, String code, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals(code, aws.body(response).get("error").getStringValue());
        assertTrue(aws.body(response).get("message").getStringValue().length() > 5);
    }

    private com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent withRawBody(String body) {
        var event = aws.event("signup.json", null);
        event.setBody(body);
        return event;
    }

    private APIGatewayV2HTTPResponse signUp(String address, String password, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("email", address);
        body.put("password", password);
        return signUp.handleRequest(aws.event("signup.json", body), null);
    }

    private APIGatewayV2HTTPResponse verify(String address, String code) {
        return verify.handleRequest(aws.event("verify-email.json", Map.of("email", address, "code", code, "password", PASSWORD)), null);
    }

    private APIGatewayV2HTTPResponse resend(String address) {
        return resend.handleRequest(aws.event("resend-verification.json", Map.of("email", address)), null);
    }

    private AdminGetUserResponse user() {
        try (CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            return cognito.adminGetUser(r -> r.userPoolId(aws.stack().userPoolId()).username(email));
        }
    }

}
