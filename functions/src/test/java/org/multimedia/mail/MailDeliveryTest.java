package org.multimedia.mail;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.core.FunctionContexts;
import org.multimedia.queue.JobCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mail worker's decisions over in-memory ports (no AWS): what it sends, and which failures
 * it leaves for a retry. Every failure throws (the queue redelivers, then dead-letters), so a
 * throttled send goes out on a later receive, and a message that can never be sent never
 * reaches SES, however often it is received.
 */
class MailDeliveryTest {

    private final JsonMapper json = JsonMapper.createDefault();
    private final MailFakes.Mailer ses = new MailFakes.Mailer();
    private final MailFakes.Account account = MailFakes.Account.healthy();
    private final JobCodec codec = new JobCodec(json);
    private final WebsiteSettings website = new WebsiteSettings("https://portal.example");
    private final MailFakes.Suppressed suppressed = new MailFakes.Suppressed();
    private final MailDelivery delivery = new MailDelivery(new MailTemplates(), ses, new SendingReadiness(account), website, suppressed);

    /** What the worker does with one received body: decoded once by the queue base, then delivered. */
    private void receive(MailDelivery delivery, String body) {
        delivery.deliver(codec.read(body, MailMessage.class));
    }

    private String body(MailMessage message) {
        return codec.write(message);
    }

    private static MailMessage code(String to, String language) {
        return new MailMessage(to, "verification-code", language, Map.of("code", "493817", "minutes", "30"));
    }

    @Test
    void aQueuedCodeIsSentOnceToItsAddressInItsLanguage() {
        receive(delivery, body(code("ada@example.com", "fr")));
        assertEquals(1, ses.sent.size());
        OutboundEmail mail = ses.sent.get(0);
        assertEquals("ada@example.com", mail.to());
        assertEquals("Votre code de vérification : 493817", mail.subject());
        assertTrue(mail.text().contains("493817") && mail.html().contains("493817"));
    }

    @Test
    void whatTheApiQueuedThroughTheOutboxIsWhatTheWorkerSends() {
        MailFakes.Outbox outbox = new MailFakes.Outbox();
        outbox.enqueue(code("ada@example.com", "en"));
        outbox.enqueue(new MailMessage("bob@example.com", MailDelivery.NOTHING, "en", Map.of()));
        outbox.enqueue(new MailMessage("cy@example.com", "password-changed", "en", Map.of()));
        while (!outbox.queued.isEmpty()) {
            receive(delivery, body(outbox.queued.poll()));
        }
        assertEquals(List.of("ada@example.com", "cy@example.com"), ses.sent.stream().map(OutboundEmail::to).toList(),
                "the 'nothing' message (same work, no mail) is dropped");

        MailFakes.Outbox down = new MailFakes.Outbox().down();
        assertThrows(DomainException.class, () -> down.enqueue(code("ada@example.com", "en")));
        assertTrue(down.queued.isEmpty());
    }

    @Test
    void theWorkerAddsThePortalsAddressAndLinksThatWorkOnTheStaticSite() {
        // As queued by an API function (no address of the portal), and as an older version queued it.
        receive(delivery, body(new MailMessage("ada@example.com", "account-exists", "en", Map.of("lang", "en"))));
        receive(delivery, body(new MailMessage("bob@example.com", "password-changed", "fr",
                Map.of("lang", "fr", "website", "https://old.example", "resetUrl", "https://old.example/reset-password"))));
        for (OutboundEmail mail : ses.sent) {
            assertTrue(mail.text().contains("https://portal.example/#/reset"), mail.text());
            assertTrue(mail.html().contains("href=\"https://portal.example/#/reset\""), mail.html());
            assertTrue(mail.html().contains("href=\"https://portal.example\""), "the footer's link to the portal");
            assertFalse(mail.text().contains("old.example") || mail.html().contains("old.example"), mail.text());
        }
        assertEquals(2, ses.sent.size());
    }

    /** Issue 19, item 3: no account mail to an address that bounced or complained; dropped, counted, not retried. */
    @Test
    void mailToASuppressedAddressIsDroppedAndCountedWithoutReachingSes() throws Exception {
        suppressed.addresses.add("bounced@example.com");
        List<String> lines = stdout(() -> {
            receive(delivery, body(code("Bounced@Example.com", "en")));        // as queued, in any case
            receive(delivery, body(new MailMessage("bounced@example.com", "password-changed", "fr", Map.of())));
            receive(delivery, body(code("ada@example.com", "en")));
        });
        assertEquals(List.of("ada@example.com"), ses.sent.stream().map(OutboundEmail::to).toList());
        assertEquals(1, ses.attempts.get(), "SES asked for ada only");
        long counted = lines.stream().filter(line -> line.contains("\"" + MailDelivery.SUPPRESSED + "\":1")).count();
        assertEquals(2, counted, String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(line -> line.toLowerCase().contains("bounced@example.com")), "no address in the logs");

        suppressed.addresses.clear();
        receive(delivery, body(new MailMessage("nobody@example.com", MailDelivery.NOTHING, "en", Map.of())));
        assertEquals(3, suppressed.reads.get(), "the 'nothing' message reads nothing");
    }

