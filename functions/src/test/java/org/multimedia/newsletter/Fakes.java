package org.multimedia.newsletter;

import org.multimedia.core.HmacKeys;
import org.multimedia.identity.Account;
import org.multimedia.identity.Accounts;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.mail.MailTemplates;
import org.multimedia.mail.WebsiteSettings;
import org.multimedia.testing.MutableClock;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * In-memory fakes of the newsletter's ports, with the semantics their DynamoDB, SQS and SES
 * adapters have (conditional writes that refuse without effect, outcomes counted on the campaign
 * with the claim), and {@link World}: the campaign services wired to them.
 */
final class Fakes {

    private Fakes() {
    }

    /** SubscriptionsTable: entries by address, pages in address order per language (the sparse GSI). */
    static final class MailingListTable implements MailingList {
        private final Map<String, Subscriber> byEmail = new TreeMap<>();
        private final Map<String, String> consentSources = new HashMap<>();
        private final Map<String, Subscription> rows = new HashMap<>();
        private final java.time.Clock clock;
        private int ids;

        MailingListTable(java.time.Clock clock) {
            this.clock = clock;
        }

        /** As the adapter's conditional writes (aws/DynamoMailingList#subscribe). */
        @Override
        public void subscribe(EmailAddress email, String sub, Language language, String consentSource) {
            Subscriber known = byEmail.get(email.value());
            Subscription row = rows.get(email.value());
            boolean othersRow = row != null && row.sub() != null && !row.sub().equals(sub);
            if (known != null && known.subscribed() && !othersRow && row.sub() != null) {
                return; // this identity is subscribed: the first consent stays
            }
            String id = known != null && !othersRow ? known.subscriberId() : Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(String.format("subscriber%06d", ++ids).getBytes()); // 16 bytes, as the adapter's 128 random bits
            byEmail.put(email.value(), new Subscriber(email, id, language, true));
            consentSources.put(email.value(), consentSource);
            rows.put(email.value(), new Subscription(true, sub, clock.instant()));
        }

        /** Whether the row says subscribed (whoever's it is). */
        boolean isSubscribed(EmailAddress email) {
            Subscriber known = byEmail.get(email.value());
            return known != null && known.subscribed();
        }

        /** A row as written before subscriptions recorded the identity (no sub). */
        void subscribeWithoutSub(EmailAddress email, Language language, String consentSource) {
            subscribe(email, null, language, consentSource);
        }

        @Override
        public Optional<Subscription> subscription(EmailAddress email) {
            return Optional.ofNullable(rows.get(email.value()));
        }

        @Override
        public void adopt(EmailAddress email, String sub, Subscription legacy) {
            Subscription row = rows.get(email.value());
            if (row != null && row.sub() == null && java.util.Objects.equals(row.consentAt(), legacy.consentAt())) {
                rows.put(email.value(), new Subscription(row.subscribed(), sub, row.consentAt()));
            }
        }

        @Override
        public void forget(EmailAddress email, Subscription stale) {
            Subscription row = rows.get(email.value());
            if (row != null && java.util.Objects.equals(row.sub(), stale.sub())
                    && java.util.Objects.equals(row.consentAt(), stale.consentAt())) {
                remove(email);
            }
        }

        /** As the adapter's conditional write: the same identity, consent and state, or nothing. */
        @Override
        public boolean followLanguage(EmailAddress email, Subscription seen, Language language) {
            Subscription row = rows.get(email.value());
            if (row == null || !row.equals(seen)) {
                return false;
            }
            Subscriber known = byEmail.get(email.value());
            byEmail.put(email.value(), new Subscriber(known.email(), known.subscriberId(), language, known.subscribed()));
            return true;
        }

        @Override
        public void remove(EmailAddress email) {
            byEmail.remove(email.value());
            consentSources.remove(email.value());
            rows.remove(email.value());
        }

