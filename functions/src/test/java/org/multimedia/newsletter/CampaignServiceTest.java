package org.multimedia.newsletter;

import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.identity.Language;
import org.multimedia.identity.LiveUser;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A campaign's life ({@link CampaignService}, {@link CampaignStatus}, {@link CampaignPager}) against in-memory ports. */
class CampaignServiceTest {

    private static final LiveUser MARKETING = new LiveUser("sub-m", "marketing@portal.example", true);

    private final Fakes.World world = new Fakes.World();

    private static CampaignRequest request(String id, String language, List<String> testRecipients) {
        return new CampaignRequest(id, "News", "<p>Hello</p>", "Hello", language, testRecipients);
    }

    @Test
    void theStoredStatusValuesStayTheWireValues() {
        assertEquals(List.of("queued", "sending", "sent"), List.of(CampaignStatus.values()).stream().map(CampaignStatus::value).toList());
        for (CampaignStatus status : CampaignStatus.values()) {
            assertEquals(status, CampaignStatus.of(status.value()));
        }
        assertThrows(IllegalStateException.class, () -> CampaignStatus.of("paused"));
    }

    @Test
    void statusesMoveForwardOnly() {
        assertTrue(CampaignStatus.QUEUED.canMoveTo(CampaignStatus.SENDING));
        assertTrue(CampaignStatus.SENDING.canMoveTo(CampaignStatus.SENT));
        assertTrue(CampaignStatus.QUEUED.canMoveTo(CampaignStatus.SENT), "a test campaign's sends may all finish before it is marked sending");
        for (CampaignStatus status : CampaignStatus.values()) {
            assertFalse(status.canMoveTo(CampaignStatus.QUEUED), status + " -> queued");
            assertFalse(CampaignStatus.SENT.canMoveTo(status), "sent -> " + status);
            assertFalse(status.canMoveTo(status), status + " -> itself");
        }
        assertFalse(CampaignStatus.SENDING.canMoveTo(CampaignStatus.QUEUED));
    }

    @Test
    void aNewCampaignIsQueuedWithItsFirstPageJob() {
        CampaignCreated created = world.service.create(MARKETING, request("c1", null, null));

        assertEquals(new CampaignCreated("c1", "queued", 0), created);
        assertEquals(List.of(new PageJob("c1", 0, null, 0)), world.queues.pages);
        assertTrue(world.queues.sends.isEmpty());
    }

    @Test
    void theSameIdAgainAnswersTheExistingCampaignAndQueuesNothingOnceItIsGoing() {
        world.subscribe("ann@example.com", Language.EN);
        world.service.create(MARKETING, request("c1", null, null));
        world.page();

        CampaignCreated again = world.service.create(MARKETING, request("c1", null, null)); // a retried request

        assertEquals(new CampaignCreated("c1", "sending", 1), again);
        assertTrue(world.queues.pages.isEmpty(), "nothing queued twice");
    }

    /** Issue 19, item 9: without an id a retried request would mail everyone twice. */
    @Test
    void aCampaignWithoutAnIdIsRefused() {
        DomainException refused = assertThrows(DomainException.class,
                () -> world.service.create(MARKETING, request(null, null, null)));
        assertEquals("invalid_request", refused.code());
        assertTrue(refused.getMessage().contains("campaignId"), refused.getMessage());
        assertTrue(world.campaigns.rows.isEmpty(), "nothing written");
        assertTrue(world.queues.pages.isEmpty(), "nothing queued");
    }

