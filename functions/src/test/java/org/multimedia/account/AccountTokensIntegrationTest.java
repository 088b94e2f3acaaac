package org.multimedia.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.multimedia.http.ApiHandler;
import org.multimedia.testing.TestAws;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The account endpoints believe a token only while Cognito does (a logged-out token or a deleted
 * account's token is refused, also after the address was registered again), and deleting the
 * account takes the password, counted like a login. Accounts are made directly in the pool, so
 * these tests do not depend on the sign-up flow.
 */
class AccountTokensIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";

    private final TestAws aws = TestAws.get();
    private final LoginHandler login = aws.handler(LoginHandler.class, "LoginFunction");
    private final LogoutHandler logout = aws.handler(LogoutHandler.class, "LogoutFunction");
    private final GetProfileHandler profile = aws.handler(GetProfileHandler.class, "GetProfileFunction");
    private final DeleteAccountHandler delete = aws.handler(DeleteAccountHandler.class, "DeleteAccountFunction");
    private final String email = "tokens-" + UUID.randomUUID() + "@example.com";
    /** One client address per test: the per-client failure counter is shared by the whole run. */
    private final String client = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);

    @Test
    void aLoggedOutAccessTokenNoLongerOpensTheAccount() {
        createConfirmedUser(email, PASSWORD);
        String accessToken = logIn(email, PASSWORD);
        assertEquals(200, call(profile, authorized("get-profile.json", accessToken, null)).getStatusCode());

        assertEquals(204, call(logout, authorized("logout.json", accessToken, null)).getStatusCode());

        APIGatewayV2HTTPResponse me = call(profile, authorized("get-profile.json", accessToken, null));
        assertEquals(401, me.getStatusCode(), me.getBody());
        assertEquals("unauthorized", aws.body(me).get("error").getStringValue());
        APIGatewayV2HTTPResponse deleted = call(delete, authorized("delete-account.json", accessToken, Map.of("password", PASSWORD)));
        assertEquals(401, deleted.getStatusCode(), deleted.getBody());
        assertEquals(401, call(logout, authorized("logout.json", accessToken, null)).getStatusCode());
        assertEquals(200, loginResponse(email, PASSWORD).getStatusCode(), "the account is still there");
    }

    @Test
    void aDeletedAccountsTokenDoesNotOpenTheAccountCreatedLaterAtTheSameAddress() {
        createConfirmedUser(email, PASSWORD);
        String oldToken = logIn(email, PASSWORD);
        assertEquals(204, call(delete, authorized("delete-account.json", oldToken, Map.of("password", PASSWORD))).getStatusCode());

        createConfirmedUser(email, "Another-Passw0rd!!");
        String newToken = logIn(email, "Another-Passw0rd!!");
        assertNotEquals(claimSub(oldToken), claimSub(newToken), "a new account, a new sub");

        APIGatewayV2HTTPResponse me = call(profile, authorized("get-profile.json", oldToken, null));
        assertEquals(401, me.getStatusCode(), me.getBody());
        assertEquals(401, call(logout, authorized("logout.json", oldToken, null)).getStatusCode());
        assertEquals(401, call(delete, authorized("delete-account.json", oldToken, Map.of("password", "Another-Passw0rd!!")))
                .getStatusCode());
        assertEquals(200, call(profile, authorized("get-profile.json", newToken, null)).getStatusCode(),
                "the new owner is still signed in");
    }

    @Test
    void deletingTheAccountNeedsItsPassword() {
        createConfirmedUser(email, PASSWORD);
        String accessToken = logIn(email, PASSWORD);

        for (Map<String, Object> body : new Map[] {null, Map.of(), Map.of("password", "Wrong-Passw0rd!!")}) {
            APIGatewayV2HTTPResponse refused = call(delete, authorized("delete-account.json", accessToken, body));
            assertEquals(401, refused.getStatusCode(), String.valueOf(body));
            assertEquals("invalid_credentials", aws.body(refused).get("error").getStringValue());
        }
        assertEquals(200, call(profile, authorized("get-profile.json", accessToken, null)).getStatusCode(), "nothing deleted");

        assertEquals(204, call(delete, authorized("delete-account.json", accessToken, Map.of("password", PASSWORD))).getStatusCode());
        assertEquals(401, loginResponse(email, PASSWORD).getStatusCode());
    }

    @Test
    void wrongPasswordsOnDeleteCountAsFailedLogins() {
        createConfirmedUser(email, PASSWORD);
        String accessToken = logIn(email, PASSWORD);
        Map<String, String> strict = Map.of("LOGIN_MAX_FAILURES_PER_ADDRESS", "3");
        DeleteAccountHandler strictDelete = aws.handler(DeleteAccountHandler.class, "DeleteAccountFunction", strict);
        LoginHandler strictLogin = aws.handler(LoginHandler.class, "LoginFunction", strict);

        for (int i = 0; i < 3; i++) {
            APIGatewayV2HTTPResponse wrong = call(strictDelete,
                    authorized("delete-account.json", accessToken, Map.of("password", "Wrong-Passw0rd-" + i)));
            assertEquals(401, wrong.getStatusCode(), wrong.getBody());
        }
        APIGatewayV2HTTPResponse throttled = call(strictDelete,
                authorized("delete-account.json", accessToken, Map.of("password", PASSWORD)));
        assertEquals(429, throttled.getStatusCode(), "the right password is not even tried: " + throttled.getBody());
        assertEquals("too_many_requests", aws.body(throttled).get("error").getStringValue());
        assertEquals(429, call(strictLogin, loginEvent(email, PASSWORD)).getStatusCode(), "the same counter as logins");
        assertEquals(200, call(profile, authorized("get-profile.json", accessToken, null)).getStatusCode(), "nothing deleted");
    }

    private void createConfirmedUser(String address, String password) {
        aws.confirmedUser(address, password, true, "en");
    }

    private String logIn(String address, String password) {
        APIGatewayV2HTTPResponse ok = loginResponse(address, password);
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        return aws.body(ok).get("accessToken").getStringValue();
    }

    private APIGatewayV2HTTPResponse loginResponse(String address, String password) {
        return call(login, loginEvent(address, password));
    }

    private APIGatewayV2HTTPEvent loginEvent(String address, String password) {
        return fromClient(aws.event("login.json", Map.of("email", address, "password", password)));
    }

    private APIGatewayV2HTTPEvent authorized(String file, String accessToken, Map<String, Object> body) {
        APIGatewayV2HTTPEvent event = fromClient(aws.authorized(file, accessToken));
        event.setBody(body == null ? null : aws.event(file, body).getBody());
        return event;
    }

    private APIGatewayV2HTTPEvent fromClient(APIGatewayV2HTTPEvent event) {
        event.getRequestContext().getHttp().setSourceIp(client);
        return event;
    }

    private String claimSub(String accessToken) {
        return aws.authorized("get-profile.json", accessToken).getRequestContext().getAuthorizer().getJwt().getClaims().get("sub");
    }

    private static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }
}
