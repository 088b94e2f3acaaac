package org.multimedia.mail;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.multimedia.account.SignUpHandler;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multimedia.testing.SqsEvents.batch;
import static org.multimedia.testing.SqsEvents.failed;

/** The mail worker against moto: queued mail is rendered and sent; what cannot be sent now is retried. */
class MailWorkerIntegrationTest {

    private final TestAws aws = TestAws.get();
    private final JsonMapper json = JsonMapper.createDefault();

    private static MailMessage code(String to, String code) {
        return new MailMessage(to, "verification-code", "en",
                Map.of("code", code, "minutes", "30", "website", "https://portal.example", "lang", "en"));
    }

    private String body(MailMessage message) throws Exception {
        return new String(json.writeValueAsBytes(message), StandardCharsets.UTF_8);
    }

    @Test
    void aMessageQueuedThroughTheOutboxIsRenderedAndSent() {
        String to = "queued-" + UUID.randomUUID() + "@test.example";
        // The outbox of an API function, with that function's environment (MAIL_QUEUE_URL).
        aws.handler(SignUpHandler.class, "SignUpFunction").getApplicationContext()
                .getBean(MailOutbox.class).enqueue(code(to, "481516"));
        List<TestAws.SentMail> mail = aws.mailTo(to);
        assertEquals(1, mail.size());
        assertEquals("Your verification code: 481516", mail.get(0).subject());
        assertEquals("481516", mail.get(0).code());
    }

    @Test
    void aThrottledSendIsReportedAsABatchItemFailureAndTheRestOfTheBatchIsNotHeldUp() throws Exception {
        MailWorker throttled = aws.handler(MailWorker.class, "MailWorkerFunction", Map.of("TEST_SES", "throttling"));
        String to = "throttled-" + UUID.randomUUID() + "@test.example";
        SQSBatchResponse response = throttled.handleRequest(batch(body(code(to, "111111"))), null);
        assertEquals(List.of("m1"), failed(response));
        assertTrue(aws.mailTo(to).isEmpty());

        MailWorker worker = aws.handler(MailWorker.class, "MailWorkerFunction");
        String other = "batch-" + UUID.randomUUID() + "@test.example";
        response = worker.handleRequest(batch(body(code(other, "222222")), "not json {\"code\":\"333333\"",
                body(new MailMessage(other, "no-such-template", "en", Map.of())),
                body(new MailMessage(other, "../secrets", "en", Map.of()))), null);
        assertEquals(List.of("m2", "m3", "m4"), failed(response),
                "what can never be sent fails too, so it ends in the dead-letter queue and is counted");
        assertEquals(List.of("Your verification code: 222222"), aws.mailTo(other).stream().map(TestAws.SentMail::subject).toList());
    }

    /**
     * Issue 19, item 3: an address on the suppression list (it hard-bounced or complained) gets no
     * account mail. The API answers exactly as for any other address (no enumeration of the list);
     * the worker drops the message without a retry (it would be dropped again) and counts it.
     */
    @Test
    void accountMailToASuppressedAddressIsDroppedByTheWorkerAndTheApiAnswersAsForAnyAddress() throws Exception {
        String suppressed = "suppressed-" + UUID.randomUUID() + "@example.com";
        String other = "not-suppressed-" + UUID.randomUUID() + "@example.com";
        suppress(suppressed, "complaint");
        SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction");
        APIGatewayV2HTTPResponse toSuppressed = signUp.handleRequest(aws.event("signup.json",
                Map.of("email", suppressed, "password", "Correct-Horse7battery")), null);
        APIGatewayV2HTTPResponse toOther = signUp.handleRequest(aws.event("signup.json",
                Map.of("email", other, "password", "Correct-Horse7battery")), null);
        assertEquals(202, toSuppressed.getStatusCode(), toSuppressed.getBody());
        assertEquals(toOther.getStatusCode(), toSuppressed.getStatusCode());
        assertEquals(toOther.getBody(), toSuppressed.getBody(), "the same answer: nobody learns the list");
        assertEquals(1, aws.mailTo(other).size());
        assertEquals(List.of(), aws.mailTo(suppressed), "no code to a suppressed address");

        // Straight to the worker: dropped and acknowledged (not a batch item failure), the rest sent.
        MailWorker worker = aws.handler(MailWorker.class, "MailWorkerFunction");
        SQSBatchResponse response = worker.handleRequest(batch(body(code(suppressed, "999999")),
                body(new MailMessage(suppressed, "password-changed", "en", Map.of())), body(code(other, "424242"))), null);
        assertEquals(List.of(), failed(response), "dropped for good, not retried");
        assertEquals(List.of(), aws.mailTo(suppressed));
        assertEquals(2, aws.mailTo(other).size());
    }

    private void suppress(String email, String reason) {
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            dynamo.putItem(r -> r.tableName(aws.stack().physicalId("SuppressionsTable")).item(Map.of(
                    "email", AttributeValue.fromS(email), "reason", AttributeValue.fromS(reason),
                    "at", AttributeValue.fromN("1"), "feedbackId", AttributeValue.fromS("feedback-test"))));
        }
    }
}