    /** Issue 19, item 9: the same id with other content is a mistake to tell, not the old campaign to answer. */
    @Test
    void theSameIdWithOtherContentIsAConflictAndTheFirstContentStays() {
        world.service.create(MARKETING, request("c1", null, null));
        world.page();
        List<CampaignRequest> others = List.of(
                new CampaignRequest("c1", "Other", "<p>Hello</p>", "Hello", null, null),
                new CampaignRequest("c1", "News", "<p>Hello!</p>", "Hello", null, null),
                new CampaignRequest("c1", "News", "<p>Hello</p>", "Hello!", null, null),
                request("c1", "fr", null),
                request("c1", null, List.of("tester@example.com")));
        for (CampaignRequest other : others) {
            DomainException conflict = assertThrows(DomainException.class, () -> world.service.create(MARKETING, other),
                    other.toString());
            assertEquals(DomainException.Kind.CONFLICT, conflict.kind());
            assertEquals("campaign_conflict", conflict.code());
        }
        assertEquals("News", world.campaigns.row("c1").content.subject(), "the first content stays");
        assertTrue(world.queues.pages.isEmpty() && world.queues.sends.isEmpty(), "nothing queued by a conflict");
        // The subject is compared as stored (stripped), so a retry that differs only there is the same campaign.
        assertEquals("c1", world.service.create(MARKETING, new CampaignRequest("c1", " News ", "<p>Hello</p>", "Hello", null, null)).campaignId());
    }

    /** Issue 19, item 12: a test goes to the marketing team's own verified accounts or the listed addresses only. */
    @Test
    void aTestSendGoesOnlyToVerifiedMarketingAccountsOrListedAddresses() {
        DomainException stranger = assertThrows(DomainException.class, () -> world.service.create(MARKETING,
                request("t1", null, List.of("tester@example.com", "stranger@elsewhere.example"))));
        assertEquals("invalid_request", stranger.code());
        assertTrue(stranger.getMessage().contains("testRecipients[1]"), stranger.getMessage());
        assertThrows(DomainException.class, () -> world.service.create(MARKETING,
                request("t2", null, List.of("unverified-colleague@portal.example"))), "an unverified member is refused");
        assertTrue(world.campaigns.rows.isEmpty(), "nothing written");
        assertTrue(world.queues.sends.isEmpty(), "nothing sent");

        world.service.create(MARKETING, request("t3", null, List.of("colleague@portal.example", "Tester@Example.com")));
        assertEquals(List.of("colleague@portal.example", "tester@example.com"),
                world.queues.sends.stream().map(SendJob::email).toList());
    }

    /** Issue 19, item 12: at most 10 test sends an hour per member; a retried request is not another one. */
    @Test
    void aMemberMakesAtMostTenTestSendsAnHour() {
        for (int i = 1; i <= 10; i++) {
            world.service.create(MARKETING, request("t" + i, null, List.of("tester@example.com")));
            world.service.create(MARKETING, request("t" + i, null, List.of("tester@example.com"))); // a retry: free
        }
        DomainException limited = assertThrows(DomainException.class,
                () -> world.service.create(MARKETING, request("t11", null, List.of("tester@example.com"))));
        assertEquals(DomainException.Kind.TOO_MANY_REQUESTS, limited.kind());
        assertEquals("too_many_requests", limited.code());
        assertTrue(limited.retryAfter().toSeconds() >= 1 && limited.retryAfter().toSeconds() <= 3600, limited.retryAfter().toString());
        assertTrue(world.campaigns.row("t11") == null, "nothing written past the limit");
        assertEquals(10, world.queues.sends.size());

        LiveUser colleague = new LiveUser("sub-c", "colleague@portal.example", true);
        world.service.create(colleague, request("c-t1", null, List.of("tester@example.com")));
        world.service.create(MARKETING, request("real-1", null, null)); // a real campaign is not a test send

        world.clock.advance(java.time.Duration.ofHours(1));
        world.service.create(MARKETING, request("t11", null, List.of("tester@example.com")));
        assertEquals(12, world.queues.sends.size());
    }

    @Test
    void aCampaignThatNeverGotGoingIsStartedAgainByTheSameId() {
        world.service.create(MARKETING, request("c1", null, null));
        world.queues.pages.clear(); // the first page job was lost between the record and the queue

        world.service.create(MARKETING, request("c1", null, null));

        assertEquals(List.of(new PageJob("c1", 0, null, 0)), world.queues.pages);
    }