        @Override
        public void unsubscribe(EmailAddress email) {
            Subscriber known = byEmail.get(email.value());
            if (known != null) {
                byEmail.put(email.value(), new Subscriber(known.email(), known.subscriberId(), known.language(), false));
                Subscription row = rows.get(email.value());
                rows.put(email.value(), new Subscription(false, row.sub(), row.consentAt()));
            }
        }

        @Override
        public Optional<Subscriber> bySubscriberId(String subscriberId) {
            return byEmail.values().stream().filter(s -> s.subscriberId().equals(subscriberId)).findFirst();
        }

        /** The cursor is the last address of the previous page, as the adapter's. */
        @Override
        public Page subscribed(Language language, String cursor, int limit) {
            List<Subscriber> matching = byEmail.values().stream()
                    .filter(s -> s.subscribed() && s.language() == language)
                    .filter(s -> cursor == null || s.email().value().compareTo(cursor) > 0)
                    .toList();
            List<Subscriber> page = matching.subList(0, Math.min(limit, matching.size()));
            String next = matching.size() > limit ? page.get(page.size() - 1).email().value() : null;
            return new Page(page, next);
        }

        String consentSource(String email) {
            return consentSources.get(email);
        }

        Subscriber subscriber(String email) {
            return byEmail.get(email);
        }
    }

    /** CampaignsTable: status changes and page counts are conditional, counters add up. */
    static final class CampaignTable implements Campaigns {

        static final class Row {
            final Content content;
            CampaignStatus status;
            long recipients;
            long pending;
            long sent;
            long failed;
            long suppressed;
            int pagesDone;
            boolean pagingDone;
            Instant sentAt;

            Row(Content content, CampaignStatus status) {
                this.content = content;
                this.status = status;
            }
        }

        final Map<String, Row> rows = new HashMap<>();
        int reads;

        @Override
        public boolean create(Content content, CampaignStatus status, String createdBy, Instant at) {
            if (rows.containsKey(content.campaignId())) {
                return false;
            }
            Row row = new Row(content, status);
            if (content.test()) {
                row.recipients = content.testRecipients().size();
                row.pending = row.recipients;
                row.pagesDone = 1;
                row.pagingDone = true;
            }
            rows.put(content.campaignId(), row);
            return true;
        }

        @Override
        public boolean changeStatus(String campaignId, Set<CampaignStatus> from, CampaignStatus to) {
            Row row = rows.get(campaignId);
            if (row == null || !from.contains(row.status)) {
                return false;
            }
            row.status = to;
            return true;
        }

        @Override
        public Optional<Campaign> find(String campaignId) {
            reads++;
            Row row = rows.get(campaignId);
            return row == null ? Optional.empty() : Optional.of(new Campaign(row.content, row.status, row.recipients,
                    row.sent, row.failed, row.suppressed));
        }

        @Override
        public boolean countPage(String campaignId, int page, int recipients, boolean last) {
            Row row = rows.get(campaignId);
            if (row == null || row.pagesDone != page) {
                return false;
            }
            row.pagesDone = page + 1;
            row.pagingDone = last;
            row.recipients += recipients;
            row.pending += recipients;
            return true;
        }

        @Override
        public boolean finishIfDone(String campaignId, Set<CampaignStatus> from, CampaignStatus to, Instant at) {
            Row row = rows.get(campaignId);
            if (row == null || !row.pagingDone || row.pending > 0 || !from.contains(row.status)) {
                return false;
            }
            row.status = to;
            row.sentAt = at;
            return true;
        }

        /** The other half of {@link DeliveryTable#record}'s transaction. */
        void count(String campaignId, Deliveries.Outcome outcome) {
            Row row = rows.get(campaignId);
            switch (outcome) {
                case SENT -> row.sent++;
                case FAILED -> row.failed++;
                case SUPPRESSED -> row.suppressed++;
            }
            row.pending--;
        }

        Row row(String campaignId) {
            return rows.get(campaignId);
        }
    }

    /** DeliveriesTable: the exactly-once claim, as the adapter's conditional writes make it. */
    static final class DeliveryTable implements Deliveries {

        record Item(String state, Instant claimedAt, int attempts, String reason) {
        }

