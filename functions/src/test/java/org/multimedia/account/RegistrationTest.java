package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.account.codes.CodeSent;
import org.multimedia.core.DomainException;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multimedia.account.VerificationCodesTest.error;

class RegistrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";

    private final Fakes.World world = new Fakes.World();
    private static final String CLIENT = "198.51.100.1";
    private final Registration registration = world.registration;

    @Test
    void signUpCreatesAnUnconfirmedAccountAndEmailsACode() {
        CodeSent sent = registration.signUp(" Alice@Example.com ", PASSWORD, Language.EN, false, CLIENT);
        assertEquals(new CodeSent("verification_sent", 1800), sent);
        assertFalse(world.identities.accounts.get("alice@example.com").confirmed());
        assertEquals("alice@example.com", world.outbox.last().to());
        assertTrue(world.outbox.last().text().contains("expire in 30 minutes"));

        Verified verified = registration.verify("alice@example.com", world.outbox.lastCode(), PASSWORD, CLIENT);
        assertEquals("verified", verified.status());
        assertEquals("access", verified.accessToken(), "verify also logs in");
        assertTrue(world.identities.accounts.get("alice@example.com").confirmed());
    }

    @Test
    void signingUpAnExistingAccountAnswersTheSameAndEmailsTheOwnerNoCode() {
        registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT);
        registration.verify("alice@example.com", world.outbox.lastCode(), PASSWORD, CLIENT);

        CodeSent again = registration.signUp("alice@example.com", "Another-Passw0rd", Language.FR, false, CLIENT);
        CodeSent fresh = registration.signUp("bob@example.com", PASSWORD, Language.EN, false, CLIENT);
        assertEquals(fresh, again);
        var mail = world.outbox.sent.get(1);
        assertEquals("Vous avez déjà un compte", mail.subject());
        assertFalse(mail.text().matches("(?s).*\\b\\d{6}\\b.*"), "no code in the 'account exists' email");
        assertTrue(mail.text().contains("https://portal.example/#/reset"), mail.text());
        assertTrue(world.outbox.queued.stream().allMatch(m -> !m.values().containsKey("website") && !m.values().containsKey("resetUrl")),
                "the API queues no address of the portal: the worker adds it");
        assertEquals(PASSWORD, world.identities.passwords.get("alice@example.com"), "the password is unchanged");
    }

    @Test
    void signingUpAgainBeforeConfirmingReplacesThePasswordAndTheCode() {
        registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT);
        String firstCode = world.outbox.lastCode();
        registration.signUp("alice@example.com", "Second-Passw0rd!", Language.EN, false, CLIENT);
        String secondCode = world.outbox.lastCode();
        assertEquals("Second-Passw0rd!", world.identities.passwords.get("alice@example.com"));
        if (!firstCode.equals(secondCode)) {
            assertEquals("invalid_code", error(() -> registration.verify("alice@example.com", firstCode, "Second-Passw0rd!", CLIENT)).code());
        }
        registration.verify("alice@example.com", secondCode, "Second-Passw0rd!", CLIENT);
    }

    @Test
    void theNewsletterChoiceTakesEffectOnlyWhenTheAddressIsConfirmed() {
        registration.signUp("alice@example.com", PASSWORD, Language.EN, true, CLIENT);
        assertFalse(world.newsletter.subscribers.contains("alice@example.com"));
        world.clock.advance(Duration.ofSeconds(61));
        registration.resend("alice@example.com");
        registration.verify("alice@example.com", world.outbox.lastCode(), PASSWORD, CLIENT);
        assertTrue(world.newsletter.subscribers.contains("alice@example.com"), "kept across 'send new code'");
    }

    @Test
    void resendIsLimitedPerAddressWhetherOrNotAnAccountExists() {
        registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT);
        world.clock.advance(Duration.ofSeconds(61));
        assertEquals("verification_sent", registration.resend("alice@example.com").status());
        assertEquals("verification_sent", registration.resend("nobody@example.com").status());

        DomainException forAccount = error(() -> registration.resend("alice@example.com"));
        DomainException forNobody = error(() -> registration.resend("nobody@example.com"));
        assertEquals("resend_too_soon", forAccount.code());
        assertEquals(forAccount.code(), forNobody.code());
        assertEquals(forAccount.details(), forNobody.details());
        assertEquals(Duration.ofSeconds(60), forNobody.retryAfter());
        assertEquals(2, world.outbox.sent.size(), "nothing is emailed to an address without an account");
    }

    @Test
    void resendSendsANewCodeAndTheOldOneStopsWorking() {
        registration.signUp("alice@example.com", PASSWORD, Language.FR, false, CLIENT);
        String old = world.outbox.lastCode();
        world.clock.advance(Duration.ofMinutes(2));
        registration.resend("alice@example.com");
        assertEquals("Votre code de vérification : " + world.outbox.lastCode(), world.outbox.last().subject());
        if (!old.equals(world.outbox.lastCode())) {
            assertEquals("invalid_code", error(() -> registration.verify("alice@example.com", old, PASSWORD, CLIENT)).code());
        }
        registration.verify("alice@example.com", world.outbox.lastCode(), PASSWORD, CLIENT);
    }

    @Test
    void resendForAConfirmedAccountSendsNothing() {
        registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT);
        registration.verify("alice@example.com", world.outbox.lastCode(), PASSWORD, CLIENT);
        world.clock.advance(Duration.ofMinutes(2));
        assertEquals("verification_sent", registration.resend("alice@example.com").status());
        assertEquals(1, world.outbox.sent.size());
    }

    @Test
    void signUpIsCappedAtFiveEmailsAnHourPerAddress() {
        for (int i = 0; i < 5; i++) {
            registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT);
        }
        DomainException sixth = error(() -> registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT));
        assertEquals("too_many_requests", sixth.code());
        assertEquals(5, world.outbox.sent.size());
    }

    @Test
    void badInputIsRefusedBeforeAnythingHappens() {
        assertEquals("invalid_email", error(() -> registration.signUp("not-an-email", PASSWORD, Language.EN, false, CLIENT)).code());
        assertEquals("weak_password", error(() -> registration.signUp("alice@example.com", "password", Language.EN, false, CLIENT)).code());
        assertTrue(world.outbox.sent.isEmpty());
        assertTrue(world.identities.accounts.isEmpty());
    }

    @Test
    void oneClientMaySignUpTwentyAddressesAnHourThenWaitsForTheNextHour() {
        for (int i = 0; i < 20; i++) {
            registration.signUp("user" + i + "@example.com", PASSWORD, Language.EN, false, CLIENT);
        }
        DomainException refused = error(() -> registration.signUp("user20@example.com", PASSWORD, Language.EN, false, CLIENT));
        assertEquals("too_many_requests", refused.code());
        assertEquals(Duration.ofHours(1), refused.retryAfter(), "until the hour's window ends (the clock is on the hour)");
        assertEquals(3600L, refused.details().get("retryAfterSeconds"));
        assertEquals(20, world.outbox.sent.size(), "nothing mailed past the budget");
        assertFalse(world.identities.accounts.containsKey("user20@example.com"), "nothing created past the budget");
        registration.signUp("user20@example.com", PASSWORD, Language.EN, false, "198.51.100.2"); // another client

        world.clock.advance(Duration.ofHours(1));
        registration.signUp("user21@example.com", PASSWORD, Language.EN, false, CLIENT);
    }

    @Test
    void aSignUpOfAnExistingAccountCountsTooItMailsItsOwner() {
        registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT);
        registration.verify("alice@example.com", world.outbox.lastCode(), PASSWORD, CLIENT);
        for (int i = 0; i < 4; i++) {
            registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT); // "you already have an account"
        }
        for (int i = 0; i < 15; i++) {
            registration.signUp("user" + i + "@example.com", PASSWORD, Language.EN, false, CLIENT);
        }
        assertEquals("too_many_requests", error(() -> registration.signUp("bob@example.com", PASSWORD, Language.EN, false, CLIENT)).code());
        assertEquals(20, world.outbox.sent.size());
    }

    @Test
    void aCodeWhoseIdentityWasReplacedConfirmsNothingEvenWithItsOwnPassword() {
        registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT);
        String code = world.outbox.lastCode();
        // Deleted and created again behind the code's back (another sign-up whose code was lost).
        world.identities.delete(EmailAddress.parse("alice@example.com"));
        world.identities.create(EmailAddress.parse("alice@example.com"), PASSWORD, Language.EN);
        assertEquals("invalid_code", error(() -> registration.verify("alice@example.com", code, PASSWORD, CLIENT)).code());
        assertFalse(world.identities.accounts.get("alice@example.com").confirmed());
    }

    @Test
    void resendMailsACodeOnlyForTheIdentityThePendingCodeWasMadeFor() {
        registration.signUp("alice@example.com", PASSWORD, Language.EN, false, CLIENT);
        world.identities.delete(EmailAddress.parse("alice@example.com"));
        world.identities.create(EmailAddress.parse("alice@example.com"), "Squatter-Passw0rd!", Language.EN);
        world.clock.advance(Duration.ofMinutes(2));
        assertEquals("verification_sent", registration.resend("alice@example.com").status());
        assertEquals(1, world.outbox.sent.size(), "no code for an identity the pending code does not name");
    }
}
