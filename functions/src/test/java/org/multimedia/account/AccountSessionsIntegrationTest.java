package org.multimedia.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.http.ApiHandler;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Login, sessions, password reset, profile and deletion through the handlers, against the emulator. */
class AccountSessionsIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    private static final String NEW_PASSWORD = "Brand-New-Passw0rd";

    private final TestAws aws = TestAws.get();
    private final SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction");
    private final VerifyEmailHandler verify = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction");
    private final LoginHandler login = aws.handler(LoginHandler.class, "LoginFunction");
    private final RefreshTokenHandler refresh = aws.handler(RefreshTokenHandler.class, "RefreshTokenFunction");
    private final LogoutHandler logout = aws.handler(LogoutHandler.class, "LogoutFunction");
    private final ForgotPasswordHandler forgot = aws.handler(ForgotPasswordHandler.class, "ForgotPasswordFunction");
    private final VerifyResetCodeHandler verifyReset = aws.handler(VerifyResetCodeHandler.class, "VerifyResetCodeFunction");
    private final ResetPasswordHandler reset = aws.handler(ResetPasswordHandler.class, "ResetPasswordFunction");
    private final GetProfileHandler profile = aws.handler(GetProfileHandler.class, "GetProfileFunction");
    private final DeleteAccountHandler delete = aws.handler(DeleteAccountHandler.class, "DeleteAccountFunction");
    private final String email = "user-" + UUID.randomUUID() + "@example.com";

    @Test
    void aVerifiedAccountLogsInAndReadsItsProfile() {
        createVerifiedAccount(true);
        APIGatewayV2HTTPResponse ok = login(email.toUpperCase(), PASSWORD);
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        JsonNode tokens = aws.body(ok);
        assertEquals("Bearer", tokens.get("tokenType").getStringValue());
        assertTrue(tokens.get("expiresIn").getIntValue() > 0);
        for (String token : List.of("idToken", "accessToken", "refreshToken")) {
            assertTrue(tokens.get(token).getStringValue().length() > 20, token);
        }

        APIGatewayV2HTTPResponse me = call(profile, aws.authorized("get-profile.json", tokens.get("accessToken").getStringValue()));
        assertEquals(200, me.getStatusCode(), me.getBody());
        JsonNode body = aws.body(me);
        assertEquals(email, body.get("email").getStringValue());
        assertTrue(body.get("verified").getBooleanValue());
        assertEquals("fr", body.get("language").getStringValue());
        assertTrue(body.get("newsletter").getBooleanValue());
        assertFalse(body.get("createdAt").getStringValue().isEmpty());
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
        createVerifiedAccount(false);
        APIGatewayV2HTTPResponse wrong = login(email, "Wrong-Passw0rd!!");
        APIGatewayV2HTTPResponse unknown = login("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);
        assertEquals(401, wrong.getStatusCode());
        assertEquals("invalid_credentials", aws.body(wrong).get("error").getStringValue());
        assertEquals(wrong.getStatusCode(), unknown.getStatusCode());
        assertEquals(wrong.getBody(), unknown.getBody());
    }

    @Test
    void theRightPasswordOnAnUnconfirmedAccountIsNotVerified() {
        signUp(email, PASSWORD);
        APIGatewayV2HTTPResponse unverified = login(email, PASSWORD);
        assertEquals(403, unverified.getStatusCode());
        assertEquals("not_verified", aws.body(unverified).get("error").getStringValue());
        assertEquals(401, login(email, "Wrong-Passw0rd!!").getStatusCode(), "a wrong password says nothing more");
    }

    @Test
    void repeatedFailedLoginsAreThrottledPerAddress() {
        createVerifiedAccount(false);
        LoginHandler strict = aws.handler(LoginHandler.class, "LoginFunction", Map.of("LOGIN_MAX_FAILURES_PER_ADDRESS", "3"));
        for (int i = 0; i < 3; i++) {
            assertEquals(401, call(strict, loginEvent(email, "Wrong-Passw0rd!!")).getStatusCode());
        }
        APIGatewayV2HTTPResponse throttled = call(strict, loginEvent(email, PASSWORD));
        assertEquals(429, throttled.getStatusCode());
        assertEquals("too_many_requests", aws.body(throttled).get("error").getStringValue());
        int wait = aws.body(throttled).get("retryAfterSeconds").getIntValue();
        assertTrue(wait > 0 && wait <= 15 * 60);
        assertEquals(Integer.toString(wait), throttled.getHeaders().get("Retry-After"));
    }

    @Test
    void refreshGivesNewTokensUntilLogout() {
        createVerifiedAccount(false);
        JsonNode tokens = aws.body(login(email, PASSWORD));
        String refreshToken = tokens.get("refreshToken").getStringValue();

        APIGatewayV2HTTPResponse refreshed = refresh(refreshToken);
        assertEquals(200, refreshed.getStatusCode(), refreshed.getBody());
        assertTrue(aws.body(refreshed).get("accessToken").getStringValue().length() > 20);
        assertNull(aws.body(refreshed).get("refreshToken"));

        assertEquals(204, call(logout, aws.authorized("logout.json", tokens.get("accessToken").getStringValue())).getStatusCode());
        APIGatewayV2HTTPResponse revoked = refresh(refreshToken);
        assertEquals(401, revoked.getStatusCode());
        assertEquals("invalid_token", aws.body(revoked).get("error").getStringValue());
        assertEquals(401, refresh("garbage").getStatusCode());
    }

    @Test
    void logoutWithTheRefreshTokenAloneRevokesItWhenTheAccessTokenHasExpired() {
        createVerifiedAccount(false);
        JsonNode phone = aws.body(login(email, PASSWORD));
        JsonNode laptop = aws.body(login(email, PASSWORD));
        String refreshToken = phone.get("refreshToken").getStringValue();
        String refreshedAccess = aws.body(refresh(refreshToken)).get("accessToken").getStringValue();

        // No bearer (the website's access token has expired): the refresh token in the body.
        APIGatewayV2HTTPEvent byRefreshToken = aws.event("logout.json", Map.of("refreshToken", refreshToken));
        byRefreshToken.getHeaders().remove("authorization");
        byRefreshToken.getRequestContext().setAuthorizer(null);
        APIGatewayV2HTTPResponse loggedOut = call(logout, byRefreshToken);
        assertEquals(204, loggedOut.getStatusCode(), loggedOut.getBody());

        APIGatewayV2HTTPResponse revoked = refresh(refreshToken);
        assertEquals(401, revoked.getStatusCode(), revoked.getBody());
        assertEquals("invalid_token", aws.body(revoked).get("error").getStringValue());
        assertEquals(401, call(profile, aws.authorized("get-profile.json", refreshedAccess)).getStatusCode(),
                "the access tokens that refresh token gave are revoked with it");
        assertEquals(401, call(profile, aws.authorized("get-profile.json", phone.get("accessToken").getStringValue())).getStatusCode(),
                "and the one issued with it at login");
        // Only that session ends: the laptop's stays signed in.
        assertEquals(200, refresh(laptop.get("refreshToken").getStringValue()).getStatusCode());
        assertEquals(200, call(profile, aws.authorized("get-profile.json", laptop.get("accessToken").getStringValue())).getStatusCode());

        // Again (the website retries), or a token that is no refresh token: 204, nothing to revoke.
        assertEquals(204, call(logout, byRefreshToken).getStatusCode());
        byRefreshToken.setBody("{\"refreshToken\":\"not-a-token\"}");
        assertEquals(204, call(logout, byRefreshToken).getStatusCode());
        // Neither a bearer nor a refresh token: there is nothing to end.
        byRefreshToken.setBody(null);
        APIGatewayV2HTTPResponse nothing = call(logout, byRefreshToken);
        assertEquals(401, nothing.getStatusCode(), nothing.getBody());
        assertEquals("unauthorized", aws.body(nothing).get("error").getStringValue());
    }

    @Test
    void aDeadBearerWithTheRefreshTokenStillRevokesTheRefreshToken() {
        createVerifiedAccount(false);
        JsonNode session = aws.body(login(email, PASSWORD));
        String refreshToken = session.get("refreshToken").getStringValue();
        String accessToken = session.get("accessToken").getStringValue();
        assertEquals(204, call(logout, aws.authorized("logout.json", accessToken)).getStatusCode(), "signed out everywhere");
        JsonNode again = aws.body(login(email, PASSWORD));

        APIGatewayV2HTTPEvent both = aws.authorized("logout.json", accessToken); // dead since the first logout
        both.setBody("{\"refreshToken\":\"" + again.get("refreshToken").getStringValue() + "\"}");
        assertEquals(204, call(logout, both).getStatusCode());
        assertEquals(401, refresh(again.get("refreshToken").getStringValue()).getStatusCode());
        assertEquals(401, call(logout, aws.authorized("logout.json", accessToken)).getStatusCode(),
                "a dead bearer alone ends nothing");
    }

    @Test
    void aPasswordResetEndsEverySessionAndOnlyTheNewPasswordWorks() {
        createVerifiedAccount(false);
        JsonNode oldSession = aws.body(login(email, PASSWORD));
        String oldRefreshToken = oldSession.get("refreshToken").getStringValue();
        String oldAccessToken = oldSession.get("accessToken").getStringValue();

        APIGatewayV2HTTPResponse sent = forgot(email);
        assertEquals(202, sent.getStatusCode());
        assertEquals("{\"status\":\"reset_code_sent\",\"expiresInSeconds\":1800}", sent.getBody());
        String code = lastMail().code();
        APIGatewayV2HTTPResponse verified = verifyReset(email, code);
        assertEquals(200, verified.getStatusCode(), verified.getBody());
        String resetToken = aws.body(verified).get("resetToken").getStringValue();
        assertEquals(600, aws.body(verified).get("expiresInSeconds").getIntValue());

        APIGatewayV2HTTPResponse weak = reset(resetToken, "weak");
        assertEquals("weak_password", aws.body(weak).get("error").getStringValue());
        APIGatewayV2HTTPResponse updated = reset(resetToken, NEW_PASSWORD);
        assertEquals(200, updated.getStatusCode(), updated.getBody());
        assertEquals("{\"status\":\"password_updated\"}", updated.getBody());

        assertEquals(401, refresh(oldRefreshToken).getStatusCode(), "the old session is revoked");
        assertEquals(401, call(profile, aws.authorized("get-profile.json", oldAccessToken)).getStatusCode(),
                "the old access token too");
        assertEquals(401, login(email, PASSWORD).getStatusCode(), "the old password no longer works");
        assertEquals(200, login(email, NEW_PASSWORD).getStatusCode());
        assertEquals("Votre mot de passe a été modifié", lastMail().subject(), "in the account's language");
        assertFalse(lastMail().body().contains(NEW_PASSWORD));

        APIGatewayV2HTTPResponse reused = reset(resetToken, "Another-Passw0rd!");
        assertEquals(400, reused.getStatusCode());
        assertEquals("invalid_token", aws.body(reused).get("error").getStringValue());
        assertEquals("invalid_code", aws.body(verifyReset(email, code)).get("error").getStringValue(), "the code was used");
    }

    @Test
    void aSignUpCodeIsRefusedForAPasswordReset() {
        signUp(email, PASSWORD);
        APIGatewayV2HTTPResponse refused = verifyReset(email, lastMail().code());
        assertEquals(400, refused.getStatusCode());
        assertEquals("invalid_code", aws.body(refused).get("error").getStringValue());
    }

    @Test
    void forgotPasswordAnswersByteForByteTheSameForUnknownAddresses() {
        createVerifiedAccount(false);
        String nobody = "nobody-" + UUID.randomUUID() + "@example.com";
        APIGatewayV2HTTPResponse known = forgot(email);
        APIGatewayV2HTTPResponse unknown = forgot(nobody);
        assertEquals(known.getStatusCode(), unknown.getStatusCode());
        assertEquals(known.getBody(), unknown.getBody());
        assertEquals(known.getHeaders(), unknown.getHeaders());
        assertTrue(aws.mailTo(nobody).isEmpty());

        APIGatewayV2HTTPResponse[] again = {forgot(email), forgot(nobody)};
        assertEquals(429, again[0].getStatusCode());
        // The two cooldowns began a few milliseconds apart: the seconds left may straddle a second.
        String seconds = "\"retryAfterSeconds\":\\d+";
        assertEquals(again[0].getBody().replaceAll(seconds, ""), again[1].getBody().replaceAll(seconds, ""));
        int knownWait = aws.body(again[0]).get("retryAfterSeconds").getIntValue();
        int unknownWait = aws.body(again[1]).get("retryAfterSeconds").getIntValue();
        assertTrue(Math.abs(knownWait - unknownWait) <= 1, knownWait + " s and " + unknownWait + " s");
    }

    @Test
    void aResetConfirmsAnAccountThatNeverConfirmedItsAddress() {
        signUp(email, PASSWORD);
        forgot(email);
        String resetToken = aws.body(verifyReset(email, lastMail().code())).get("resetToken").getStringValue();
        assertEquals(200, reset(resetToken, NEW_PASSWORD).getStatusCode());
        assertEquals(200, login(email, NEW_PASSWORD).getStatusCode());
        try (CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            assertEquals(UserStatusType.CONFIRMED,
                    cognito.adminGetUser(r -> r.userPoolId(aws.stack().userPoolId()).username(email)).userStatus());
        }
    }

    @Test
    void aDeletedAccountCannotLogInAndItsAddressCanSignUpAfresh() {
        createVerifiedAccount(true);
        String accessToken = aws.body(login(email, PASSWORD)).get("accessToken").getStringValue();
        APIGatewayV2HTTPEvent deleteEvent = aws.authorized("delete-account.json", accessToken);
        deleteEvent.setBody("{\"password\":\"" + PASSWORD + "\"}");
        assertEquals(204, call(delete, deleteEvent).getStatusCode());

        assertEquals(401, login(email, PASSWORD).getStatusCode());
        assertEquals(401, call(profile, aws.authorized("get-profile.json", accessToken)).getStatusCode());
        assertEquals(202, signUp(email, NEW_PASSWORD).getStatusCode());
        assertEquals("Your verification code: " + lastMail().code(), lastMail().subject());
        assertEquals(200, verify(email, lastMail().code(), NEW_PASSWORD).getStatusCode());
        assertEquals(200, login(email, NEW_PASSWORD).getStatusCode());
    }

    @Test
    void authRoutesWithoutAVerifiedTokenAreUnauthorized() {
        APIGatewayV2HTTPEvent anonymous = aws.event("get-profile.json", null);
        anonymous.getRequestContext().setAuthorizer(null);
        APIGatewayV2HTTPResponse response = call(profile, anonymous);
        assertEquals(401, response.getStatusCode());
        assertEquals("unauthorized", aws.body(response).get("error").getStringValue());
    }

    private void createVerifiedAccount(boolean newsletter) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", PASSWORD, "language", "fr", "newsletter", newsletter));
        assertEquals(202, call(signUp, aws.event("signup.json", body)).getStatusCode());
        assertEquals(200, verify(email, lastMail().code()).getStatusCode());
    }

    private TestAws.SentMail lastMail() {
        List<TestAws.SentMail> mail = aws.mailTo(email);
        return mail.get(mail.size() - 1);
    }

    private APIGatewayV2HTTPResponse signUp(String address, String password) {
        return call(signUp, aws.event("signup.json", Map.of("email", address, "password", password)));
    }

    private APIGatewayV2HTTPResponse verify(String address, String code) {
        return verify(address, code, PASSWORD);
    }

    private APIGatewayV2HTTPResponse verify(String address, String code, String password) {
        return call(verify, aws.event("verify-email.json", Map.of("email", address, "code", code, "password", password)));
    }

    private APIGatewayV2HTTPEvent loginEvent(String address, String password) {
        return aws.event("login.json", Map.of("email", address, "password", password));
    }

    private APIGatewayV2HTTPResponse login(String address, String password) {
        return call(login, loginEvent(address, password));
    }

    private APIGatewayV2HTTPResponse refresh(String refreshToken) {
        return call(refresh, aws.event("refresh-token.json", Map.of("refreshToken", refreshToken)));
    }

    private APIGatewayV2HTTPResponse forgot(String address) {
        return call(forgot, aws.event("forgot-password.json", Map.of("email", address)));
    }

    private APIGatewayV2HTTPResponse verifyReset(String address, String code) {
        return call(verifyReset, aws.event("verify-reset-code.json", Map.of("email", address, "code", code)));
    }

    private APIGatewayV2HTTPResponse reset(String resetToken, String password) {
        return call(reset, aws.event("reset-password.json", Map.of("resetToken", resetToken, "password", password)));
    }

    private static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }
}