        final Map<String, Item> items = new HashMap<>();
        private final CampaignTable campaigns;

        DeliveryTable(CampaignTable campaigns) {
            this.campaigns = campaigns;
        }

        @Override
        public Claim claim(String campaignId, String email, Instant now, Duration lease) {
            Item item = items.get(campaignId + "|" + email);
            if (item == null || item.state().equals("retry")) {
                items.put(campaignId + "|" + email, new Item("claimed", now, item == null ? 1 : item.attempts() + 1, null));
                return Claim.CLAIMED;
            }
            if (!item.state().equals("claimed")) {
                return Claim.DONE;
            }
            return item.claimedAt().isBefore(now.minus(lease)) ? Claim.ABANDONED : Claim.HELD;
        }

        @Override
        public void record(String campaignId, String email, Outcome outcome, String reason, Instant at) {
            Item item = items.get(campaignId + "|" + email);
            if (item == null || !item.state().equals("claimed")) {
                return; // recorded (and counted) by another attempt
            }
            items.put(campaignId + "|" + email, new Item(outcome.name().toLowerCase(), item.claimedAt(), item.attempts(), reason));
            campaigns.count(campaignId, outcome);
        }

        @Override
        public void release(String campaignId, String email) {
            Item item = items.get(campaignId + "|" + email);
            if (item != null && item.state().equals("claimed")) {
                items.put(campaignId + "|" + email, new Item("retry", item.claimedAt(), item.attempts(), null));
            }
        }

        Item item(String campaignId, String email) {
            return items.get(campaignId + "|" + email);
        }
    }

    static final class SuppressionList implements Suppressions {
        final Map<String, String> reasons = new HashMap<>();
        RuntimeException failure;

        @Override
        public boolean isSuppressed(String email) {
            if (failure != null) {
                RuntimeException thrown = failure;
                failure = null;
                throw thrown;
            }
            return reasons.containsKey(email);
        }

        @Override
        public void suppress(String email, String reason, String feedbackId) {
            reasons.putIfAbsent(email, reason);
        }
    }

    static final class Queues implements CampaignQueues {
        record Retry(String receiptHandle, Duration delay) {
        }

        final List<PageJob> pages = new ArrayList<>();
        final List<SendJob> sends = new ArrayList<>();
        final List<Retry> retries = new ArrayList<>();

        @Override
        public void enqueuePage(PageJob job) {
            pages.add(job);
        }

        @Override
        public void enqueueSends(List<SendJob> jobs) {
            sends.addAll(jobs);
        }

        @Override
        public void retrySendLater(String receiptHandle, Duration delay) {
            retries.add(new Retry(receiptHandle, delay));
        }
    }

    /** SES: what it accepted, and the failures it is told to answer next. */
    static final class Ses implements NewsletterSender {
        record Sent(String to, String mime) {
        }

        final List<Sent> sent = new ArrayList<>();
        final Deque<SendFailure> failures = new ArrayDeque<>();
        int calls;

        @Override
        public void send(String to, byte[] mime) {
            calls++;
            SendFailure failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            sent.add(new Sent(to, new String(mime, java.nio.charset.StandardCharsets.UTF_8)));
        }

        List<String> recipients() {
            return sent.stream().map(Sent::to).toList();
        }
    }

    /** The user pool's marketing group: the addresses of its verified accounts. */
    static final class Team implements MarketingTeam {
        final Set<String> verified = new HashSet<>(Set.of("marketing@portal.example", "colleague@portal.example"));
        int reads;

        @Override
        public Set<String> verifiedAddresses() {
            reads++;
            return Set.copyOf(verified);
        }
    }

    /** The rate-limit table's window counters (conditional ADD: never past the limit). */
    static final class Counters implements org.multimedia.core.WindowCounters {
        final Map<String, Integer> counts = new HashMap<>();

        @Override
        public boolean tryIncrement(String key, int max, Instant forgetAfter) {
            int count = counts.getOrDefault(key, 0);
            if (count >= max) {
                return false;
            }
            counts.put(key, count + 1);
            return true;
        }

