package org.multimedia.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;
import org.multimedia.http.ApiHandler;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The holes a review found in the account code (issue 7), each tried as an attacker would, against the emulator. */
class AccountSecurityIntegrationTest {

    private static final String VICTIM_PASSWORD = "Correct-Horse7battery";
    private static final String ATTACKER_PASSWORD = "Attacker-Passw0rd!";

    private final TestAws aws = TestAws.get();
    private final SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction");
    private final VerifyEmailHandler verify = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction");
    private final LoginHandler login = aws.handler(LoginHandler.class, "LoginFunction");
    private final String email = "user-" + UUID.randomUUID() + "@example.com";
    private final String client = randomIp();

    /** Item 1: a later sign-up of the same address must not get its password confirmed by the owner's code. */
    @Test
    void aLaterSignUpCannotHijackThePendingOne() {
        assertEquals(202, signUp(email, VICTIM_PASSWORD).getStatusCode());
        assertEquals(202, signUp(email, ATTACKER_PASSWORD).getStatusCode());
        String newest = lastCode(email);

        APIGatewayV2HTTPResponse victim = verify(email, newest, VICTIM_PASSWORD, client);
        assertEquals(400, victim.getStatusCode(), "the newest code belongs to the attacker's password");
        assertEquals("invalid_code", aws.body(victim).get("error").getStringValue());
        assertEquals(4, aws.body(victim).get("attemptsLeft").getIntValue(), "a wrong password counts as a wrong code");
        assertEquals(403, login(email, ATTACKER_PASSWORD, client).getStatusCode(), "the attacker's password confirms nothing");

        // The owner signs up again and confirms with her own password; the attacker's no longer logs in.
        assertEquals(202, signUp(email, VICTIM_PASSWORD).getStatusCode());
        APIGatewayV2HTTPResponse verified = verify(email, lastCode(email), VICTIM_PASSWORD, client);
        assertEquals(200, verified.getStatusCode(), verified.getBody());
        assertEquals("verified", aws.body(verified).get("status").getStringValue());
        assertTrue(aws.body(verified).get("accessToken").getStringValue().length() > 20, "verify also logs in");
        assertEquals(401, login(email, ATTACKER_PASSWORD, client).getStatusCode());
        assertEquals(200, login(email, VICTIM_PASSWORD, client).getStatusCode());
    }

    /** Item 2: one client cannot spread wrong codes over many addresses. */
    @Test
    void wrongCodesAreBudgetedPerClientAcrossAddresses() {
        VerifyEmailHandler strict = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction",
                Map.of("CODES_MAX_WRONG_PER_CLIENT", "3"));
        for (int i = 0; i < 3; i++) {
            String address = "target-" + UUID.randomUUID() + "@example.com";
            assertEquals("invalid_code", aws.body(call(strict, verifyEvent(address, "123456", VICTIM_PASSWORD, client)))
                    .get("error").getStringValue());
        }
        APIGatewayV2HTTPResponse refused = call(strict, verifyEvent(email, "123456", VICTIM_PASSWORD, client));
        assertEquals(429, refused.getStatusCode(), refused.getBody());
        assertEquals("too_many_requests", aws.body(refused).get("error").getStringValue());
        long wait = aws.body(refused).get("retryAfterSeconds").getLongValue();
        assertTrue(wait > 0 && wait <= 15 * 60);
        assertEquals(Long.toString(wait), refused.getHeaders().get("Retry-After"));

        assertEquals(400, call(strict, verifyEvent(email, "123456", VICTIM_PASSWORD, randomIp())).getStatusCode(),
                "another client still has its budget");
    }

    /** Item 14: bad logins from one client do not lock the owner out of her own client. */
    @Test
    void anAttackerFailingLoginsDoesNotLockTheOwnerOut() {
        createVerifiedAccount();
        LoginHandler strict = aws.handler(LoginHandler.class, "LoginFunction", Map.of("LOGIN_MAX_FAILURES_PER_ADDRESS", "3"));
        String attacker = randomIp();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, call(strict, loginEvent(email, "Wrong-Passw0rd!!", attacker)).getStatusCode());
        }
        assertEquals(429, call(strict, loginEvent(email, VICTIM_PASSWORD, attacker)).getStatusCode());
        APIGatewayV2HTTPResponse owner = call(strict, loginEvent(email, VICTIM_PASSWORD, client));
        assertEquals(200, owner.getStatusCode(), owner.getBody());
    }

    /** Item 11: rotating the hash key invalidates no code in flight. */
    @Test
    void aCodeSentBeforeAKeyRotationStillWorksAfterIt() {
        assertEquals(202, signUp(email, VICTIM_PASSWORD).getStatusCode());
        String code = lastCode(email);
        String secret = aws.stack().physicalId("VerificationCodeKey");
        try (SecretsManagerClient secrets = aws.aws().client(SecretsManagerClient.builder())) {
            secrets.putSecretValue(r -> r.secretId(secret).secretString("rotated-" + UUID.randomUUID()));
        }
        // A new container reads the new key.
        VerifyEmailHandler afterRotation = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction");
        APIGatewayV2HTTPResponse verified = call(afterRotation, verifyEvent(email, code, VICTIM_PASSWORD, client));
        assertEquals(200, verified.getStatusCode(), verified.getBody());

        String other = "user-" + UUID.randomUUID() + "@example.com";
        assertEquals(202, call(aws.handler(SignUpHandler.class, "SignUpFunction"),
                aws.event("signup.json", Map.of("email", other, "password", VICTIM_PASSWORD))).getStatusCode());
        assertEquals(200, call(afterRotation, verifyEvent(other, lastCode(other), VICTIM_PASSWORD, client)).getStatusCode(),
                "codes made with the new key work too");
    }

    // ------------------------------------------------------------------ helpers

    private void createVerifiedAccount() {
        assertEquals(202, signUp(email, VICTIM_PASSWORD).getStatusCode());
        assertEquals(200, verify(email, lastCode(email), VICTIM_PASSWORD, client).getStatusCode());
    }

    private String lastCode(String address) {
        List<TestAws.SentMail> mail = aws.mailTo(address);
        return mail.get(mail.size() - 1).code();
    }

    private APIGatewayV2HTTPResponse signUp(String address, String password) {
        return call(signUp, aws.event("signup.json", Map.of("email", address, "password", password)));
    }

    private APIGatewayV2HTTPResponse verify(String address, String code, String password, String from) {
        return call(verify, verifyEvent(address, code, password, from));
    }

    private APIGatewayV2HTTPEvent verifyEvent(String address, String code, String password, String from) {
        return from(aws.event("verify-email.json", Map.of("email", address, "code", code, "password", password)), from);
    }

    private APIGatewayV2HTTPResponse login(String address, String password, String from) {
        return call(login, loginEvent(address, password, from));
    }

    private APIGatewayV2HTTPEvent loginEvent(String address, String password, String from) {
        return from(aws.event("login.json", new HashMap<>(Map.of("email", address, "password", password))), from);
    }

    private static APIGatewayV2HTTPEvent from(APIGatewayV2HTTPEvent event, String ip) {
        event.getRequestContext().getHttp().setSourceIp(ip);
        return event;
    }

    private static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }
}
