package org.multimedia.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox end to end: the API functions queue account mail instead of sending it, so SES
 * failing (here: an unverified sender, which SES answers MessageRejected) no longer turns a
 * sign-up whose account was already created into 503; the code waits in the queue and the
 * mail worker delivers it.
 */
class AccountMailQueueIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    /** The sign-up function's SES would refuse this sender. */
    private static final Map<String, String> SES_REFUSES = Map.of("MAIL_SENDER", "unverified@nowhere.example");

    private final TestAws aws = TestAws.get();
    private final String email = "queued-" + UUID.randomUUID() + "@example.com";

    @Test
    void signUpAnswers202WhenSesFailsAndTheCodeIsDeliveredFromTheQueue() {
        SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction", SES_REFUSES);
        APIGatewayV2HTTPResponse accepted = signUp.handleRequest(aws.event("signup.json",
                Map.of("email", email, "password", PASSWORD)), null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        try (CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            assertEquals(UserStatusType.UNCONFIRMED, cognito.adminGetUser(r -> r.userPoolId(aws.stack().userPoolId())
                    .username(email)).userStatus());
        }

        List<TestAws.SentMail> mail = aws.mailTo(email); // the worker runs over the queue first
        assertEquals(1, mail.size());
        assertTrue(mail.get(0).subject().startsWith("Your verification code: "), mail.get(0).subject());
        assertEquals(aws.stack().parameters().get("SenderEmail"), mail.get(0).from(), "sent by the worker's SES");
    }

    @Test
    void forgotPasswordAnswers202WhenSesFails() {
        aws.handler(SignUpHandler.class, "SignUpFunction").handleRequest(aws.event("signup.json",
                Map.of("email", email, "password", PASSWORD)), null);
        ForgotPasswordHandler forgot = aws.handler(ForgotPasswordHandler.class, "ForgotPasswordFunction", SES_REFUSES);
        APIGatewayV2HTTPResponse accepted = forgot.handleRequest(aws.event("forgot-password.json", Map.of("email", email)), null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        assertEquals(2, aws.mailTo(email).size());
    }
}