        @Override
        public void decrement(String key) {
            counts.computeIfPresent(key, (k, count) -> Math.max(0, count - 1));
        }

        @Override
        public void reset(String key) {
            counts.remove(key);
        }
    }

    /**
     * The user pool as {@link Accounts} sees it: an identity per address, each with its own sub.
     * {@link #deleteDirectly} is Cognito's own DeleteUser (a stolen access token): the identity
     * goes, and nothing of ours hears about it.
     */
    static final class UserPool implements Accounts {
        final Map<String, Account> identities = new HashMap<>();
        /** Thrown by the next look-up (Cognito unreachable), once. */
        RuntimeException failure;
        private int subs;

        @Override
        public Optional<Account> find(EmailAddress email) {
            if (failure != null) {
                RuntimeException thrown = failure;
                failure = null;
                throw thrown;
            }
            return Optional.ofNullable(identities.get(email.value()));
        }

        /** A new identity (new sub) at the address, confirmed or not, created at {@code at}. */
        Account signUp(String email, boolean confirmed, Language language, Instant at) {
            Account account = new Account(EmailAddress.parse(email), confirmed, language, at, "sub-" + (++subs) + "-" + email);
            identities.put(email, account);
            return account;
        }

        void deleteDirectly(String email) {
            identities.remove(email);
        }

        Account of(String email) {
            return identities.get(email);
        }
    }

    /** The campaign services wired to fakes; pages of two subscribers, no pacing to speak of. */
    static final class World {
        final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
        final UserPool pool = new UserPool();
        final MailingListTable list = new MailingListTable(clock);
        final CampaignTable campaigns = new CampaignTable();
        final DeliveryTable deliveries = new DeliveryTable(campaigns);
        final SuppressionList suppressions = new SuppressionList();
        final Queues queues = new Queues();
        final Ses ses = new Ses();
        final CampaignSettings settings = new CampaignSettings("page-queue", "send-queue", 2, 1_000_000, 60);
        final UnsubscribeLinks links = new UnsubscribeLinks(HmacKeys.of("test-key"), new ApiSettings("https://api.example.org"));
        final SecureRandom random = new SecureRandom();
        final Team team = new Team();
        final Counters counters = new Counters();
        /** Tests may go to the team and to the operator's listed address (MarketingTestRecipients). */
        final TestSends testSends = new TestSends(team, counters, new TestSendSettings(" Tester@Example.com ,seed@inbox.example", 10), clock);
        final CampaignService service = new CampaignService(campaigns, queues, () -> testSends, clock);
        final CampaignPager pager = new CampaignPager(service, list, queues, settings);
        final NewsletterMessages messages = new NewsletterMessages(new MailTemplates(),
                new WebsiteSettings("https://portal.example"), new NewsletterSenderSettings("news@portal.example", null),
                clock, links, random);
        final SendPacer pacer = new SendPacer(settings, random);
        final CampaignDelivery delivery = new CampaignDelivery(service, deliveries, list, pool, suppressions, messages, ses,
                pacer, queues, settings, clock);

        /** A confirmed identity at the address (created an hour ago) that subscribed from its account page. */
        void subscribe(String email, Language language) {
            Account identity = pool.signUp(email, true, language, clock.instant().minus(Duration.ofHours(1)));
            list.subscribe(EmailAddress.parse(email), identity.sub(), language, MailingList.ACCOUNT_PAGE);
        }

        /** Runs every queued page job, then leaves the send jobs queued. */
        void page() {
            while (!queues.pages.isEmpty()) {
                pager.page(queues.pages.remove(0));
            }
        }

        /** Delivers every queued send job once, as a first delivery. */
        void deliverAll() {
            List<SendJob> jobs = new ArrayList<>(queues.sends);
            queues.sends.clear();
            for (SendJob job : jobs) {
                delivery.deliver(job, "receipt-" + job.email(), 1);
            }
        }

        Set<String> distinctRecipients() {
            return new HashSet<>(ses.recipients());
        }
    }
}
