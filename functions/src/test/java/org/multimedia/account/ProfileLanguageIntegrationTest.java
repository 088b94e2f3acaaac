package org.multimedia.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.http.ApiHandler;
import org.multimedia.newsletter.CancelSubscriptionHandler;
import org.multimedia.newsletter.SubscribeHandler;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PATCH /account/me {language}} against the emulator: the user pool's {@code locale}, the
 * account emails, and the subscription row (its language and the sparse list index) follow.
 */
class ProfileLanguageIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";

    private final TestAws aws = TestAws.get();
    private final UpdateProfileHandler update = aws.handler(UpdateProfileHandler.class, "UpdateProfileFunction");
    private final GetProfileHandler profile = aws.handler(GetProfileHandler.class, "GetProfileFunction");
    private final SubscribeHandler subscribe = aws.handler(SubscribeHandler.class, "SubscribeFunction");
    private final CancelSubscriptionHandler cancel = aws.handler(CancelSubscriptionHandler.class, "CancelSubscriptionFunction");
    private final String email = "language-" + UUID.randomUUID() + "@example.com";

    @Test
    void theAccountTheEmailsAndTheSubscriptionFollowTheNewLanguage() {
        String token = signedIn("en");
        assertEquals(200, call(subscribe, aws.authorized("subscribe.json", token)).getStatusCode());
        assertEquals("en", string(row(), "listLanguage"));

        APIGatewayV2HTTPResponse changed = call(update, patch(token, Map.of("language", "fr")));

        assertEquals(200, changed.getStatusCode(), changed.getBody());
        JsonNode answer = aws.body(changed);
        assertEquals("fr", answer.get("language").getStringValue());
        assertTrue(answer.get("newsletter").getBooleanValue());
        assertEquals(email, answer.get("email").getStringValue());
        APIGatewayV2HTTPResponse me = call(profile, aws.authorized("get-profile.json", token));
        assertEquals(aws.body(me), answer, "the answer is the profile GET /account/me shows");
        assertEquals("fr", locale());
        Map<String, AttributeValue> row = row();
        assertEquals("fr", string(row, "language"));
        assertEquals("fr", string(row, "listLanguage"), "on the French list now");
        assertEquals("en", string(row, "consentLanguage"), "the consent keeps the language it was given in");

        ForgotPasswordHandler forgot = aws.handler(ForgotPasswordHandler.class, "ForgotPasswordFunction");
        assertEquals(202, call(forgot, aws.event("forgot-password.json", Map.of("email", email))).getStatusCode());
        List<TestAws.SentMail> mail = aws.mailTo(email);
        assertTrue(mail.get(mail.size() - 1).subject().startsWith("Votre code de réinitialisation"),
                mail.get(mail.size() - 1).subject());

        APIGatewayV2HTTPResponse again = call(update, patch(token, Map.of("language", "fr")));
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(answer, aws.body(again), "idempotent");

        assertEquals(200, call(update, patch(token, Map.of("language", "en"))).getStatusCode());
        assertEquals("en", locale());
        assertEquals("en", string(row(), "listLanguage"));
    }

    @Test
    void anEndedSubscriptionTakesTheLanguageAndStaysOffTheLists() {
        String token = signedIn("en");
        assertEquals(200, call(subscribe, aws.authorized("subscribe.json", token)).getStatusCode());
        assertEquals(200, call(cancel, aws.authorized("cancel-subscription.json", token)).getStatusCode());

        APIGatewayV2HTTPResponse changed = call(update, patch(token, Map.of("language", "fr")));

        assertEquals(200, changed.getStatusCode(), changed.getBody());
        assertFalse(aws.body(changed).get("newsletter").getBooleanValue());
        assertEquals("fr", string(row(), "language"));
        assertNull(string(row(), "listLanguage"), "not subscribed: on no list");
    }

    @Test
    void withoutASubscriptionNothingIsWrittenToTheList() {
        String token = signedIn("fr");

        APIGatewayV2HTTPResponse changed = call(update, patch(token, Map.of("language", "en")));

        assertEquals(200, changed.getStatusCode(), changed.getBody());
        assertEquals("en", aws.body(changed).get("language").getStringValue());
        assertTrue(row().isEmpty(), "changing the language subscribes nobody");
        assertEquals("en", locale());
    }

    @Test
    void aLanguageOtherThanEnglishOrFrenchIsRefusedNamingIt() {
        String token = signedIn("en");
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("language", "de"), Map.of("language", ""),
                Map.of("language", 1), Map.of(), Map.of("lang", "fr"))) {
            APIGatewayV2HTTPResponse refused = call(update, patch(token, body));
            assertEquals(400, refused.getStatusCode(), body + " " + refused.getBody());
            JsonNode error = aws.body(refused);
            assertEquals("invalid_request", error.get("error").getStringValue());
            assertTrue(error.get("message").getStringValue().contains("'language'"), error.get("message").getStringValue());
        }
        APIGatewayV2HTTPEvent noBody = aws.authorized("update-profile.json", token);
        noBody.setBody(null);
        assertEquals(400, call(update, noBody).getStatusCode());
        assertEquals("en", locale(), "nothing changed");
    }

    @Test
    void nobodySignedOutChangesALanguage() {
        signedIn("en");
        APIGatewayV2HTTPResponse refused = call(update, aws.event("update-profile.json", Map.of("language", "fr")));
        assertEquals(401, refused.getStatusCode(), refused.getBody());
        assertEquals("unauthorized", aws.body(refused).get("error").getStringValue());
        assertEquals("en", locale());
    }

    private String signedIn(String language) {
        aws.confirmedUser(email, PASSWORD, true, language);
        return aws.accessToken(email, PASSWORD);
    }

    private APIGatewayV2HTTPEvent patch(String token, Map<String, Object> body) {
        return aws.authorized("update-profile.json", token, new HashMap<>(body));
    }

    private String locale() {
        try (CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            return cognito.adminGetUser(r -> r.userPoolId(aws.stack().userPoolId()).username(email)).userAttributes().stream()
                    .filter(a -> a.name().equals("locale")).findFirst().orElseThrow().value();
        }
    }

    private Map<String, AttributeValue> row() {
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            var item = dynamo.getItem(r -> r.tableName(aws.stack().physicalId("SubscriptionsTable"))
                    .key(Map.of("email", AttributeValue.fromS(email))).consistentRead(true)).item();
            return item == null ? Map.of() : item;
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }
}
