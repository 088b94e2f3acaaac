package org.multimedia.newsletter;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.LiveUser;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The send worker's decisions ({@link CampaignDelivery}), one recipient at a time, against in-memory ports. */
class CampaignDeliveryTest {

    private static final LiveUser MARKETING = new LiveUser("sub-m", "marketing@portal.example", true);

    private final Fakes.World world = new Fakes.World();

    @BeforeEach
    void aCampaignToTwoSubscribers() {
        world.subscribe("ann@example.com", Language.EN);
        world.subscribe("bob@example.com", Language.FR);
        world.service.create(MARKETING, new CampaignRequest("c1", "News", "<p>Hello</p>", "Hello", null, null));
        world.page();
        assertEquals(2, world.queues.sends.size());
    }

    private SendJob job(String email) {
        return world.queues.sends.stream().filter(j -> j.email().equals(email)).findFirst().orElseThrow();
    }

    private Fakes.CampaignTable.Row campaign() {
        return world.campaigns.row("c1");
    }

    @Test
    void eachSubscriberIsMailedOnceInTheirLanguageAndTheCampaignEndsSent() {
        world.deliverAll();

        assertEquals(List.of("ann@example.com", "bob@example.com"), world.ses.recipients());
        assertTrue(world.ses.sent.get(1).mime().contains("Vous recevez la lettre"), "bob gets the French newsletter");
        assertFalse(world.ses.sent.get(0).mime().contains("Vous recevez la lettre"), "ann the English one");
        assertEquals(2, campaign().sent);
        assertEquals(CampaignStatus.SENT, campaign().status);
        assertEquals(world.clock.instant(), campaign().sentAt);
    }

    @Test
    void aSendSesAcceptedIsCountedOnceAndARedeliveredJobSendsNothing() {
        SendJob ann = job("ann@example.com");
        world.delivery.deliver(ann, "r1", 1);
        world.delivery.deliver(ann, "r1", 2); // SQS handed the same message out again
        world.delivery.deliver(ann, "r1", 3);

        assertEquals(1, world.ses.calls);
        assertEquals(1, campaign().sent);
        assertEquals(1, campaign().pending, "bob is still to go");
        assertEquals(CampaignStatus.SENDING, campaign().status);
    }

    @Test
    void aClaimHeldByAnotherAttemptIsLeftForLaterAndSendsNothing() {
        SendJob ann = job("ann@example.com");
        world.deliveries.claim("c1", ann.email(), world.clock.instant(), Duration.ofSeconds(60)); // another worker, sending now

        assertThrows(CampaignDelivery.RetryLater.class, () -> world.delivery.deliver(ann, "r1", 1));
        assertEquals(0, world.ses.calls);
        assertEquals(0, campaign().sent + campaign().failed);
    }

    @Test
    void aClaimAbandonedByADeadWorkerIsCountedFailedInDoubtAndNeverSentAgain() {
        SendJob ann = job("ann@example.com");
        world.deliveries.claim("c1", ann.email(), world.clock.instant(), Duration.ofSeconds(60)); // then the worker died
        world.clock.advance(Duration.ofSeconds(61));

        world.delivery.deliver(ann, "r1", 2);
        world.delivery.deliver(ann, "r1", 3);

        assertEquals(0, world.ses.calls, "whether SES took it is unknown: a duplicate is never the price");
        assertEquals(1, campaign().failed);
        assertEquals("in_doubt", world.deliveries.item("c1", ann.email()).reason());
    }

    @Test
    void aThrottledSendGivesItsClaimBackAndComesBackLaterWithoutBeingCounted() {
        SendJob ann = job("ann@example.com");
        world.ses.failures.add(new SendFailure(SendFailure.Kind.RETRYABLE, "Throttling"));

        assertThrows(CampaignDelivery.RetryLater.class, () -> world.delivery.deliver(ann, "r1", 1));
        assertEquals("retry", world.deliveries.item("c1", ann.email()).state());
        assertEquals(1, world.queues.retries.size());
        Duration delay = world.queues.retries.get(0).delay();
        assertTrue(delay.compareTo(Duration.ofSeconds(30)) >= 0 && delay.compareTo(Duration.ofMillis(37_500)) <= 0, delay.toString());
        assertEquals(0, campaign().sent + campaign().failed);

        world.delivery.deliver(ann, "r1", 2); // the retry goes through
        assertEquals(List.of("ann@example.com"), world.ses.recipients());
        assertEquals(1, campaign().sent);
        assertEquals(2, world.deliveries.item("c1", ann.email()).attempts());
    }

