package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multimedia.testing.SqsEvents.failed;

/**
 * Campaigns against moto, through the handlers and the template's queues: who may send, who
 * receives (exactly once, with the RFC 8058 headers), and what redeliveries, re-posts,
 * throttling and a crash between claim and send do.
 */
class CampaignIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    /** Fast sends in tests; the template's pace is NewsletterSendsPerSecond. */
    private static final Map<String, String> FAST = Map.of("NEWSLETTER_SENDS_PER_SECOND", "10000");

    /**
     * A stack of its own, for the class: a campaign goes to every subscriber and its workers drain
     * whole queues, so the counts below would include what other test classes left in the shared stack.
     */
    private static final TestAws CAMPAIGN_STACK = TestAws.isolated("campaign");
    private final TestAws aws = CAMPAIGN_STACK;
    private final JsonMapper json = JsonMapper.createDefault();
    private final CreateCampaignHandler create = aws.handler(CreateCampaignHandler.class, "CreateCampaignFunction");
    private final GetCampaignHandler get = aws.handler(GetCampaignHandler.class, "GetCampaignFunction");
    private final CampaignPageWorker pager = aws.handler(CampaignPageWorker.class, "CampaignPageWorkerFunction");
    private final CampaignSendWorker sender = aws.handler(CampaignSendWorker.class, "CampaignSendWorkerFunction", FAST);

    @Test
    void onlyMarketingMembersCreateOrReadCampaignsAndBadFieldsAreNamed() {
        String nobody = accessToken(account());
        String editor = accessToken(account("editors"));
        for (String token : List.of(nobody, editor)) {
            APIGatewayV2HTTPResponse refused = create.handleRequest(aws.authorized("create-campaign.json", token, campaign(null, null)), null);
            assertEquals(403, refused.getStatusCode(), refused.getBody());
            assertEquals("forbidden", aws.body(refused).get("error").getStringValue());
            APIGatewayV2HTTPResponse notShown = get.handleRequest(aws.authorized("get-campaign.json", token, null), null);
            assertEquals(403, notShown.getStatusCode());
        }
        String member = accessToken(account("marketing"));
        Map<String, Object> bad = campaign("bad-" + UUID.randomUUID(), null);
        bad.put("language", "de");
        APIGatewayV2HTTPResponse invalid = create.handleRequest(aws.authorized("create-campaign.json", member, bad), null);
        assertEquals(400, invalid.getStatusCode());
        assertEquals("invalid_request", aws.body(invalid).get("error").getStringValue());
        assertTrue(aws.body(invalid).get("message").getStringValue().contains("language"));
        bad = campaign("bad-" + UUID.randomUUID(), List.of("ok@example.com", "not an address"));
        invalid = create.handleRequest(aws.authorized("create-campaign.json", member, bad), null);
        assertTrue(aws.body(invalid).get("message").getStringValue().contains("testRecipients[1]"), invalid.getBody());
        bad = campaign("bad-" + UUID.randomUUID(), null);
        bad.remove("subject");
        invalid = create.handleRequest(aws.authorized("create-campaign.json", member, bad), null);
        assertEquals(400, invalid.getStatusCode());
        assertTrue(aws.body(invalid).get("message").getStringValue().contains("subject"), invalid.getBody());
        assertEquals(404, get.handleRequest(aws.authorized("get-campaign.json", member, null), null).getStatusCode());
    }

    /**
     * Issue 19, items 9 and 12 through the function: no campaignId → 400; the same id with
     * another subject → 409 campaign_conflict (the same content again → the same campaign); a test
     * goes only to the marketing group's verified accounts, and a member makes 10 an hour.
     */
    @Test
    void campaignIdsAreRequiredAndBindTheirContentAndTestSendsAreBounded() {
        String memberEmail = account("marketing");
        String member = accessToken(memberEmail);
        APIGatewayV2HTTPResponse noId = create.handleRequest(aws.authorized("create-campaign.json", member, campaign(null, null)), null);
        assertEquals(400, noId.getStatusCode(), noId.getBody());
        assertEquals("invalid_request", aws.body(noId).get("error").getStringValue());
        assertTrue(aws.body(noId).get("message").getStringValue().contains("campaignId"), noId.getBody());

        String id = "conflict-" + UUID.randomUUID();
        assertEquals(202, create.handleRequest(aws.authorized("create-campaign.json", member, campaign(id, List.of(memberEmail))), null).getStatusCode());
        Map<String, Object> other = campaign(id, List.of(memberEmail));
        other.put("subject", "Another subject");
        APIGatewayV2HTTPResponse conflict = create.handleRequest(aws.authorized("create-campaign.json", member, other), null);
        assertEquals(409, conflict.getStatusCode(), conflict.getBody());
        assertEquals("campaign_conflict", aws.body(conflict).get("error").getStringValue());
        APIGatewayV2HTTPResponse retried = create.handleRequest(aws.authorized("create-campaign.json", member, campaign(id, List.of(memberEmail))), null);
        assertEquals(202, retried.getStatusCode(), "the same content again is the same campaign: " + retried.getBody());

        String unverified = aws.confirmedUser("unverified-" + UUID.randomUUID() + "@example.com", PASSWORD, false, "en", "marketing").email();
        for (String stranger : List.of("stranger-" + UUID.randomUUID() + "@example.com", account(), unverified)) {
            APIGatewayV2HTTPResponse refused = create.handleRequest(aws.authorized("create-campaign.json", member,
                    campaign("stranger-" + UUID.randomUUID(), List.of(memberEmail, stranger))), null);
            assertEquals(400, refused.getStatusCode(), refused.getBody());
            assertTrue(aws.body(refused).get("message").getStringValue().contains("testRecipients[1]"), refused.getBody());
        }

        String colleague = account("marketing");
        for (int i = 2; i <= 10; i++) { // the first was the conflict's campaign
            APIGatewayV2HTTPResponse test = create.handleRequest(aws.authorized("create-campaign.json", member,
                    campaign("test-" + i + "-" + UUID.randomUUID(), List.of(colleague))), null);
            assertEquals(202, test.getStatusCode(), "test send " + i + ": " + test.getBody());
        }
        APIGatewayV2HTTPResponse eleventh = create.handleRequest(aws.authorized("create-campaign.json", member,
                campaign("test-11-" + UUID.randomUUID(), List.of(colleague))), null);
        assertEquals(429, eleventh.getStatusCode(), eleventh.getBody());
        assertEquals("too_many_requests", aws.body(eleventh).get("error").getStringValue());
        assertNotNull(eleventh.getHeaders().get("Retry-After"), eleventh.getHeaders().toString());
    }

    @Test
    void aCampaignToAThousandSubscribersReachesEachRemainingOneOnceWithBothUnsubscribeHeaders() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> all = new ArrayList<>();
        Set<String> unsubscribedBefore = new HashSet<>();
        Set<String> unsubscribedDuring = new HashSet<>();
        Set<String> suppressed = new HashSet<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String email = "sub-" + run + "-" + i + "@example.com";
            String language = i % 3 == 0 ? "fr" : "en";
            all.add(email);
            boolean subscribed = i % 50 != 7;          // 20 unsubscribed before the campaign
            if (!subscribed) {
                unsubscribedBefore.add(email);
            } else if (i % 50 == 13) {
                unsubscribedDuring.add(email);         // 20 unsubscribe after paging, before their send
            } else if (i % 25 == 3) {
                suppressed.add(email);                 // 40 bounced earlier
            }
            items.add(subscriber(email, language, subscribed));
        }
        int others = subscribedNow(); // the other tests of this class share its stack and their subscribers get it too
        seed(items);
        suppress(suppressed);

        String member = accessToken(account("marketing"));
        String id = "summit-" + run;
        APIGatewayV2HTTPResponse accepted = create.handleRequest(aws.authorized("create-campaign.json", member, campaign(id, null)), null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        assertEquals(id, aws.body(accepted).get("campaignId").getStringValue());
        assertEquals("queued", aws.body(accepted).get("status").getStringValue());

        int pages = aws.drain(pager, "CampaignPageWorkerFunction");
        assertTrue(pages >= 11 && pages <= 12 + others / 100, pages + " pages: 653 en then 327 fr subscribers (and others), 100 a page");
        assertEquals("sending", status(member, id).get("status").getStringValue());
        unsubscribe(unsubscribedDuring);
        int handed = aws.drain(sender, "CampaignSendWorkerFunction");
        assertEquals(980 + others, handed);

        Map<String, Integer> received = received(Set.copyOf(all), id);
        Set<String> expected = new HashSet<>(all);
        expected.removeAll(unsubscribedBefore);
        expected.removeAll(unsubscribedDuring);
        expected.removeAll(suppressed);
        assertEquals(920, expected.size());
        assertEquals(expected, received.keySet(), "exactly the subscribed, unsuppressed addresses");
        assertTrue(received.values().stream().allMatch(n -> n == 1), "each once");

        JsonNode done = status(member, id);
        assertEquals("sent", done.get("status").getStringValue());
        assertEquals(980 + others, done.get("recipients").getLongValue());
        assertEquals(920 + others, done.get("sent").getLongValue());
        assertEquals(0, done.get("failed").getLongValue());
        assertEquals(60, done.get("suppressed").getLongValue());

        // A re-posted campaign (same id) answers the existing one and sends nothing new.
        APIGatewayV2HTTPResponse again = create.handleRequest(aws.authorized("create-campaign.json", member, campaign(id, null)), null);
        assertEquals(202, again.getStatusCode());
        assertEquals("sent", aws.body(again).get("status").getStringValue());
        assertEquals(980 + others, aws.body(again).get("recipients").getLongValue());
        aws.drain(pager, "CampaignPageWorkerFunction");
        aws.drain(sender, "CampaignSendWorkerFunction");
        // The same page job delivered again re-queues its send jobs: all already claimed.
        pager.handleRequest(sqs(new PageJob(id, 0, null, 0)), null);
        aws.drain(sender, "CampaignSendWorkerFunction");
        assertEquals(received, received(Set.copyOf(all), id), "nothing sent twice");
        assertEquals(done.toString(), status(member, id).toString(), "counters unchanged");
    }

    @Test
    void theSameBatchTwiceAndAThrottledSendMailEachRecipientOnce() {
        String member = accessToken(account("marketing"));
        String to = account("marketing"); // a test goes to the team's own verified accounts
        String id = "test-" + UUID.randomUUID();
        APIGatewayV2HTTPResponse accepted = create.handleRequest(aws.authorized("create-campaign.json", member, campaign(id, List.of(to))), null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        assertEquals(1, aws.body(accepted).get("recipients").getLongValue());
        SQSEvent batch = sqs(new SendJob(id, to, null, "en", true));

        CampaignSendWorker throttled = aws.handler(CampaignSendWorker.class, "CampaignSendWorkerFunction",
                Map.of("TEST_SES", "throttling", "NEWSLETTER_SENDS_PER_SECOND", "10000"));
        assertEquals(List.of("m-0"), failed(throttled.handleRequest(batch, null)), "throttled: left for an SQS retry");
        assertEquals(List.of("m-0"), failed(throttled.handleRequest(batch, null)), "still throttled on the retry");
        assertEquals(0, received(Set.of(to), id).size());
        assertEquals("sending", status(member, id).get("status").getStringValue());

        assertEquals(List.of(), failed(sender.handleRequest(batch, null)), "the retry once SES takes it");
        assertEquals(List.of(), failed(sender.handleRequest(batch, null)), "the same batch again: nothing to do");
        aws.drain(sender, "CampaignSendWorkerFunction"); // the job the campaign itself queued
        assertEquals(Map.of(to, 1), received(Set.of(to), id));
        TestAws.RawMail mail = aws.rawMail().stream().filter(m -> m.destinations().contains(to)).findFirst().orElseThrow();
        assertTrue(subject(mail).startsWith("[TEST] "), "test sends are marked");

        JsonNode done = status(member, id);
        assertEquals("sent", done.get("status").getStringValue());
        assertEquals(1, done.get("sent").getLongValue());
        assertEquals(0, done.get("failed").getLongValue());
    }

    /** The accepted loss, and that it is counted: a worker that died between its claim and the send's outcome. */
    @Test
    void aClaimAbandonedByACrashIsNeverSentAgainButCountedAsFailed() {
        String member = accessToken(account("marketing"));
        String to = account("marketing");
        String id = "crash-" + UUID.randomUUID();
        assertEquals(202, create.handleRequest(aws.authorized("create-campaign.json", member, campaign(id, List.of(to))), null).getStatusCode());
        Deliveries deliveries = sender.getApplicationContext().getBean(Deliveries.class);
        // The crashed attempt: its claim, 2 minutes ago (past the 60 s lease), and then nothing.
        assertEquals(Deliveries.Claim.CLAIMED, deliveries.claim(id, to, Instant.now().minusSeconds(120), Duration.ofSeconds(60)));

        aws.drain(sender, "CampaignSendWorkerFunction"); // the message comes back after the visibility timeout
        assertEquals(0, received(Set.of(to), id).size(), "in doubt: never sent a second time");
        JsonNode done = status(member, id);
        assertEquals(1, done.get("failed").getLongValue(), "counted, not silently dropped");
        assertEquals("sent", done.get("status").getStringValue(), "and the campaign still finishes");
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, Object> campaign(String id, List<String> testRecipients) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("campaignId", id);
        }
        body.put("subject", "Madrid Summit: the week in pictures");
        body.put("html", "<h1>Madrid Summit</h1><p>The week in pictures.</p>");
        body.put("text", "Madrid Summit\n\nThe week in pictures.");
        if (testRecipients != null) {
            body.put("testRecipients", testRecipients);
        }
        return body;
    }

    /** Mail of campaign {@code id} per recipient among {@code addresses}; asserts the headers and the footer link of each. */
    private Map<String, Integer> received(Set<String> addresses, String id) {
        Map<String, Integer> counts = new HashMap<>();
        for (TestAws.RawMail mail : aws.rawMail()) {
            for (String to : mail.destinations()) {
                if (!addresses.contains(to)) {
                    continue;
                }
                String unsubscribe = mail.header("List-Unsubscribe");
                assertTrue(unsubscribe != null && unsubscribe.matches("<http://localhost:3000/newsletter/unsubscribe\\?token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}>"),
                        String.valueOf(unsubscribe));
                assertEquals("List-Unsubscribe=One-Click", mail.header("List-Unsubscribe-Post"));
                assertTrue(mail.header("From").contains("newsletter@multimedia.example.org"));
                String body = rawBody(mail);
                assertTrue(body.contains(unsubscribe.substring(1, unsubscribe.length() - 1)), "the footer carries the same link");
                assertTrue(body.contains("Madrid Summit"));
                counts.merge(to, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String rawBody(TestAws.RawMail mail) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            mail.mime().writeTo(out);
            return out.toString(StandardCharsets.UTF_8).replace("=\r\n", "").replace("=3D", "=");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(TestAws.RawMail mail) {
        try {
            return mail.mime().getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode status(String token, String id) {
        APIGatewayV2HTTPEvent event = aws.authorized("get-campaign.json", token, null);
        event.setPathParameters(Map.of("id", id));
        APIGatewayV2HTTPResponse response = get.handleRequest(event, null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return aws.body(response);
    }

    /** The design's item shape: listLanguage only while subscribed (the sparse index). */
    private static Map<String, AttributeValue> subscriber(String email, String language, boolean subscribed) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("email", AttributeValue.fromS(email));
        item.put("subscribed", AttributeValue.fromBool(subscribed));
        item.put("language", AttributeValue.fromS(language));
        item.put("subscriberId", AttributeValue.fromS(UUID.randomUUID().toString().replace("-", "").substring(0, 22)));
        item.put("consentAt", AttributeValue.fromN(Long.toString(Instant.now().toEpochMilli())));
        item.put("consentSource", AttributeValue.fromS("account_page"));
        item.put("consentLanguage", AttributeValue.fromS(language));
        if (subscribed) {
            item.put("listLanguage", AttributeValue.fromS(language));
        } else {
            item.put("unsubscribedAt", AttributeValue.fromN(Long.toString(Instant.now().toEpochMilli())));
        }
        return item;
    }

    /** Subscribed addresses already on the list (the sparse index), both languages. */
    private int subscribedNow() {
        String table = aws.stack().physicalId("SubscriptionsTable");
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            int count = 0;
            for (String language : List.of("en", "fr")) {
                count += dynamo.queryPaginator(q -> q.tableName(table).indexName("subscribed")
                        .keyConditionExpression("listLanguage = :l")
                        .expressionAttributeValues(Map.of(":l", AttributeValue.fromS(language)))
                        .select("COUNT")).stream().mapToInt(r -> r.count()).sum();
            }
            return count;
        }
    }

    /**
     * The rows, each subscribed one with its confirmed identity in the pool (made with the admin
     * API, its {@code sub} on the row): the send worker mails a subscription only while the
     * identity that subscribed exists (issue 19 item 6).
     */
    private void seed(List<Map<String, AttributeValue>> rows) {
        String table = aws.stack().physicalId("SubscriptionsTable");
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder());
             CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            for (Map<String, AttributeValue> row : rows) {
                Map<String, AttributeValue> item = new HashMap<>(row);
                if (item.containsKey("listLanguage")) {
                    String email = item.get("email").s();
                    var user = cognito.adminCreateUser(r -> r.userPoolId(aws.stack().userPoolId()).username(email)
                            .messageAction("SUPPRESS").userAttributes(a -> a.name("email").value(email),
                                    a -> a.name("email_verified").value("true"))).user();
                    item.put("sub", AttributeValue.fromS(user.attributes().stream()
                            .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value()));
                }
                items.add(item);
            }
            for (int from = 0; from < items.size(); from += 25) {
                List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + 25)).stream()
                        .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
                Map<String, List<WriteRequest>> pending = Map.of(table, writes);
                while (!pending.isEmpty()) {
                    pending = dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, writes))).unprocessedItems();
                }
            }
        }
    }

    private void suppress(Set<String> addresses) {
        String table = aws.stack().physicalId("SuppressionsTable");
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            for (String email : addresses) {
                dynamo.putItem(r -> r.tableName(table).item(Map.of("email", AttributeValue.fromS(email),
                        "reason", AttributeValue.fromS("bounce"), "at", AttributeValue.fromN("1"),
                        "feedbackId", AttributeValue.fromS("feedback-" + email))));
            }
        }
    }

    /** As the subscriptions part unsubscribes: subscribed false, listLanguage removed. */
    private void unsubscribe(Set<String> addresses) {
        String table = aws.stack().physicalId("SubscriptionsTable");
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            for (String email : addresses) {
                dynamo.updateItem(r -> r.tableName(table).key(Map.of("email", AttributeValue.fromS(email)))
                        .updateExpression("SET subscribed = :no REMOVE listLanguage")
                        .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false))));
            }
        }
    }

    private SQSEvent sqs(Object... jobs) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < jobs.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-" + i);
            try {
                message.setBody(new String(json.writeValueAsBytes(jobs[i]), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }


    private String account(String... groups) {
        return aws.confirmedUser("staff-" + UUID.randomUUID() + "@example.com", PASSWORD, true, "en", groups).email();
    }

    private String accessToken(String email) {
        return aws.accessToken(email, PASSWORD);
    }
}
