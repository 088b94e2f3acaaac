package org.multimedia.account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.multimedia.account.codes.SendLimiter;
import org.multimedia.core.DomainException;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.InMemoryTermsAcceptances;
import org.multimedia.identity.LiveUser;

import java.security.SecureRandom;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code PATCH /account/me {language}}: the identity, its account emails and its own subscription follow. */
class ProfileLanguageTest {

    private final Fakes.World world = new Fakes.World(true);
    private final EmailAddress alice = EmailAddress.parse("alice@example.com");
    private final Profiles profiles = new Profiles(world.identities, world.newsletter, world.verificationCodes, world.events,
            new Sessions(new Fakes.Logins(world.identities),
                    new LoginThrottle(world.counters, world.clock, LoginSettings.defaults()), world.events),
            new InMemoryTermsAcceptances().terms(world.clock));
    private LiveUser owner;

    @BeforeEach
    void aliceHasAConfirmedAccountInEnglish() {
        String sub = world.identities.create(alice, "Correct-Horse7battery", Language.EN).orElseThrow();
        world.identities.confirm(alice);
        owner = new LiveUser(sub, alice.value(), true);
    }

    @Test
    void theIdentityTakesTheLanguageAndTheAnswerIsTheProfile() {
        Profile answer = profiles.changeLanguage(owner, Language.FR);

        assertEquals(Language.FR, world.identities.accounts.get(alice.value()).language());
        assertEquals(profiles.get(owner), answer, "the same profile GET /account/me shows");
        assertEquals("fr", answer.language());
        assertEquals("alice@example.com", answer.email());
        assertTrue(answer.verified());
        assertFalse(answer.newsletter());
    }

    @Test
    void theAccountEmailsFollowIt() {
        PasswordReset reset = new PasswordReset(world.identities, new Fakes.Logins(world.identities), world.verificationCodes,
                new ResetTokens(world.codes, world.hasher, world.clock, world.settings, new SecureRandom()),
                new SendLimiter(world.quotas, world.clock, world.settings), world.accountMail,
                new PasswordPolicy(PasswordSettings.defaults()), world.events, world.confirmation);

        profiles.changeLanguage(owner, Language.FR);
        reset.forgot(alice.value());

        assertEquals("fr", world.outbox.queued.get(world.outbox.queued.size() - 1).language());
    }

    @Test
    void aSubscribedRowMovesToTheListOfTheNewLanguage() {
        world.newsletter.subscribe(alice, owner.sub(), Language.EN, "account_page");

        Profile answer = profiles.changeLanguage(owner, Language.FR);

        assertEquals(Optional.of(Language.FR), world.newsletter.list(alice));
        assertTrue(answer.newsletter());
        assertTrue(world.newsletter.subscribers.contains(alice.value()), "still subscribed");
    }

    @Test
    void anEndedSubscriptionTakesTheLanguageAndStaysOffTheLists() {
        world.newsletter.subscribe(alice, owner.sub(), Language.EN, "account_page");
        world.newsletter.subscribers.remove(alice.value()); // unsubscribed: the row stays

        Profile answer = profiles.changeLanguage(owner, Language.FR);

        assertEquals(Language.FR, world.newsletter.languages.get(alice.value()));
        assertEquals(Optional.empty(), world.newsletter.list(alice));
        assertFalse(answer.newsletter());
    }

    @Test
    void aRowAnEarlierIdentityAtTheAddressLeftIsNotTouched() {
        world.newsletter.subscribe(alice, "sub-of-a-deleted-identity", Language.EN, "sign_up");

        Profile answer = profiles.changeLanguage(owner, Language.FR);

        assertEquals(Language.EN, world.newsletter.languages.get(alice.value()));
        assertEquals(0, world.newsletter.languageWrites);
        assertFalse(answer.newsletter());
        assertEquals(Language.FR, world.identities.accounts.get(alice.value()).language());
    }

    @Test
    void noRowNoWrite() {
        profiles.changeLanguage(owner, Language.FR);

        assertEquals(0, world.newsletter.languageWrites);
        assertFalse(world.newsletter.subs.containsKey(alice.value()), "changing the language subscribes nobody");
    }

    @Test
    void theSameLanguageAgainWritesNothingToThePoolButStillMendsTheRow() {
        world.newsletter.subscribe(alice, owner.sub(), Language.FR, "account_page"); // a request that failed after the pool

        Profile answer = profiles.changeLanguage(owner, Language.EN);

        assertEquals(0, world.identities.languageWrites);
        assertEquals(Optional.of(Language.EN), world.newsletter.list(alice));
        assertEquals("en", answer.language());
    }

    @Test
    void aRowThatChangesMeanwhileIsReadAgainAndTheOtherChangeStands() {
        world.newsletter.subscribe(alice, owner.sub(), Language.EN, "account_page");
        world.newsletter.beforeFollow = () -> {
            world.newsletter.subscribers.remove(alice.value()); // an unsubscribe lands between the read and the write
            world.newsletter.beforeFollow = () -> { };
        };

        Profile answer = profiles.changeLanguage(owner, Language.FR);

        assertEquals(Optional.empty(), world.newsletter.list(alice), "the unsubscribe is not undone");
        assertEquals(Language.FR, world.newsletter.languages.get(alice.value()));
        assertFalse(answer.newsletter());
    }

    @Test
    void aRowThatKeepsChangingIsAFailureToRetryNotASilentSuccess() {
        world.newsletter.subscribe(alice, owner.sub(), Language.EN, "account_page");
        world.newsletter.beforeFollow = () -> {
            if (!world.newsletter.subscribers.remove(alice.value())) {
                world.newsletter.subscribers.add(alice.value());
            }
        };

        DomainException e = assertThrows(DomainException.class, () -> profiles.changeLanguage(owner, Language.FR));

        assertEquals("service_unavailable", e.code());
        assertEquals(Language.FR, world.identities.accounts.get(alice.value()).language(), "the identity first: a retry finishes");
    }

    @Test
    void aDeletedAccountOrAnotherIdentityAtTheAddressIsUnauthorized() {
        LiveUser other = new LiveUser("sub-of-another-identity", alice.value(), true);
        assertEquals("unauthorized", assertThrows(DomainException.class, () -> profiles.changeLanguage(other, Language.FR)).code());
        assertEquals(Language.EN, world.identities.accounts.get(alice.value()).language());

        world.identities.delete(alice);
        assertEquals("unauthorized", assertThrows(DomainException.class, () -> profiles.changeLanguage(owner, Language.FR)).code());
    }
}
