package org.multimedia.newsletter;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.identity.Account;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.LiveUser;
import org.multimedia.identity.MailingListMembership;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A person's own place on the mailing list ({@link MailingListService}) against in-memory ports. */
class MailingListServiceTest {

    private final Fakes.World world = new Fakes.World();
    private final Map<String, Account> accounts = new HashMap<>();
    private final MailingListService service = new MailingListService(world.list,
            email -> Optional.ofNullable(accounts.get(email.value())), world.links, new UnsubscribePages());

    private int identities;

    /** A new identity at the address (its own sub), as the pool and the live session show it. */
    private LiveUser account(String email, boolean confirmed, Language language) {
        String sub = "sub-" + (++identities) + "-" + email;
        accounts.put(email, new Account(new EmailAddress(email), confirmed, language, Instant.EPOCH, sub));
        return new LiveUser(sub, email, confirmed);
    }

    private String linkToken(String email) {
        return world.links.token(world.list.subscriber(email).subscriberId());
    }

    @Test
    void aConfirmedAccountSubscribesInItsLanguageWithTheAccountPagesConsent() {
        LiveUser ann = account("ann@example.com", true, Language.FR);

        assertEquals(new Subscribed(true), service.subscribe(ann));
        assertEquals(new Subscribed(true), service.subscribe(ann));

        assertEquals(Language.FR, world.list.subscriber("ann@example.com").language());
        assertEquals(MailingList.ACCOUNT_PAGE, world.list.consentSource("ann@example.com"));
    }

    @Test
    void theFirstConsentStays() {
        LiveUser ann = account("ann@example.com", true, Language.EN);
        world.list.subscribe(EmailAddress.parse("ann@example.com"), ann.sub(), Language.EN, MailingListMembership.SIGN_UP);

        service.subscribe(ann);

        assertEquals(MailingListMembership.SIGN_UP, world.list.consentSource("ann@example.com"));
    }

    @Test
    void anUnconfirmedAccountCannotSubscribe() {
        DomainException refused = assertThrows(DomainException.class, () -> service.subscribe(account("ann@example.com", false, Language.EN)));

        assertEquals("not_verified", refused.code());
        assertFalse(world.list.isSubscribed(EmailAddress.parse("ann@example.com")));
    }

    @Test
    void aDeletedAccountCannotSubscribe() {
        LiveUser gone = new LiveUser("sub-x", "gone@example.com", true);

        assertEquals("unauthorized", assertThrows(DomainException.class, () -> service.subscribe(gone)).code());
    }

    @Test
    void theLinkPageChangesNothingAndOnlyAPostUnsubscribes() {
        service.subscribe(account("ann@example.com", true, Language.FR));
        String token = linkToken("ann@example.com");

        UnsubscribePages.Page page = service.confirmationPage(Optional.of(token), Optional.empty());
        assertTrue(world.list.isSubscribed(EmailAddress.parse("ann@example.com")), "a link scanner's GET unsubscribes nobody");
        assertEquals(200, page.status());

        assertEquals(new Subscribed(false), service.unsubscribe(Optional.of(token)));
        assertEquals(new Subscribed(false), service.unsubscribe(Optional.of(token)), "idempotent");
        assertFalse(world.list.isSubscribed(EmailAddress.parse("ann@example.com")));
        assertEquals(token, linkToken("ann@example.com"), "the subscriber id stays: links in mail already sent keep working");
    }

    @Test
    void aLinkNobodyMadeIsRefused() {
        assertEquals("invalid_token", assertThrows(DomainException.class,
                () -> service.unsubscribe(Optional.of(world.links.token("AAAAAAAAAAAAAAAAAAAAAA")))).code());
        assertEquals("invalid_token", assertThrows(DomainException.class, () -> service.unsubscribe(Optional.of("forged"))).code());
        assertEquals("invalid_token", assertThrows(DomainException.class, () -> service.unsubscribe(Optional.empty())).code());
    }

    @Test
    void anAccountForgottenByDeletionHasNoLinkAnyMore() {
        service.subscribe(account("ann@example.com", true, Language.EN));
        String token = linkToken("ann@example.com");

        world.list.remove(EmailAddress.parse("ann@example.com"));

        assertThrows(DomainException.class, () -> service.unsubscribe(Optional.of(token)));
    }

    @Test
    void cancellingFromTheAccountPageEndsTheSubscription() {
        LiveUser ann = account("ann@example.com", true, Language.EN);
        service.subscribe(ann);

        assertEquals(new Subscribed(false), service.cancel(ann));
        assertFalse(world.list.isSubscribed(EmailAddress.parse("ann@example.com")));
    }

    @Test
    void aLaterIdentityAtAnAddressSubscribesWithAFreshConsentOfItsOwn() {
        // The first identity subscribed at sign-up, then was deleted with Cognito's own DeleteUser
        // (no clean-up of ours ran): the row is still there, subscribed.
        LiveUser oldAnn = account("ann@example.com", true, Language.EN);
        world.list.subscribe(EmailAddress.parse("ann@example.com"), oldAnn.sub(), Language.EN, MailingListMembership.SIGN_UP);
        String oldId = world.list.subscriber("ann@example.com").subscriberId();
        accounts.remove("ann@example.com");

        LiveUser newAnn = account("ann@example.com", true, Language.FR);
        service.subscribe(newAnn);

        assertEquals(MailingList.ACCOUNT_PAGE, world.list.consentSource("ann@example.com"), "the new identity's own consent");
        assertEquals(Language.FR, world.list.subscriber("ann@example.com").language());
        assertFalse(oldId.equals(world.list.subscriber("ann@example.com").subscriberId()),
                "links mailed to the deleted identity do not name the new one's subscription");
    }
}
