package org.multimedia.newsletter;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.LiveUser;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A campaign's life: marketing creates one (its record, then its first job on a queue) and reads
 * its progress; the workers move its status on ({@link CampaignStatus}: queued → sending → sent,
 * each move a conditional write from the statuses it may follow) and read its content. Creating
 * is idempotent on the campaign id, which is required (issue 19: without one, a retried request
 * would create and mail a second campaign): the same id with the same content answers the
 * existing campaign and writes nothing; if that campaign never got going (the first job was lost
 * between the record and the queue), its first job is queued again — harmless, because pages are
 * counted once and every recipient is claimed once. The same id with other content is {@code 409
 * campaign_conflict} (a new campaign needs a new id; answering the old one would hide that the
 * new content was never sent). A test campaign goes only where {@link TestSends} allows, and
 * counts against its creator's hourly budget once, when it is created.
 */
@Singleton
public class CampaignService {

    static final int MAX_TEST_RECIPIENTS = 10;
    private static final int MAX_SUBJECT = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final Campaigns campaigns;
    private final CampaignQueues queues;
    /** Test campaigns only: the workers, which never create one, build neither it nor its Cognito client. */
    private final Provider<TestSends> testSends;
    private final Clock clock;
    /** Campaign content never changes: one read per campaign per container. */
    private final Map<String, Campaigns.Content> contents = new ConcurrentHashMap<>();

    public CampaignService(Campaigns campaigns, CampaignQueues queues, Provider<TestSends> testSends, Clock clock) {
        this.campaigns = campaigns;
        this.queues = queues;
        this.testSends = testSends;
        this.clock = clock;
    }

    /** {@code member}: the live caller of the marketing group, recorded as the campaign's author. */
    public CampaignCreated create(LiveUser member, CampaignRequest request) {
        Campaigns.Content content = validate(request);
        Optional<Campaigns.Campaign> existing = campaigns.find(content.campaignId());
        if (existing.isPresent()) {
            return again(existing.get(), content); // a retry costs no test send
        }
        String charged = null;
        if (content.test()) {
            testSends.get().checkRecipients(content.testRecipients());
            charged = testSends.get().charge(member);
        }
        boolean created;
        try {
            created = campaigns.create(content, CampaignStatus.QUEUED, member.username(), clock.instant());
        } catch (RuntimeException notWritten) {
            try {
                refund(charged); // the send did not happen: it does not count
            } catch (RuntimeException alsoDown) {
                notWritten.addSuppressed(alsoDown); // one test send too many counted for this hour, no more
            }
            throw notWritten;
        }
        if (!created) { // a request with the same id was faster
            refund(charged);
            return again(campaigns.find(content.campaignId()).orElseThrow(DomainException::unavailable), content);
        }
        start(content);
        return new CampaignCreated(content.campaignId(), CampaignStatus.QUEUED.value(), content.testRecipients().size());
    }

    /** The existing campaign of this id: the same content answers it (restarted if it never got going), other content is a conflict. */
    private CampaignCreated again(Campaigns.Campaign campaign, Campaigns.Content content) {
        if (!campaign.content().equals(content)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "campaign_conflict",
                    "A campaign with this campaignId exists with other content: give a new campaign a new campaignId.");
        }
        if (campaign.status() == CampaignStatus.QUEUED) {
            start(campaign.content());
        }
        return new CampaignCreated(campaign.content().campaignId(), campaign.status().value(), campaign.recipients());
    }

    private void refund(String charged) {
        if (charged != null) {
            testSends.get().refund(charged);
        }
    }

    public CampaignView get(String campaignId) {
        return campaigns.find(campaignId).map(CampaignView::of)
                .orElseThrow(() -> DomainException.notFound("No campaign has this id."));
    }

    /** {@code queued → sending}: its first page is being read, or a test campaign's sends are queued. Nothing if past queued. */
    public void markSending(String campaignId) {
        campaigns.changeStatus(campaignId, CampaignStatus.SENDING.enteredFrom(), CampaignStatus.SENDING);
    }

    /** {@code → sent} once paging is done and every recipient's outcome is recorded; otherwise nothing. */
    public void completeIfDone(String campaignId) {
        campaigns.finishIfDone(campaignId, CampaignStatus.SENT.enteredFrom(), CampaignStatus.SENT, clock.instant());
    }

    /**
     * Counts page number {@code page} once (see {@link Campaigns#countPage}); {@code false} when
     * it was already counted.
     */
    public boolean countPage(String campaignId, int page, int recipients, boolean last) {
        return campaigns.countPage(campaignId, page, recipients, last);
    }

    /** What the campaign says, for the workers (missing: the job is retried, then dead-lettered). */
    public Campaigns.Content content(String campaignId) {
        Campaigns.Content known = contents.get(campaignId);
        if (known != null) {
            return known;
        }
        Campaigns.Content content = campaigns.find(campaignId)
                .orElseThrow(() -> new IllegalStateException("No campaign for a job")).content();
        contents.put(campaignId, content);
        return content;
    }

    /** A real campaign starts with its first page; a test one mails its few addresses directly. */
    private void start(Campaigns.Content content) {
        if (!content.test()) {
            queues.enqueuePage(new PageJob(content.campaignId(), 0, null, 0));
        } else {
            String language = content.language() == null ? "en" : content.language();
            queues.enqueueSends(content.testRecipients().stream()
                    .map(email -> new SendJob(content.campaignId(), email, null, language, true)).toList());
            markSending(content.campaignId());
        }
    }

    private static Campaigns.Content validate(CampaignRequest request) {
        String id = request.campaignId();
        if (id == null) {
            throw DomainException.invalidRequest("'campaignId' is required: the id that makes a retried request the same "
                    + "campaign (1 to 64 letters, digits, '-' or '_').");
        }
        if (!ID.matcher(id).matches()) {
            throw invalid("campaignId", "1 to 64 letters, digits, '-' or '_'");
        }
        String subject = request.subject().strip();
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT || subject.chars().anyMatch(Character::isISOControl)) {
            throw invalid("subject", "1 to " + MAX_SUBJECT + " characters on one line");
        }
        if (request.html().isBlank()) {
            throw invalid("html", "the HTML body of the newsletter");
        }
        if (request.text().isBlank()) {
            throw invalid("text", "the plain-text body of the newsletter");
        }
        String language = request.language();
        if (language != null && !language.equals("en") && !language.equals("fr")) {
            throw invalid("language", "\"en\", \"fr\", or absent for both");
        }
        // The record must stay well under DynamoDB's 400 KB item limit.
        if ((request.html() + request.text()).getBytes(StandardCharsets.UTF_8).length > 300_000) {
            throw invalid("html", "html and text together at most 300 KB");
        }
        return new Campaigns.Content(id, subject, request.html(), request.text(), language,
                testRecipients(request.testRecipients()));
    }

    private static List<String> testRecipients(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.isEmpty() || raw.size() > MAX_TEST_RECIPIENTS) {
            throw invalid("testRecipients", "1 to " + MAX_TEST_RECIPIENTS + " addresses");
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                addresses.add(EmailAddress.parse(raw.get(i)).value());
            } catch (DomainException | NullPointerException e) {
                throw invalid("testRecipients[" + i + "]", "a valid email address");
            }
        }
        return new ArrayList<>(addresses);
    }

    private static DomainException invalid(String field, String expected) {
        return DomainException.invalidRequest("'" + field + "' is invalid: " + expected + ".");
    }
}
