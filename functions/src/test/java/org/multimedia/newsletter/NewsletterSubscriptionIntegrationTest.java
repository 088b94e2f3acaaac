package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.account.GetProfileHandler;
import org.multimedia.account.SignUpHandler;
import org.multimedia.account.VerifyEmailHandler;
import org.multimedia.http.ApiHandler;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscriptions, unsubscribe links and bounces through the handlers, against the emulator. */
class NewsletterSubscriptionIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";

    private final TestAws aws = TestAws.get();
    private final SubscribeHandler subscribe = aws.handler(SubscribeHandler.class, "SubscribeFunction");
    private final CancelSubscriptionHandler cancel = aws.handler(CancelSubscriptionHandler.class, "CancelSubscriptionFunction");
    private final UnsubscribePageHandler page = aws.handler(UnsubscribePageHandler.class, "UnsubscribePageFunction");
    private final OneClickUnsubscribeHandler oneClick = aws.handler(OneClickUnsubscribeHandler.class, "OneClickUnsubscribeFunction");
    private final GetProfileHandler profile = aws.handler(GetProfileHandler.class, "GetProfileFunction");
    private final String email = "reader-" + UUID.randomUUID() + "@example.com";

    @Test
    void subscribingAndCancellingAreIdempotentAndTheProfileFollows() {
        String token = accessToken(account(true, "fr"));
        assertFalse(newsletterOnProfile(token));

        for (int i = 0; i < 2; i++) {
            APIGatewayV2HTTPResponse on = call(subscribe, aws.authorized("subscribe.json", token));
            assertEquals(200, on.getStatusCode(), on.getBody());
            assertTrue(aws.body(on).get("subscribed").getBooleanValue());
            assertTrue(newsletterOnProfile(token));
        }
        String subscriberId = string(item(), "subscriberId");
        for (int i = 0; i < 2; i++) {
            APIGatewayV2HTTPResponse off = call(cancel, aws.authorized("cancel-subscription.json", token));
            assertEquals(200, off.getStatusCode(), off.getBody());
            assertFalse(aws.body(off).get("subscribed").getBooleanValue());
            assertFalse(newsletterOnProfile(token));
        }
        assertEquals(200, call(subscribe, aws.authorized("subscribe.json", token)).getStatusCode());
        assertTrue(newsletterOnProfile(token));
        assertEquals(subscriberId, string(item(), "subscriberId"), "links in mail already sent keep naming this subscriber");
    }

    @Test
    void anAddressNotConfirmedCannotSubscribe() {
        String token = accessToken(account(false, "en"));
        APIGatewayV2HTTPResponse refused = call(subscribe, aws.authorized("subscribe.json", token));
        assertEquals(403, refused.getStatusCode(), refused.getBody());
        assertEquals("not_verified", aws.body(refused).get("error").getStringValue());
        assertTrue(item().isEmpty(), "nothing recorded");
        assertEquals(401, call(subscribe, aws.event("subscribe.json", null)).getStatusCode(), "and nobody signed out subscribes");
    }

    @Test
    void consentIsRecordedWithItsSourceTimeAndLanguage() {
        long before = System.currentTimeMillis();
        String token = accessToken(account(true, "fr"));
        assertEquals(200, call(subscribe, aws.authorized("subscribe.json", token)).getStatusCode());
        Map<String, AttributeValue> item = item();
        assertEquals("account_page", string(item, "consentSource"));
        assertEquals("fr", string(item, "consentLanguage"));
        assertEquals("fr", string(item, "listLanguage"), "on the French list");
        long at = Long.parseLong(item.get("consentAt").n());
        assertTrue(at >= before && at <= System.currentTimeMillis(), "consent time " + at);
        assertTrue(string(item, "subscriberId").matches("[A-Za-z0-9_-]{22}"), "128 random bits");
        assertTrue(page(subscriberIdToken(), null).getBody().contains("lettre d'information"),
                "the link's page speaks the subscriber's language");
    }

    @Test
    void theSignUpBoxIsRecordedAsTheConsentSource() {
        SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction");
        VerifyEmailHandler verify = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction");
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", PASSWORD, "language", "en", "newsletter", true));
        assertEquals(202, call(signUp, aws.event("signup.json", body)).getStatusCode());
        List<TestAws.SentMail> mail = aws.mailTo(email);
        String code = mail.get(mail.size() - 1).code();
        assertEquals(200, call(verify, aws.event("verify-email.json", Map.of("email", email, "code", code, "password", PASSWORD))).getStatusCode());
        Map<String, AttributeValue> item = item();
        assertEquals("sign_up", string(item, "consentSource"));
        assertEquals("en", string(item, "consentLanguage"));
        assertEquals("en", string(item, "listLanguage"));
    }

    @Test
    void openingTheLinkChangesNothing() {
        subscribed("en");
        String token = subscriberIdToken();
        for (int i = 0; i < 3; i++) { // a link scanner, a preview, the person
            APIGatewayV2HTTPResponse shown = page(token, null);
            assertEquals(200, shown.getStatusCode());
            assertEquals("text/html; charset=utf-8", shown.getHeaders().get("Content-Type"));
            assertEquals("no-referrer", shown.getHeaders().get("Referrer-Policy"), "the token never leaves in a Referer");
            assertTrue(shown.getBody().contains("<form method=\"post\">"), shown.getBody());
            assertTrue(shown.getBody().contains("Unsubscribe"));
        }
        assertTrue(page(token, "fr").getBody().contains("Me désabonner"), "?lang=fr");
        assertTrue(subscribedNow(), "still subscribed after every GET");
        assertNotNull(string(item(), "listLanguage"));
    }

    @Test
    void oneClickUnsubscribesOnceAndAnswersTheSameAfter() {
        subscribed("en");
        Map<String, AttributeValue> before = item();
        String token = subscriberIdToken();
        for (int i = 0; i < 2; i++) {
            APIGatewayV2HTTPResponse done = call(oneClick, post(token, "List-Unsubscribe=One-Click"));
            assertEquals(200, done.getStatusCode(), done.getBody());
            assertFalse(aws.body(done).get("subscribed").getBooleanValue());
        }
        Map<String, AttributeValue> after = item();
        assertFalse(after.get("subscribed").bool());
        assertNull(after.get("listLanguage"), "off every campaign's recipients");
        assertNotNull(after.get("unsubscribedAt"));
        for (String kept : List.of("subscriberId", "consentAt", "consentSource", "consentLanguage")) {
            assertEquals(before.get(kept), after.get(kept), kept + " is kept");
        }
        assertTrue(page(token, null).getBody().contains("no longer receives"));
    }

    @Test
    void thePagesOwnFormUnsubscribesAndSaysSo() {
        subscribed("fr");
        APIGatewayV2HTTPResponse done = call(oneClick, post(subscriberIdToken(), "confirm=unsubscribe"));
        assertEquals(200, done.getStatusCode());
        assertEquals("text/html; charset=utf-8", done.getHeaders().get("Content-Type"));
        assertTrue(done.getBody().contains("Vous êtes désabonné"), done.getBody());
        assertFalse(subscribedNow());
    }

    @Test
    void aTamperedOrUnknownTokenIsRefused() {
        subscribed("en");
        String token = subscriberIdToken();
        String otherSubscriber = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        String otherSignature = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        UnsubscribeLinks links = oneClick.getApplicationContext().getBean(UnsubscribeLinks.class);
        String unknown = links.token("AAAAAAAAAAAAAAAAAAAAAA");
        for (String bad : List.of(otherSubscriber, otherSignature, unknown, "garbage", "")) {
            APIGatewayV2HTTPResponse refused = call(oneClick, post(bad, "List-Unsubscribe=One-Click"));
            assertEquals(400, refused.getStatusCode(), bad);
            assertEquals("invalid_token", aws.body(refused).get("error").getStringValue());
            APIGatewayV2HTTPResponse shown = page(bad, null);
            assertEquals(400, shown.getStatusCode());
            assertTrue(shown.getBody().contains("not valid"), shown.getBody());
        }
        APIGatewayV2HTTPEvent noToken = post(token, "List-Unsubscribe=One-Click");
        noToken.setQueryStringParameters(Map.of());
        assertEquals(400, call(oneClick, noToken).getStatusCode());
        assertTrue(subscribedNow(), "nothing changed");
    }

    @Test
    void aLinkMadeBeforeAKeyRotationStillWorks() {
        subscribed("en");
        String subscriberId = string(item(), "subscriberId");
        String secretName = "newsletter-rotation-" + UUID.randomUUID();
        try (SecretsManagerClient secrets = aws.aws().client(SecretsManagerClient.builder())) {
            secrets.createSecret(r -> r.name(secretName).secretString("key-before-rotation-" + UUID.randomUUID()));
            Map<String, String> env = Map.of("KEYS_UNSUBSCRIBE_LINKS_SECRET_ID", secretName);
            String oldLink = aws.handler(OneClickUnsubscribeHandler.class, "OneClickUnsubscribeFunction", env)
                    .getApplicationContext().getBean(UnsubscribeLinks.class).token(subscriberId);

            secrets.putSecretValue(r -> r.secretId(secretName).secretString("key-after-rotation-" + UUID.randomUUID()));
            OneClickUnsubscribeHandler rotated = aws.handler(OneClickUnsubscribeHandler.class, "OneClickUnsubscribeFunction", env);
            assertFalse(oldLink.equals(rotated.getApplicationContext().getBean(UnsubscribeLinks.class).token(subscriberId)),
                    "new links are signed with the new key");
            APIGatewayV2HTTPResponse done = call(rotated, post(oldLink, "List-Unsubscribe=One-Click"));
            assertEquals(200, done.getStatusCode(), done.getBody());
        }
        assertFalse(subscribedNow());
    }

    @Test
    void aPermanentBounceSuppressesTheAddressAndEndsItsSubscription() {
        subscribed("en");
        BounceHandler bounces = aws.handler(BounceHandler.class, "BounceFunction");
        bounces.handleRequest(feedback("Bounce", "Permanent"), null);
        bounces.handleRequest(feedback("Bounce", "Permanent"), null); // SNS delivers at least once
        Map<String, AttributeValue> suppressed = suppression();
        assertEquals("bounce", string(suppressed, "reason"));
        assertEquals("0100018f-example-bounce-000000", string(suppressed, "feedbackId"));
        assertNotNull(suppressed.get("at"));
        assertFalse(subscribedNow());
        assertNull(item().get("listLanguage"));
        assertNotNull(item().get("subscriberId"), "the consent history stays");
    }

    @Test
    void aTransientBounceIsOnlyCounted() {
        subscribed("en");
        aws.handler(BounceHandler.class, "BounceFunction").handleRequest(feedback("Bounce", "Transient"), null);
        assertTrue(suppression().isEmpty());
        assertTrue(subscribedNow());
    }

    @Test
    void aComplaintSuppressesTheAddressAndAnUnreadableMessageIsDropped() {
        subscribed("en");
        BounceHandler bounces = aws.handler(BounceHandler.class, "BounceFunction");
        SNSEvent garbage = feedback("Bounce", "Permanent");
        garbage.getRecords().get(0).getSNS().setMessage("{not json " + email);
        bounces.handleRequest(garbage, null); // logged (hashed) and dropped, never retried forever
        assertTrue(subscribedNow());

        bounces.handleRequest(feedback("Complaint", null), null);
        assertEquals("complaint", string(suppression(), "reason"));
        assertFalse(subscribedNow());
    }

    /**
     * Issue 19, item 4: only SES's notifications about our own newsletter mail count: those from
     * our topic ({@code NEWSLETTER_FEEDBACK_TOPIC_ARN}) about mail sent with our configuration set
     * (the {@code ses:configuration-set} tag SES puts on every event it publishes). Anything else
     * (another topic subscribed to the function, a direct invocation, SES feedback about other
     * mail) is ignored: logged, counted, and nothing suppressed or unsubscribed.
     */
    @Test
    void onlyNotificationsFromOurTopicAboutOurConfigurationSetSuppressAnAddress() {
        subscribed("en");
        BounceHandler bounces = aws.handler(BounceHandler.class, "BounceFunction");

        SNSEvent otherTopic = feedback("Bounce", "Permanent");
        otherTopic.getRecords().get(0).getSNS().setTopicArn("arn:aws:sns:eu-west-1:210987654321:someone-elses-topic");
        SNSEvent otherSet = feedback("Bounce", "Permanent");
        otherSet.getRecords().get(0).getSNS().setMessage(otherSet.getRecords().get(0).getSNS().getMessage()
                .replace(feedbackSettings().get("NEWSLETTER_FEEDBACK_CONFIGURATION_SET"), "someone-elses-set"));
        SNSEvent noTopic = feedback("Complaint", null);
        noTopic.getRecords().get(0).getSNS().setTopicArn(null);
        SNSEvent untagged = feedback("Bounce", "Permanent");
        untagged.getRecords().get(0).getSNS().setMessage(untagged.getRecords().get(0).getSNS().getMessage()
                .replaceAll(",\\s*\"tags\":\\s*\\{[^}]*\\}", ""));
        assertFalse(untagged.getRecords().get(0).getSNS().getMessage().contains("tags"));
        for (SNSEvent forged : List.of(otherTopic, otherSet, noTopic, untagged)) {
            bounces.handleRequest(forged, null);
            assertTrue(suppression().isEmpty(), "a notification that is not ours suppresses nothing");
            assertTrue(subscribedNow(), "and ends no subscription");
        }

        bounces.handleRequest(feedback("Bounce", "Permanent"), null);
        assertEquals("bounce", string(suppression(), "reason"), "ours still counts");
        assertFalse(subscribedNow());
    }

    // ------------------------------------------------------------------ helpers

    /** The BounceFunction's own topic and configuration set (its environment, from template.yaml). */
    private Map<String, String> feedbackSettings() {
        Map<String, String> env = aws.stack().functionEnvironment("BounceFunction");
        assertNotNull(env.get("NEWSLETTER_FEEDBACK_TOPIC_ARN"), "BounceFunction knows its topic");
        assertNotNull(env.get("NEWSLETTER_FEEDBACK_CONFIGURATION_SET"), "BounceFunction knows its configuration set");
        return env;
    }

    /** A Cognito account (email verified or not) with a password, in a language. */
    private TestAws.PoolUser account(boolean emailVerified, String language) {
        return aws.confirmedUser(email, PASSWORD, emailVerified, language);
    }

    private String accessToken(TestAws.PoolUser account) {
        return aws.accessToken(account.email(), PASSWORD);
    }

    private void subscribed(String language) {
        String token = accessToken(account(true, language));
        assertEquals(200, call(subscribe, aws.authorized("subscribe.json", token)).getStatusCode());
        assertTrue(subscribedNow());
    }

    private boolean newsletterOnProfile(String accessToken) {
        APIGatewayV2HTTPResponse me = call(profile, aws.authorized("get-profile.json", accessToken));
        assertEquals(200, me.getStatusCode(), me.getBody());
        return aws.body(me).get("newsletter").getBooleanValue();
    }

    private String subscriberIdToken() {
        return page.getApplicationContext().getBean(UnsubscribeLinks.class).token(string(item(), "subscriberId"));
    }

    private APIGatewayV2HTTPResponse page(String token, String lang) {
        APIGatewayV2HTTPEvent event = aws.event("unsubscribe-page.json", null);
        Map<String, String> query = new HashMap<>(Map.of("token", token));
        if (lang != null) {
            query.put("lang", lang);
        }
        event.setQueryStringParameters(query);
        return call(page, event);
    }

    private APIGatewayV2HTTPEvent post(String token, String formBody) {
        APIGatewayV2HTTPEvent event = aws.event("one-click-unsubscribe.json", null);
        event.setQueryStringParameters(Map.of("token", token));
        event.setBody(formBody);
        return event;
    }

    private boolean subscribedNow() {
        Map<String, AttributeValue> item = item();
        return item.get("subscribed") != null && item.get("subscribed").bool();
    }

    private Map<String, AttributeValue> item() {
        return get("SubscriptionsTable");
    }

    private Map<String, AttributeValue> suppression() {
        return get("SuppressionsTable");
    }

    private Map<String, AttributeValue> get(String table) {
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            var item = dynamo.getItem(r -> r.tableName(aws.stack().physicalId(table))
                    .key(Map.of("email", AttributeValue.fromS(email))).consistentRead(true)).item();
            return item == null ? Map.of() : item;
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** The sample SNS event of events/bounce.json, about this test's address. */
    private SNSEvent feedback(String type, String bounceType) {
        Path file = repositoryFile("events/bounce.json");
        try (InputStream in = Files.newInputStream(file)) {
            SNSEvent event = LambdaEventSerializers.serializerFor(SNSEvent.class, getClass().getClassLoader()).fromJson(in);
            JsonMapper json = JsonMapper.createDefault();
            // As SES publishes it for our stack: our topic, our configuration set's tag.
            Map<String, String> ours = feedbackSettings();
            String set = ours.get("NEWSLETTER_FEEDBACK_CONFIGURATION_SET");
            event.getRecords().get(0).getSNS().setTopicArn(ours.get("NEWSLETTER_FEEDBACK_TOPIC_ARN"));
            String message;
            if (type.equals("Complaint")) {
                message = new String(json.writeValueAsBytes(Map.of("eventType", "Complaint", "complaint", Map.of(
                        "feedbackId", "0100018f-example-complaint-000000", "complaintFeedbackType", "abuse",
                        "complainedRecipients", List.of(Map.of("emailAddress", email))),
                        "mail", Map.of("tags", Map.of("ses:configuration-set", List.of(set))))));
            } else {
                message = event.getRecords().get(0).getSNS().getMessage()
                        .replace("bounced@example.com", email.toUpperCase())
                        .replace("multimedia-NewsletterConfigurationSet", set)
                        .replace("\"Permanent\"", "\"" + bounceType + "\"");
            }
            event.getRecords().get(0).getSNS().setMessage(message);
            JsonNode check = json.readValue(message, JsonNode.class);
            assertNotNull(check.get("eventType"));
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return dir.resolve(relative);
    }

    private static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }
}