    /** What the code under test writes on stdout (the embedded-metric lines), line by line. */
    private static List<String> stdout(Runnable run) {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(written, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(out);
        }
        return List.of(written.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n"));
    }

    @Test
    void aThrottledSendFailsForARetryAndGoesOutOnceOnTheNextReceive() {
        ses.throttleNext(2);
        String message = body(code("ada@example.com", "en"));
        for (int receive = 1; receive <= 2; receive++) {
            DomainException throttled = assertThrows(DomainException.class, () -> receive(delivery, message));
            assertEquals(DomainException.Kind.UNAVAILABLE, throttled.kind());
            assertEquals(List.of(), ses.sent, "nothing sent on receive " + receive);
        }
        receive(delivery, message);
        assertEquals(1, ses.sent.size());
        assertEquals(3, ses.attempts.get());
    }

    @Test
    void aMessageThatCanNeverBeSentFailsOnEveryReceiveWithoutReachingSes() {
        List<String> permanent = new ArrayList<>(List.of("not json at all", "", "{}", "{\"to\":42}",
                body(new MailMessage("ada@example.com", "no-such-template", "en", Map.of())),
                body(new MailMessage("ada@example.com", "../verification-code", "en", Map.of())),
                body(new MailMessage("ada@example.com", "verification-code", "de", Map.of()))));
        permanent.add(null);
        for (String message : permanent) {
            for (int receive = 1; receive <= 3; receive++) { // maxReceiveCount, then the dead-letter queue
                RuntimeException failed = assertThrows(RuntimeException.class, () -> receive(delivery, message), String.valueOf(message));
                assertFalse(failed instanceof DomainException d && d.kind() == DomainException.Kind.UNAVAILABLE,
                        "not mistaken for a passing outage: " + message);
                assertFalse(String.valueOf(failed.getMessage()).contains("ada@example.com"), "the message quotes no body");
            }
        }
        assertEquals(0, ses.attempts.get(), "SES never asked");
    }

    @Test
    void theSendingStatusIsReadOncePerContainerAndNeverFailsDelivery() {
        for (int i = 0; i < 5; i++) {
            receive(delivery, body(code("ada@example.com", "en")));
        }
        assertEquals(1, account.reads.get());
        assertEquals(5, ses.sent.size());

        MailFakes.Mailer other = new MailFakes.Mailer();
        SendingAccount unreadable = () -> {
            throw DomainException.unavailable();
        };
        receive(new MailDelivery(new MailTemplates(), other, new SendingReadiness(unreadable), website, suppressed),
                body(code("bob@example.com", "en")));
        assertEquals(1, other.sent.size(), "an unknown status explains failures, it causes none");
    }

    @Test
    void inABatchOnlyTheThrottledAndTheUnsendableMessagesAreLeftForARetry() {
        // The worker's context as on Lambda (its SES client is never built: the delivery is replaced
        // by the one over the fakes, the worker's one collaborator).
        try (ApplicationContext context = FunctionContexts.builder()
                .properties(Map.of("mail.sender", "noreply@example.com", "website.url", "https://portal.example",
                        // its suppression list's table is never read either (a closed port: any call would fail)
                        "aws.region", "eu-west-1", "aws.endpoint-url", "http://127.0.0.1:9"))
                .properties(Map.of("tables.codes", "t", "tables.rate-limits", "t", "tables.subscriptions", "t",
                        "tables.videos", "t", "tables.downloads", "t", "tables.suppressions", "t", "tables.campaigns", "t",
                        "tables.deliveries", "t")).start()) {
            MailWorker worker = new MailWorker(context);
            worker.delivery = delivery;
            ses.throttleNext(1);
            SQSEvent batch = new SQSEvent();
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            String[] bodies = {body(code("throttled@example.com", "en")), "not json", body(code("ok@example.com", "en"))};
            for (int i = 0; i < bodies.length; i++) {
                SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                message.setMessageId("m" + (i + 1));
                message.setBody(bodies[i]);
                records.add(message);
            }
            batch.setRecords(records);
            SQSBatchResponse response = worker.handleRequest(batch, null);
            assertEquals(List.of("m1", "m2"), response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
            assertEquals(List.of("ok@example.com"), ses.sent.stream().map(OutboundEmail::to).toList());
        }
    }
}