    @Test
    void throttledRetriesWaitLongerEachTimeUpToFifteenMinutes() {
        assertTrue(world.pacer.backoff(3).compareTo(Duration.ofSeconds(120)) >= 0);
        assertTrue(world.pacer.backoff(3).compareTo(Duration.ofSeconds(150)) <= 0);
        assertEquals(Duration.ofSeconds(900), world.pacer.backoff(50));
    }

    @Test
    void aPermanentRefusalIsCountedFailedOnceAndNotRetried() {
        SendJob ann = job("ann@example.com");
        world.ses.failures.add(new SendFailure(SendFailure.Kind.PERMANENT, "MessageRejected"));

        world.delivery.deliver(ann, "r1", 1);
        world.delivery.deliver(ann, "r1", 2);

        assertEquals(1, world.ses.calls);
        assertTrue(world.queues.retries.isEmpty());
        assertEquals(1, campaign().failed);
        assertEquals("MessageRejected", world.deliveries.item("c1", ann.email()).reason());
    }

    @Test
    void aSendWithoutAnAnswerIsCountedFailedInDoubtAndNotSentAgain() {
        SendJob ann = job("ann@example.com");
        world.ses.failures.add(new SendFailure(SendFailure.Kind.IN_DOUBT, "timeout"));

        world.delivery.deliver(ann, "r1", 1);
        world.delivery.deliver(ann, "r1", 2);

        assertEquals(1, world.ses.calls);
        assertEquals(1, campaign().failed);
        assertEquals("in_doubt", world.deliveries.item("c1", ann.email()).reason());
    }

    @Test
    void aSuppressedAddressIsSkippedAndCountedSuppressed() {
        world.suppressions.suppress("ann@example.com", Suppressions.BOUNCE, "feedback-1");

        world.deliverAll();

        assertEquals(List.of("bob@example.com"), world.ses.recipients());
        assertEquals(1, campaign().suppressed);
        assertEquals(1, campaign().sent);
        assertEquals(CampaignStatus.SENT, campaign().status, "a skipped recipient still lets the campaign finish");
    }

    @Test
    void anAddressUnsubscribedAfterPagingIsSkipped() {
        world.list.unsubscribe(world.list.subscriber("bob@example.com").email());

        world.deliverAll();

        assertEquals(List.of("ann@example.com"), world.ses.recipients());
        assertEquals(1, campaign().suppressed);
    }

    @Test
    void aFailedLookUpGivesTheClaimBackSoTheNextDeliverySends() {
        SendJob ann = job("ann@example.com");
        world.suppressions.failure = new IllegalStateException("DynamoDB unavailable");

        assertThrows(IllegalStateException.class, () -> world.delivery.deliver(ann, "r1", 1));
        assertEquals(0, world.ses.calls);

        world.delivery.deliver(ann, "r1", 2);
        assertEquals(List.of("ann@example.com"), world.ses.recipients());
        assertEquals(0, campaign().failed, "a blip loses no newsletter");
    }

    @Test
    void eachSubscriberGetsTheirOwnUnsubscribeLink() {
        world.deliverAll();

        String annId = world.list.subscriber("ann@example.com").subscriberId();
        String bobId = world.list.subscriber("bob@example.com").subscriberId();
        String annMail = world.ses.sent.get(0).mime();
        assertTrue(annMail.contains("<" + world.links.url(annId) + ">"), annMail);
        assertFalse(annMail.contains(world.links.token(bobId)));
    }

    @Test
    void aSendWorkerReadsTheCampaignOnceForAllItsRecipients() {
        CampaignService freshContainer = new CampaignService(world.campaigns, world.queues, () -> world.testSends, world.clock);
        CampaignDelivery delivery = new CampaignDelivery(freshContainer, world.deliveries, world.list, world.pool, world.suppressions,
                world.messages, world.ses, world.pacer, world.queues, world.settings, world.clock);
        int before = world.campaigns.reads;

        delivery.deliver(job("ann@example.com"), "r1", 1);
        delivery.deliver(job("bob@example.com"), "r2", 1);

        assertEquals(before + 1, world.campaigns.reads, "its content never changes");
        assertEquals(2, world.ses.calls);
    }

