package org.multimedia.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.multimedia.infrastructure.emulator.QueueConsumer;
import org.multimedia.infrastructure.emulator.QueueEventSource;
import org.multimedia.infrastructure.emulator.ReliabilityReport;
import org.multimedia.mail.MailWorker;
import org.multimedia.newsletter.CampaignPageWorker;
import org.multimedia.newsletter.CampaignSendWorker;
import org.multimedia.newsletter.BounceHandler;
import org.multimedia.newsletter.CreateCampaignHandler;
import org.multimedia.newsletter.SubscribeHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.nio.file.Files;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, hostile queue messages: for each queue consumer (mail worker, campaign page worker,
 * campaign send worker) unreadable, wrongly shaped and unknown-campaign/template messages are put
 * in its queue next to a good one. Each must fail alone (the good one in the same batch is done
 * at once), come back as SQS would (the visibility timeout is cut to 0 here instead of waited
 * for) and land in the consumer's dead-letter queue after the template's maxReceiveCount, where
 * the DLQ alarm counts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoisonMessageIntegrationTest {

    // Its own stack: each case drains a consumer's queue and then expects its dead-letter queue to hold
    // the bad messages and only they; another test's leftover (a message failing on its own schedule)
    // must not be drained or dead-lettered here.
    private final TestAws aws = TestAws.isolated("poison");
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<String> rows = new ArrayList<>();

    @AfterAll
    void report() {
        ReliabilityReport.section("poison", "### Queue consumers: poison messages\n\n"
                + "| Consumer | Messages put next to a good one | Good one | Each bad one | Dead-letter queue |\n"
                + "|---|---|---|---|---|\n" + String.join("\n", rows));
    }

    @Test
    void theMailWorkerDeadLettersWhatItCannotSendAndSendsTheRest() throws Exception {
        String to = "poison-" + UUID.randomUUID() + "@example.com";
        String good = new String(json.writeValueAsBytes(Map.of("to", to, "template", "verification-code", "language", "en",
                "values", Map.of("code", "123456", "minutes", "30"))), StandardCharsets.UTF_8);
        List<String> bad = List.of("not json at all", "{\"to\":42}", "{}",
                new String(json.writeValueAsBytes(Map.of("to", to, "template", "no-such-template", "language", "en",
                        "values", Map.of())), StandardCharsets.UTF_8));
        run("MailWorkerFunction", aws.handler(MailWorker.class, "MailWorkerFunction"), "MailDeadLetterQueue", List.of(good), bad,
                () -> assertEquals(1, aws.mailTo(to).size(), "the good message was sent"),
                "unreadable, wrong types, empty, unknown template");
    }

    @Test
    void theCampaignWorkersDeadLetterJobsOfNoCampaign() throws Exception {
        String marketing = "poison-marketing-" + UUID.randomUUID() + "@example.com";
        aws.confirmedUser(marketing, "Correct-Horse7battery", true, "en", "marketing");
        String to = marketing; // a test goes to verified marketing accounts only (issue 19)
        String token = aws.accessToken(marketing, "Correct-Horse7battery");
        APIGatewayV2HTTPEvent create = aws.authorized("create-campaign.json", token);
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("campaignId", "poison-" + UUID.randomUUID());
        campaign.put("subject", "Poison");
        campaign.put("html", "<p>x</p>");
        campaign.put("text", "x");
        campaign.put("testRecipients", List.of(to));
        create.setBody(new String(json.writeValueAsBytes(campaign), StandardCharsets.UTF_8));
        assertEquals(202, aws.handler(CreateCampaignHandler.class, "CreateCampaignFunction").handleRequest(create, null).getStatusCode());

        // The page job of that campaign is in the page queue already: the good one.
        List<String> badPages = List.of("not json", "{\"campaignId\":null,\"languageIndex\":0,\"page\":0}",
                "{\"campaignId\":\"no-such-campaign-" + UUID.randomUUID() + "\",\"languageIndex\":0,\"page\":0}",
                "{\"campaignId\":\"x\",\"languageIndex\":\"zero\",\"page\":0}");
        run("CampaignPageWorkerFunction", aws.handler(CampaignPageWorker.class, "CampaignPageWorkerFunction"),
                "CampaignPageDeadLetterQueue", List.of(), badPages, () -> { },
                "unreadable, no campaign id, unknown campaign, wrong types");

        // Its one send job is now in the send queue: the good one.
        List<String> badSends = List.of("][", "{\"campaignId\":\"no-such-campaign-" + UUID.randomUUID()
                        + "\",\"email\":\"" + to + "\",\"language\":\"en\",\"test\":true}",
                "{\"campaignId\":\"x\",\"email\":7,\"language\":\"en\",\"test\":\"yes\"}");
        run("CampaignSendWorkerFunction", aws.handler(CampaignSendWorker.class, "CampaignSendWorkerFunction",
                        Map.of("NEWSLETTER_SENDS_PER_SECOND", "10000")),
                "CampaignSendDeadLetterQueue", List.of(), badSends,
                () -> assertTrue(aws.rawMail().stream().anyMatch(m -> m.destinations().contains(to)), "the good job was sent"),
                "unreadable, unknown campaign, wrong types");
    }

    /**
     * SNS feedback (BounceFunction): unreadable notifications in one event with a real bounce are
     * dropped and counted (metric {@code NewsletterFeedbackMalformed}); the bounce is applied.
     */
    @Test
    void theBounceHandlerDropsUnreadableNotificationsAndAppliesTheRest() throws Exception {
        String email = "poison-bounce-" + UUID.randomUUID() + "@example.com";
        aws.confirmedUser(email, "Correct-Horse7battery", true, "en");
        String token = aws.accessToken(email, "Correct-Horse7battery");
        assertEquals(200, aws.handler(SubscribeHandler.class, "SubscribeFunction")
                .handleRequest(aws.authorized("subscribe.json", token), null).getStatusCode());
        Map<String, String> ours = aws.stack().functionEnvironment("BounceFunction"); // the only topic and set it acts on
        String sample = Files.readString(ReliabilityReport.repositoryRoot().resolve("events").resolve("bounce.json"))
                .replace("arn:aws:sns:eu-west-1:123456789012:multimedia-NewsletterFeedbackTopic", ours.get("NEWSLETTER_FEEDBACK_TOPIC_ARN"))
                .replace("multimedia-NewsletterConfigurationSet", ours.get("NEWSLETTER_FEEDBACK_CONFIGURATION_SET"));
        SNSEvent template = LambdaEventSerializers.serializerFor(SNSEvent.class, getClass().getClassLoader())
                .fromJson(new java.io.ByteArrayInputStream(sample.replace("bounced@example.com", email).getBytes(StandardCharsets.UTF_8)));
        SNSEvent.SNSRecord good = template.getRecords().get(0);
        List<String> bad = List.of("not json", "{}", "{\"eventType\":\"Bounce\"}", "{\"eventType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":\"x\"}}",
                "{\"eventType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":7}]}}", "\u0000");
        List<SNSEvent.SNSRecord> records = new ArrayList<>();
        for (String message : bad) {
            SNSEvent.SNSRecord record = LambdaEventSerializers.serializerFor(SNSEvent.class, getClass().getClassLoader())
                    .fromJson(new java.io.ByteArrayInputStream(sample.getBytes(StandardCharsets.UTF_8))).getRecords().get(0);
            record.getSNS().setMessage(message);
            record.getSNS().setMessageId(UUID.randomUUID().toString());
            records.add(record);
        }
        records.add(2, good);
        SNSEvent event = new SNSEvent();
        event.setRecords(records);
        aws.handler(BounceHandler.class, "BounceFunction").handleRequest(event, null); // no exception: nothing to retry
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            var item = dynamo.getItem(r -> r.tableName(aws.stack().physicalId("SubscriptionsTable"))
                    .key(Map.of("email", AttributeValue.fromS(email)))).item();
            assertTrue(item != null && Boolean.FALSE.equals(item.get("subscribed").bool()), "the bounce in the middle was applied");
        }
        rows.add("| BounceFunction (SNS) | " + bad.size() + " unreadable or wrongly shaped notifications in one event "
                + "with a real bounce | applied (subscription ended) | logged by SNS message id and dropped, counted "
                + "(metric NewsletterFeedbackMalformed, or NewsletterFeedbackForeign when nothing in it shows it is about "
                + "mail of our configuration set); the event succeeds, so Lambda does not retry it | none needed "
                + "(only a failure to record, e.g. DynamoDB down, is retried and then dead-lettered) |");
    }

    /**
     * Puts {@code good} and {@code bad} in the function's queue, then runs the function over it as
     * Lambda's event source mapping would, making failed messages visible again at once, until the
     * queue is empty; the bad ones must then be in {@code dlq}, each received maxReceiveCount times.
     */
    private void run(String function, MicronautRequestHandler<SQSEvent, SQSBatchResponse> worker, String dlq,
                     List<String> good, List<String> bad, Runnable goodDone, String kinds) {
        QueueConsumer consumer = aws.stack().queueConsumers().stream()
                .filter(c -> c.functionLogicalId().equals(function)).findFirst().orElseThrow();
        String dlqUrl = aws.stack().physicalId(dlq);
        try (SqsClient sqs = aws.aws().client(SqsClient.builder())) {
            sqs.purgeQueue(r -> r.queueUrl(dlqUrl));
            List<String> all = new ArrayList<>(bad);
            all.addAll(good);
            for (String body : all) {
                sqs.sendMessage(r -> r.queueUrl(consumer.queueUrl()).messageBody(body));
            }
            QueueEventSource queue = new QueueEventSource(sqs, consumer, aws.aws().region());
            Set<String> failedIds = new HashSet<>();
            int rounds = 0;
            int batches = 0;
            boolean goodAlone = true;
            while (rounds++ < 200) {
                List<SQSEvent.SQSMessage> handed = new ArrayList<>();
                int polled = queue.pollOnce(Duration.ZERO, event -> {
                    handed.addAll(event.getRecords());
                    SQSBatchResponse response = worker.handleRequest(event, null);
                    for (var failure : response.getBatchItemFailures()) {
                        failedIds.add(failure.getItemIdentifier());
                        event.getRecords().stream().filter(m -> m.getMessageId().equals(failure.getItemIdentifier()))
                                .forEach(m -> sqs.changeMessageVisibility(v -> v.queueUrl(consumer.queueUrl())
                                        .receiptHandle(m.getReceiptHandle()).visibilityTimeout(0)));
                    }
                    return response;
                });
                if (polled == 0) {
                    break;
                }
                batches++;
                for (var m : handed) {
                    if (bad.contains(m.getBody()) != failedIds.contains(m.getMessageId())) {
                        goodAlone = false; // a good message failed, or a bad one passed
                    }
                }
            }
            assertTrue(goodAlone, function + ": only the bad messages failed");
            goodDone.run();
            List<String> dead = new ArrayList<>();
            for (int i = 0; i < 5 && dead.size() < bad.size(); i++) {
                sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages()
                        .forEach(m -> dead.add(m.body()));
            }
            assertEquals(new HashSet<>(bad), new HashSet<>(dead), function + ": the bad messages, and only they, are dead-lettered");
            rows.add("| " + function + " | " + bad.size() + " (" + kinds + ") | done in its first batch | failed alone "
                    + "(batch item failure) in every delivery, " + batches + " batches in all | all " + bad.size()
                    + " there after maxReceiveCount deliveries (" + dlq + ": its alarm fires on more than 0) |");
        }
    }
}
