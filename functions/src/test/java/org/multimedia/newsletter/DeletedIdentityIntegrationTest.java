package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.account.GetProfileHandler;
import org.multimedia.account.SignUpHandler;
import org.multimedia.account.VerifyEmailHandler;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 6 against moto: an identity deleted with Cognito's own DeleteUser (a stolen
 * access token; here AdminDeleteUser, which does to the pool what DeleteUser does) skips our
 * clean-up and leaves its subscription row. The send worker mails nobody for it (counted
 * suppressed, the row forgotten), and a later account at the address does not inherit it.
 */
class DeletedIdentityIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    private static final Map<String, String> FAST = Map.of("NEWSLETTER_SENDS_PER_SECOND", "10000");

    /** A stack of its own: a campaign goes to every subscriber of the stack. */
    private static final TestAws STACK = TestAws.isolated("deleted-identity");
    private final TestAws aws = STACK;
    private final JsonMapper json = JsonMapper.createDefault();
    private final SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction");
    private final VerifyEmailHandler verify = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction");
    private final SubscribeHandler subscribe = aws.handler(SubscribeHandler.class, "SubscribeFunction");
    private final GetProfileHandler profile = aws.handler(GetProfileHandler.class, "GetProfileFunction");
    private final CreateCampaignHandler create = aws.handler(CreateCampaignHandler.class, "CreateCampaignFunction");
    private final GetCampaignHandler get = aws.handler(GetCampaignHandler.class, "GetCampaignFunction");
    private final CampaignPageWorker pager = aws.handler(CampaignPageWorker.class, "CampaignPageWorkerFunction");
    private final CampaignSendWorker sender = aws.handler(CampaignSendWorker.class, "CampaignSendWorkerFunction", FAST);

    @Test
    void aSubscriptionWhoseIdentityWasDeletedDirectlyIsNeverMailedAndALaterAccountDoesNotInheritIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String gone = "gone-" + run + "@example.com";
        String kept = "kept-" + run + "@example.com";
        signUpAndVerify(gone, true);
        signUpAndVerify(kept, true);
        String goneSub = sub(gone);
        assertEquals(goneSub, string(row(gone), "sub"), "the subscription names the identity that subscribed");

        deleteDirectly(gone);
        assertEquals(goneSub, string(row(gone), "sub"), "no clean-up of ours ran: the row is still there");

        JsonNode done = campaign("after-delete-" + run);
        assertEquals(Map.of(kept, 1), received(List.of(gone, kept)), "nobody is mailed for the deleted identity");
        assertEquals(1, done.get("sent").getLongValue());
        assertEquals(1, done.get("suppressed").getLongValue());
        assertEquals("sent", done.get("status").getStringValue());
        assertTrue(row(gone).isEmpty(), "the stale subscription is forgotten, as our own deletion does");

        // A new account at the address: not subscribed.
        signUpAndVerify(gone, false);
        assertFalse(newsletterOnProfile(gone));
    }

    @Test
    void aLaterAccountAtTheAddressSeesNoSubscriptionAndSubscribingRecordsItsOwnConsent() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "again-" + run + "@example.com";
        signUpAndVerify(email, true);
        Map<String, AttributeValue> first = row(email);
        deleteDirectly(email);

        signUpAndVerify(email, false); // the new identity did not ask for the newsletter
        String newSub = sub(email);
        assertNotEquals(string(first, "sub"), newSub);
        assertFalse(newsletterOnProfile(email), "the deleted identity's subscription is not the new one's");

        APIGatewayV2HTTPResponse on = subscribe.handleRequest(aws.authorized("subscribe.json", aws.accessToken(email, PASSWORD)), null);
        assertEquals(200, on.getStatusCode(), on.getBody());
        Map<String, AttributeValue> fresh = row(email);
        assertEquals(newSub, string(fresh, "sub"));
        assertEquals("account_page", string(fresh, "consentSource"), "fresh consent, not the sign-up box of the deleted identity");
        assertNotEquals(string(first, "subscriberId"), string(fresh, "subscriberId"),
                "links mailed to the deleted identity name nothing of the new one");
        assertTrue(newsletterOnProfile(email));

        JsonNode done = campaign("after-resubscribe-" + run);
        assertEquals(Map.of(email, 1), received(List.of(email)), "the new identity's own subscription is mailed");
        assertEquals(0, done.get("suppressed").getLongValue());
    }

    // ------------------------------------------------------------------ helpers

    private void signUpAndVerify(String email, boolean newsletter) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", PASSWORD, "language", "en",
                "newsletter", newsletter));
        APIGatewayV2HTTPResponse accepted = signUp.handleRequest(aws.event("signup.json", body), null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        List<TestAws.SentMail> mail = aws.mailTo(email);
        String code = mail.get(mail.size() - 1).code();
        APIGatewayV2HTTPResponse verified = verify.handleRequest(aws.event("verify-email.json",
                Map.of("email", email, "code", code, "password", PASSWORD)), null);
        assertEquals(200, verified.getStatusCode(), verified.getBody());
    }

    /** What Cognito's DeleteUser with the owner's access token does to the pool: nothing of ours runs. */
    private void deleteDirectly(String email) {
        try (CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            cognito.adminDeleteUser(r -> r.userPoolId(aws.stack().userPoolId()).username(email));
        }
    }

    private String sub(String email) {
        try (CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            return cognito.adminGetUser(r -> r.userPoolId(aws.stack().userPoolId()).username(email)).userAttributes()
                    .stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
        }
    }

    private boolean newsletterOnProfile(String email) {
        APIGatewayV2HTTPResponse me = profile.handleRequest(aws.authorized("get-profile.json", aws.accessToken(email, PASSWORD)), null);
        assertEquals(200, me.getStatusCode(), me.getBody());
        return aws.body(me).get("newsletter").getBooleanValue();
    }

    /** A campaign by a marketing member, paged and sent; its status at the end. */
    private JsonNode campaign(String id) {
        String member = "staff-" + UUID.randomUUID() + "@example.com";
        aws.confirmedUser(member, PASSWORD, true, "en", "marketing");
        String token = aws.accessToken(member, PASSWORD);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", id);
        body.put("subject", "Madrid Summit: the week in pictures");
        body.put("html", "<h1>Madrid Summit</h1><p>The week in pictures.</p>");
        body.put("text", "Madrid Summit\n\nThe week in pictures.");
        APIGatewayV2HTTPResponse accepted = create.handleRequest(aws.authorized("create-campaign.json", token, body), null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        aws.drain(pager, "CampaignPageWorkerFunction");
        aws.drain(sender, "CampaignSendWorkerFunction");
        APIGatewayV2HTTPEvent status = aws.authorized("get-campaign.json", token, null);
        status.setPathParameters(Map.of("id", id));
        APIGatewayV2HTTPResponse answer = get.handleRequest(status, null);
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        return aws.body(answer);
    }

    /** Newsletters (Madrid Summit) received per address among {@code addresses}. */
    private Map<String, Integer> received(List<String> addresses) {
        Map<String, Integer> counts = new HashMap<>();
        for (TestAws.RawMail mail : aws.rawMail()) {
            for (String to : mail.destinations()) {
                if (addresses.contains(to) && mail.header("List-Unsubscribe") != null) {
                    counts.merge(to, 1, Integer::sum);
                }
            }
        }
        return counts;
    }


    private Map<String, AttributeValue> row(String email) {
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            var item = dynamo.getItem(r -> r.tableName(aws.stack().physicalId("SubscriptionsTable"))
                    .key(Map.of("email", AttributeValue.fromS(email))).consistentRead(true)).item();
            return item == null ? Map.of() : item;
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        assertNotNull(item);
        return value == null ? null : value.s();
    }
}
