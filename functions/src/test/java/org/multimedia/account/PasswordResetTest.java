package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.account.codes.SendLimiter;
import org.multimedia.core.DomainException;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;

import java.security.SecureRandom;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Item 10: the order of a reset's writes, when a dependency fails part-way. */
class PasswordResetTest {

    private static final String CLIENT = "198.51.100.1";

    private final Fakes.World world = new Fakes.World();
    private final EmailAddress alice = EmailAddress.parse("alice@example.com");
    private boolean passwordServiceDown;
    private final Fakes.Logins logins = new Fakes.Logins(world.identities) {
        @Override
        public void setPassword(EmailAddress email, String password) {
            if (passwordServiceDown) {
                throw DomainException.unavailable();
            }
            super.setPassword(email, password);
        }
    };
    private final ResetTokens tokens = new ResetTokens(world.codes, world.hasher, world.clock, world.settings, new SecureRandom());
    private final PasswordReset reset = new PasswordReset(world.identities, logins, world.verificationCodes, tokens,
            new SendLimiter(world.quotas, world.clock, world.settings), world.accountMail, new PasswordPolicy(PasswordSettings.defaults()),
            world.events, world.confirmation);

    @Test
    void aFailureWhileSettingThePasswordNeverLeavesAConfirmedAccountWithAPasswordNobodyChoseThroughUs() {
        // Someone signed up the owner's address with his own password and never confirmed it.
        world.identities.create(alice, "Squatter-Passw0rd!", Language.EN);
        reset.forgot("alice@example.com");
        String token = reset.verifyCode("alice@example.com", world.outbox.lastCode(), CLIENT).resetToken();

        passwordServiceDown = true;
        assertEquals("service_unavailable", assertThrows(DomainException.class,
                () -> reset.reset(token, "Owners-New-Passw0rd")).code());
        assertFalse(world.identities.accounts.get("alice@example.com").confirmed(),
                "still unconfirmed: the squatter's password opens nothing");
        assertEquals("Squatter-Passw0rd!", world.identities.passwords.get("alice@example.com"));

        passwordServiceDown = false;
        assertEquals("invalid_token", assertThrows(DomainException.class,
                () -> reset.reset(token, "Owners-New-Passw0rd")).code(), "the token was claimed first: one use");
        world.clock.advance(Duration.ofMinutes(1));
        reset.forgot("alice@example.com"); // the owner asks for a new code and finishes
        String again = reset.verifyCode("alice@example.com", world.outbox.lastCode(), CLIENT).resetToken();
        reset.reset(again, "Owners-New-Passw0rd");
        assertEquals("Owners-New-Passw0rd", world.identities.passwords.get("alice@example.com"));
        assertTrue(world.identities.accounts.get("alice@example.com").confirmed());
    }

    @Test
    void twoResetsWithOneTokenSetOnePassword() {
        world.identities.create(alice, "Old-Passw0rd-1234", Language.EN);
        world.identities.confirm(alice);
        reset.forgot("alice@example.com");
        String token = reset.verifyCode("alice@example.com", world.outbox.lastCode(), CLIENT).resetToken();
        reset.reset(token, "First-New-Passw0rd");
        assertEquals("invalid_token", assertThrows(DomainException.class, () -> reset.reset(token, "Second-New-Passw0rd")).code());
        assertEquals("First-New-Passw0rd", world.identities.passwords.get("alice@example.com"));
    }
}
