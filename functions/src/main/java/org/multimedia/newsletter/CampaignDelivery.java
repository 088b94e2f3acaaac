package org.multimedia.newsletter;

import jakarta.inject.Singleton;
import org.multimedia.identity.Account;
import org.multimedia.identity.Accounts;
import org.multimedia.identity.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The send worker's one job: mail one recipient one campaign, exactly once.
 *
 * <p>Every path from the claim on ends in one recorded outcome (sent, failed, suppressed) or in a
 * released claim with the message failed for a retry:
 * <ol>
 *   <li>render first (no side effect; a template bug fails the message before anything is claimed);</li>
 *   <li>{@link Deliveries#claim}: a conditional write — only one attempt ever owns a (campaign, recipient);
 *       an outcome already recorded means nothing to do (redelivered message, re-run batch, re-posted campaign);</li>
 *   <li>suppressed or no longer subscribed → recorded {@code suppressed}, nothing sent; so is a
 *       subscription whose identity is gone, unconfirmed or another one now (Cognito's own DeleteUser
 *       skips our clean-up): recorded {@code suppressed} with the reason ({@code no_account},
 *       {@code not_confirmed}, {@code other_identity}), and the stale row forgotten;</li>
 *   <li>send: accepted → {@code sent}; throttled or SES unavailable → claim released, message failed and
 *       made visible again after a growing delay; refused → {@code failed}; no answer → {@code failed} "in_doubt".</li>
 * </ol>
 * The one loss accepted: the worker dies after step 2 and before the outcome of step 4 is recorded
 * (Lambda timeout, out of memory, crash). Whether SES took the email is then unknown, so it is
 * never sent again: the next delivery of the message finds the claim older than the lease
 * ({@link Deliveries.Claim#ABANDONED}) and records it {@code failed} (reason "in_doubt"), so it
 * is counted and visible, and the campaign still finishes. A duplicate is never the price.
 */
@Singleton
public class CampaignDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignDelivery.class);

    /** Thrown to leave a message in the queue for later (SQS retries it; then the DLQ). */
    public static final class RetryLater extends RuntimeException {
        RetryLater(String why) {
            super(why, null, false, false);
        }
    }

    private final CampaignService campaigns;
    private final Deliveries deliveries;
    private final MailingList list;
    private final Accounts accounts;
    private final Suppressions suppressions;
    private final NewsletterMessages messages;
    private final NewsletterSender sender;
    private final SendPacer pacer;
    private final CampaignQueues queues;
    private final CampaignSettings settings;
    private final Clock clock;

    public CampaignDelivery(CampaignService campaigns, Deliveries deliveries, MailingList list, Accounts accounts,
                            Suppressions suppressions, NewsletterMessages messages, NewsletterSender sender, SendPacer pacer, CampaignQueues queues,
                            CampaignSettings settings, Clock clock) {
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.list = list;
        this.accounts = accounts;
        this.suppressions = suppressions;
        this.messages = messages;
        this.sender = sender;
        this.pacer = pacer;
        this.queues = queues;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param receiptHandle the SQS message's (to delay its retry), or null
     * @param receiveCount  how many times SQS has handed it out (1 the first time)
     */
    public void deliver(SendJob job, String receiptHandle, int receiveCount) {
        byte[] mime = messages.render(campaigns.content(job.campaignId()), job);

        String id = job.campaignId();
        switch (deliveries.claim(id, job.email(), clock.instant(), Duration.ofSeconds(settings.claimLeaseSeconds()))) {
            case DONE -> {
                return;
            }
            case HELD -> throw new RetryLater("claim held by another attempt");
            case ABANDONED -> {
                record(id, job.email(), Deliveries.Outcome.FAILED, "in_doubt");
                return;
            }
            case CLAIMED -> {
                // ours: go on
            }
        }
        String skip;
        try {
            skip = suppressions.isSuppressed(job.email()) ? "suppressed_or_unsubscribed"
                    : job.test() ? null : notSubscribed(new EmailAddress(job.email()));
        } catch (RuntimeException e) {
            // Nothing was sent: give the claim back so the message's next delivery sends it
            // (kept, it would be found abandoned and counted failed: a newsletter lost to a blip).
            deliveries.release(id, job.email());
            throw e;
        }
        if (skip != null) {
            record(id, job.email(), Deliveries.Outcome.SUPPRESSED, skip);
            return;
        }
        pacer.awaitTurn();
        try {
            sender.send(job.email(), mime);
        } catch (SendFailure failure) {
            switch (failure.kind()) {
                case RETRYABLE -> {
                    deliveries.release(id, job.email());
                    if (receiptHandle != null) {
                        queues.retrySendLater(receiptHandle, pacer.backoff(receiveCount));
                    }
                    throw new RetryLater("SES " + failure.code());
                }
                case PERMANENT -> record(id, job.email(), Deliveries.Outcome.FAILED, failure.code());
                case IN_DOUBT -> record(id, job.email(), Deliveries.Outcome.FAILED, "in_doubt");
            }
            LOG.warn("Campaign {}: a send failed ({})", id, failure.code());
            return;
        }
        record(id, job.email(), Deliveries.Outcome.SENT, "sent");
    }

    /**
     * Why the address is not to be mailed, or null when it is: its row must be subscribed AND
     * belong to the identity at the address now (it exists, is confirmed, and is the one that
     * subscribed). A subscription whose identity was deleted with Cognito's own DeleteUser (a
     * stolen access token skips our clean-up) or replaced by a later sign-up is forgotten here,
     * as our own deletion would have done. A row from before subscriptions recorded the sub is
     * kept when its consent was given while the identity existed, and gets the identity's sub.
     */
    private String notSubscribed(EmailAddress email) {
        Optional<MailingList.Subscription> subscription = list.subscription(email);
        if (subscription.isEmpty() || !subscription.get().subscribed()) {
            return "suppressed_or_unsubscribed";
        }
        Optional<Account> identity = accounts.find(email);
        Optional<String> stale = subscription.get().notHeldBy(identity);
        if (stale.isPresent()) {
            list.forget(email, subscription.get());
            LOG.info("A stale subscription was ended ({})", stale.get());
            return stale.get();
        }
        if (subscription.get().sub() == null) {
            list.adopt(email, identity.get().sub(), subscription.get());
        }
        return null;
    }

    private void record(String campaignId, String email, Deliveries.Outcome outcome, String reason) {
        deliveries.record(campaignId, email, outcome, reason, clock.instant());
        campaigns.completeIfDone(campaignId);
    }
}
