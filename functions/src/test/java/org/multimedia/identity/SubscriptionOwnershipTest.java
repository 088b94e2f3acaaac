package org.multimedia.identity;

import org.junit.jupiter.api.Test;
import org.multimedia.identity.MailingListMembership.Subscription;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whose a subscription row is ({@link Subscription#notHeldBy}, {@link MailingListMembership#isSubscribed}). */
class SubscriptionOwnershipTest {

    private static final EmailAddress ANN = new EmailAddress("ann@example.com");
    private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");

    private static Optional<Account> identity(boolean confirmed, String sub) {
        return Optional.of(new Account(ANN, confirmed, Language.EN, CREATED, sub));
    }

    @Test
    void aRowIsTheIdentitysOnlyWhileThatIdentityExistsConfirmed() {
        Subscription row = new Subscription(true, "sub-1", CREATED.plusSeconds(60));

        assertEquals(Optional.empty(), row.notHeldBy(identity(true, "sub-1")));
        assertEquals(Optional.of(MailingListMembership.NO_ACCOUNT), row.notHeldBy(Optional.empty()));
        assertEquals(Optional.of(MailingListMembership.NOT_CONFIRMED), row.notHeldBy(identity(false, "sub-1")));
        assertEquals(Optional.of(MailingListMembership.OTHER_IDENTITY), row.notHeldBy(identity(true, "sub-2")));
    }

    @Test
    void aRowWithoutASubIsTheIdentitysWhenTheIdentityExistedAtTheConsent() {
        assertEquals(Optional.empty(), new Subscription(true, null, CREATED).notHeldBy(identity(true, "sub-1")));
        assertEquals(Optional.empty(), new Subscription(true, null, CREATED.plusSeconds(1)).notHeldBy(identity(true, "sub-1")));
        assertEquals(Optional.of(MailingListMembership.OTHER_IDENTITY),
                new Subscription(true, null, CREATED.minusMillis(1)).notHeldBy(identity(true, "sub-1")),
                "a consent older than the identity was another identity's");
    }

    @Test
    void theProfileFlagIsTheIdentitysOwnSubscription() {
        Map<String, Subscription> rows = new java.util.HashMap<>();
        MailingListMembership list = new MailingListMembership() {
            @Override
            public void subscribe(EmailAddress email, String sub, Language language, String consentSource) {
            }

            @Override
            public Optional<Subscription> subscription(EmailAddress email) {
                return Optional.ofNullable(rows.get(email.value()));
            }

            @Override
            public boolean followLanguage(EmailAddress email, Subscription seen, Language language) {
                return true;
            }

            @Override
            public void remove(EmailAddress email) {
            }
        };
        Account newAnn = identity(true, "sub-2").orElseThrow();

        rows.put(ANN.value(), new Subscription(true, "sub-1", CREATED.minusSeconds(3600))); // the deleted identity's
        assertFalse(list.isSubscribed(newAnn));
        rows.put(ANN.value(), new Subscription(true, "sub-2", CREATED.plusSeconds(60)));
        assertTrue(list.isSubscribed(newAnn));
        rows.put(ANN.value(), new Subscription(false, "sub-2", CREATED.plusSeconds(60)));
        assertFalse(list.isSubscribed(newAnn));
    }
}
