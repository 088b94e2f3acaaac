package org.multimedia.account;

import org.multimedia.core.HmacKeys;
import org.junit.jupiter.api.Test;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;

import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19, item 1: only the identity a proof was made for is confirmed, checked before and after. */
class IdentityConfirmationTest {

    private final EmailAddress alice = EmailAddress.parse("alice@example.com");
    private final Fakes.Identities identities = new Fakes.Identities();
    private final IdentityConfirmation confirmation = new IdentityConfirmation(identities, new AuthEvents(Clock.systemUTC(), HmacKeys.of("test-key")));

    @Test
    void confirmsTheIdentityOfThatSubAndAgainWithoutHarm() {
        String sub = identities.create(alice, "Owners-Passw0rd-1", Language.EN).orElseThrow();
        assertTrue(confirmation.confirm(alice, sub));
        assertTrue(confirmation.confirm(alice, sub), "a retry confirms again");
        assertTrue(identities.accounts.get(alice.value()).confirmed());
    }

    @Test
    void refusesAnotherIdentityOfTheAddressOrNone() {
        String first = identities.create(alice, "Owners-Passw0rd-1", Language.EN).orElseThrow();
        identities.delete(alice);
        assertFalse(confirmation.confirm(alice, first), "gone");
        identities.create(alice, "Others-Passw0rd-2", Language.EN);
        assertFalse(confirmation.confirm(alice, first), "another identity");
        assertFalse(confirmation.confirm(alice, null), "a code bound to no identity");
        assertFalse(identities.accounts.get(alice.value()).confirmed());
    }

    @Test
    void anIdentityReplacedJustBeforeTheConfirmationIsDeletedAgain() {
        String sub = identities.create(alice, "Owners-Passw0rd-1", Language.EN).orElseThrow();
        // Another sign-up replaces the identity between the look-up and the confirmation.
        identities.pauses.hook = step -> {
            if (step.equals("identities.confirm")) {
                identities.pauses.hook = s -> { };
                identities.delete(alice);
                identities.create(alice, "Others-Passw0rd-2", Language.EN);
            }
        };
        assertFalse(confirmation.confirm(alice, sub));
        assertFalse(identities.accounts.containsKey(alice.value()),
                "the other sign-up's identity, confirmed by mistake, is deleted: its password proved nothing");
    }
}
