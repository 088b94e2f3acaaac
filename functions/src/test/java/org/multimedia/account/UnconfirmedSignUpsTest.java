package org.multimedia.account;

import org.junit.jupiter.api.Test;
import org.multimedia.account.codes.Purpose;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, item 2: the scheduled deletion of sign-ups nobody confirmed within 7 days. */
class UnconfirmedSignUpsTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    private static final String CLIENT = "198.51.100.1";

    private final Fakes.World world = new Fakes.World();
    private final UnconfirmedSignUps cleanUp = new UnconfirmedSignUps(world.identities, world.codes, world.clock,
            new SignUpSettings(1000, Duration.ofDays(7), 0), world.events);

    private void signUpAt(String address, Instant when) {
        world.identities.createdAt = when;
        world.registration.signUp(address, PASSWORD, Language.EN, false, CLIENT);
    }

    @Test
    void deletesUnconfirmedIdentitiesOlderThanSevenDaysWithTheirCodesAndKeepsTheRest() {
        Instant now = world.clock.instant();
        signUpAt("old@example.com", now.minus(Duration.ofDays(7)).minusSeconds(1));
        signUpAt("young@example.com", now.minus(Duration.ofDays(6)));
        signUpAt("confirmed@example.com", now.minus(Duration.ofDays(30)));
        world.registration.verify("confirmed@example.com", world.outbox.lastCode(), PASSWORD, CLIENT);

        UnconfirmedSignUps.Report report = cleanUp.deleteExpired();

        assertEquals(new UnconfirmedSignUps.Report(2, 1, 0, true), report);
        assertFalse(world.identities.accounts.containsKey("old@example.com"));
        assertFalse(world.codes.items.containsKey(Purpose.SIGN_UP.key(EmailAddress.parse("old@example.com"))), "its code is gone too");
        assertTrue(world.identities.accounts.containsKey("young@example.com"));
        assertTrue(world.codes.items.containsKey(Purpose.SIGN_UP.key(EmailAddress.parse("young@example.com"))));
        assertTrue(world.identities.accounts.get("confirmed@example.com").confirmed());
    }

    @Test
    void readsEveryPageBeforeDeleting() {
        world.identities.pageSize = 2;
        Instant old = world.clock.instant().minus(Duration.ofDays(8));
        for (int i = 0; i < 5; i++) {
            signUpAt("old" + i + "@example.com", old);
        }
        assertEquals(new UnconfirmedSignUps.Report(5, 5, 0, true), cleanUp.deleteExpired());
        assertTrue(world.identities.accounts.isEmpty());
    }

    @Test
    void keepsAnIdentityConfirmedOrReplacedSinceTheListWasRead() {
        Instant old = world.clock.instant().minus(Duration.ofDays(8));
        signUpAt("confirmed-meanwhile@example.com", old);
        String code = world.outbox.lastCode();
        signUpAt("replaced-meanwhile@example.com", old);
        // Between the list and the deletions: one is confirmed, the other signed up again (a new identity).
        UnconfirmedIdentities listing = new DelegatingIdentities(world.identities) {
            @Override
            public Page unconfirmed(String pageToken) {
                Page page = super.unconfirmed(pageToken);
                world.registration.verify("confirmed-meanwhile@example.com", code, PASSWORD, CLIENT);
                world.identities.createdAt = world.clock.instant();
                world.registration.signUp("replaced-meanwhile@example.com", PASSWORD, Language.EN, false, CLIENT);
                return page;
            }
        };
        UnconfirmedSignUps.Report report = new UnconfirmedSignUps(listing, world.codes, world.clock,
                new SignUpSettings(1000, Duration.ofDays(7), 0), world.events).deleteExpired();
        assertEquals(new UnconfirmedSignUps.Report(2, 0, 2, true), report);
        assertTrue(world.identities.accounts.get("confirmed-meanwhile@example.com").confirmed());
        assertTrue(world.identities.accounts.containsKey("replaced-meanwhile@example.com"));
    }

    /** The fake identities, with one call to override. */
    private static class DelegatingIdentities implements UnconfirmedIdentities {
        private final UnconfirmedIdentities inner;

        DelegatingIdentities(UnconfirmedIdentities inner) {
            this.inner = inner;
        }

        @Override
        public Page unconfirmed(String pageToken) {
            return inner.unconfirmed(pageToken);
        }

        @Override
        public java.util.Optional<org.multimedia.identity.Account> find(EmailAddress email) {
            return inner.find(email);
        }

        @Override
        public void delete(EmailAddress email) {
            inner.delete(email);
        }
    }
}