    @Test
    void aTestCampaignMailsItsAddressesDirectlyAndIsSendingAtOnce() {
        world.subscribe("ann@example.com", Language.EN);

        CampaignCreated created = world.service.create(MARKETING, request("t1", "fr", List.of("Tester@Example.com", "tester@example.com")));

        assertEquals("sending", world.campaigns.row("t1").status.value());
        assertEquals(1, created.recipients(), "addresses normalised, duplicates dropped");
        assertTrue(world.queues.pages.isEmpty(), "a test never reads the list");
        assertEquals(List.of(new SendJob("t1", "tester@example.com", null, "fr", true)), world.queues.sends);

        world.deliverAll();
        assertEquals(List.of("tester@example.com"), world.ses.recipients(), "a test address is mailed without being on the list");
        assertEquals(CampaignStatus.SENT, world.campaigns.row("t1").status);
    }

    @Test
    void aCampaignOfAnEmptyListIsSentAsSoonAsItsPagesAreRead() {
        world.service.create(MARKETING, request("c1", null, null));

        world.page();

        assertEquals(CampaignStatus.SENT, world.campaigns.row("c1").status);
        assertEquals(0, world.campaigns.row("c1").recipients);
    }

    @Test
    void theListIsPagedPerLanguageAndARepeatedPageIsCountedOnce() {
        for (String name : List.of("a", "b", "c")) {
            world.subscribe(name + "@example.com", Language.EN);
        }
        world.subscribe("d@example.com", Language.FR);
        world.service.create(MARKETING, request("c1", null, null));

        PageJob first = world.queues.pages.remove(0);
        world.pager.page(first);
        world.pager.page(first); // SQS delivered it twice
        world.page();

        Fakes.CampaignTable.Row row = world.campaigns.row("c1");
        assertEquals(4, row.recipients, "each page counted once");
        // The repeated page queued its send jobs and its next page again: claims make them harmless.
        assertEquals(List.of("a@example.com", "b@example.com", "a@example.com", "b@example.com", "c@example.com", "c@example.com",
                "d@example.com", "d@example.com"), world.queues.sends.stream().map(SendJob::email).toList());
        assertEquals("fr", world.queues.sends.get(7).language());
        assertEquals(CampaignStatus.SENDING, row.status);

        world.deliverAll();
        assertEquals(List.of("a@example.com", "b@example.com", "c@example.com", "d@example.com"), world.ses.recipients(), "every recipient once");
        assertEquals(4, row.sent);
        assertEquals(CampaignStatus.SENT, row.status);
    }

    @Test
    void aSentCampaignStaysSent() {
        world.service.create(MARKETING, request("c1", null, null));
        world.page();

        world.service.markSending("c1");

        assertEquals(CampaignStatus.SENT, world.campaigns.row("c1").status);
    }

    @Test
    void aCampaignIsNotSentWhileRecipientsArePending() {
        world.subscribe("ann@example.com", Language.EN);
        world.service.create(MARKETING, request("c1", "en", null));
        world.page();

        world.service.completeIfDone("c1");

        assertEquals(CampaignStatus.SENDING, world.campaigns.row("c1").status);
        assertEquals(EnumSet.of(CampaignStatus.QUEUED, CampaignStatus.SENDING), CampaignStatus.SENT.enteredFrom());
    }

    @Test
    void aCampaignIsReadAsMarketingSeesIt() {
        world.service.create(MARKETING, request("c1", null, null));

        assertEquals(new CampaignView("c1", "queued", 0, 0, 0, 0), world.service.get("c1"));
        DomainException missing = assertThrows(DomainException.class, () -> world.service.get("nope"));
        assertEquals("not_found", missing.code());
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnythingIsWritten() {
        assertThrows(DomainException.class, () -> world.service.create(MARKETING, request("bad id!", null, null)));
        assertThrows(DomainException.class, () -> world.service.create(MARKETING, request("c1", "de", null)));
        assertThrows(DomainException.class, () -> world.service.create(MARKETING, request("c1", null, List.of("not an address"))));
        assertTrue(world.campaigns.rows.isEmpty());
        assertTrue(world.queues.pages.isEmpty());
    }
}