    // Issue 19 item 6: Cognito's own DeleteUser (a stolen access token) skips our clean-up and
    // leaves the subscription row; the send path checks the identity behind it.

    @Test
    void aSubscriptionWhoseIdentityWasDeletedIsNotMailedButCountedSuppressedAndEnded() {
        world.pool.deleteDirectly("bob@example.com");

        world.deliverAll();

        assertEquals(List.of("ann@example.com"), world.ses.recipients(), "nobody is mailed for a deleted identity");
        assertEquals(1, campaign().suppressed);
        assertEquals("no_account", world.deliveries.item("c1", "bob@example.com").reason());
        assertEquals(CampaignStatus.SENT, campaign().status);
        assertNull(world.list.subscriber("bob@example.com"), "the stale subscription is ended (forgotten, as our own deletion does)");
    }

    @Test
    void aLaterIdentityAtTheSameAddressDoesNotInheritTheSubscription() {
        world.pool.deleteDirectly("bob@example.com");
        world.pool.signUp("bob@example.com", true, Language.FR, world.clock.instant()); // signed up again, confirmed

        world.deliverAll();

        assertEquals(List.of("ann@example.com"), world.ses.recipients(), "the new bob never subscribed");
        assertEquals("other_identity", world.deliveries.item("c1", "bob@example.com").reason());
        assertNull(world.list.subscriber("bob@example.com"));
    }

    @Test
    void anUnconfirmedIdentityAtTheAddressIsNotMailed() {
        world.pool.deleteDirectly("bob@example.com");
        world.pool.signUp("bob@example.com", false, Language.FR, world.clock.instant()); // a sign-up pending

        world.deliverAll();

        assertEquals(List.of("ann@example.com"), world.ses.recipients());
        assertEquals("not_confirmed", world.deliveries.item("c1", "bob@example.com").reason());
    }

    @Test
    void aRowWithoutASubIsMailedWhenItsIdentityExistedAtTheConsentAndGetsTheSub() {
        // A row written before subscriptions recorded the identity: bob's identity (created an hour
        // ago) existed when the consent was given (now), so it is his.
        world.list.remove(EmailAddress.parse("bob@example.com"));
        world.list.subscribeWithoutSub(EmailAddress.parse("bob@example.com"), Language.FR, MailingList.ACCOUNT_PAGE);

        world.deliverAll();

        assertEquals(List.of("ann@example.com", "bob@example.com"), world.ses.recipients());
        assertEquals(world.pool.of("bob@example.com").sub(),
                world.list.subscription(EmailAddress.parse("bob@example.com")).orElseThrow().sub(), "the sub filled in");
    }

    @Test
    void aRowWithoutASubFromBeforeTheIdentityWasCreatedIsNotMailed() {
        world.list.remove(EmailAddress.parse("bob@example.com"));
        world.list.subscribeWithoutSub(EmailAddress.parse("bob@example.com"), Language.FR, MailingList.ACCOUNT_PAGE);
        world.pool.deleteDirectly("bob@example.com");
        world.pool.signUp("bob@example.com", true, Language.FR, world.clock.instant().plusSeconds(60)); // a later identity

        world.deliverAll();

        assertEquals(List.of("ann@example.com"), world.ses.recipients());
        assertEquals("other_identity", world.deliveries.item("c1", "bob@example.com").reason());
    }

    @Test
    void aFailedIdentityLookUpGivesTheClaimBack() {
        SendJob bob = job("bob@example.com");
        world.pool.failure = new IllegalStateException("Cognito unavailable");

        assertThrows(IllegalStateException.class, () -> world.delivery.deliver(bob, "r1", 1));
        assertEquals(0, world.ses.calls);

        world.delivery.deliver(bob, "r1", 2);
        assertEquals(List.of("bob@example.com"), world.ses.recipients());
        assertEquals(0, campaign().failed + campaign().suppressed, "a Cognito blip loses no newsletter");
    }
}
