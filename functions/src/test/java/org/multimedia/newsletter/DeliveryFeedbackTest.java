package org.multimedia.newsletter;

import org.multimedia.core.HmacKeys;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, item 4, over in-memory ports: the bounce handler's service acts only on notifications
 * from our topic about mail of our configuration set; the rest is logged and counted (metric
 * {@code NewsletterFeedbackForeign}) and changes nothing.
 */
class DeliveryFeedbackTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:multimedia-NewsletterFeedbackTopic";
    private static final String SET = "multimedia-NewsletterConfigurationSet";

    private final Fakes.SuppressionList suppressions = new Fakes.SuppressionList();
    private final Fakes.MailingListTable list = new Fakes.MailingListTable(Clock.systemUTC());
    private final DeliveryFeedback feedback = new DeliveryFeedback(JsonMapper.createDefault(), suppressions, list,
            new AuthEvents(Clock.systemUTC(), HmacKeys.of("test-key")), new FeedbackSettings(TOPIC, SET));

    private static String bounce(String email, String tags) {
        return "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"feedbackId\":\"f-1\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"" + email + "\"}]},\"mail\":{\"source\":\"news@portal.example\""
                + (tags == null ? "" : ",\"tags\":" + tags) + "}}";
    }

    @Test
    void onlyOurTopicAndConfigurationSetSuppressTheRestIsCountedAndIgnored() {
        list.subscribe(EmailAddress.parse("ann@example.com"), "sub-ann", Language.EN, MailingList.ACCOUNT_PAGE);
        String ours = "{\"ses:configuration-set\":[\"" + SET + "\"]}";
        List<String> lines = stdout(() -> {
            feedback.handle("m1", "arn:aws:sns:eu-west-1:210987654321:elsewhere", bounce("ann@example.com", ours));
            feedback.handle("m2", null, bounce("ann@example.com", ours));
            feedback.handle("m3", TOPIC, bounce("ann@example.com", "{\"ses:configuration-set\":[\"another-set\"]}"));
            feedback.handle("m4", TOPIC, bounce("ann@example.com", null));
            feedback.handle("m5", TOPIC, bounce("ann@example.com", "{\"ses:configuration-set\":\"" + SET + "\"}"));
            feedback.handle("m6", TOPIC + "-copy", bounce("ann@example.com", ours));
        });
        assertTrue(suppressions.reasons.isEmpty(), "nothing suppressed: " + suppressions.reasons);
        assertTrue(list.isSubscribed(EmailAddress.parse("ann@example.com")), "no subscription ended");
        assertEquals(6, lines.stream().filter(l -> l.contains("\"" + DeliveryFeedback.FOREIGN + "\":1")).count(), String.join("\n", lines));
        assertFalse(String.join("\n", lines).contains("ann@example.com"), "no address in the logs");

        feedback.handle("m7", TOPIC, bounce("Ann@Example.com", ours));
        assertEquals("bounce", suppressions.reasons.get("ann@example.com"), "ours still counts");
        assertFalse(list.isSubscribed(EmailAddress.parse("ann@example.com")));
    }

    private static List<String> stdout(Runnable run) {
        PrintStream out = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(out);
        }
        return List.of(written.toString(StandardCharsets.UTF_8).split("\n"));
    }
}
