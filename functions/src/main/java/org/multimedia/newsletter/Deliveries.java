package org.multimedia.newsletter;

import java.time.Duration;
import java.time.Instant;

/**
 * One item per (campaign, recipient) in DeliveriesTable: the exactly-once claim. A recipient is
 * mailed only by the one worker whose conditional write created the claim (or re-took a claim
 * released for a retry); every claim ends in exactly one recorded outcome, counted on the
 * campaign in the same transaction.
 */
public interface Deliveries {

    enum Claim {
        /** This worker owns the send now. */
        CLAIMED,
        /** An outcome is already recorded: nothing to do. */
        DONE,
        /** Another attempt holds the claim and may be sending right now: look again later. */
        HELD,
        /** A claim older than the lease: its worker died between claim and outcome (sent or not: unknown). */
        ABANDONED
    }

    enum Outcome { SENT, FAILED, SUPPRESSED }

    Claim claim(String campaignId, String email, Instant now, Duration lease);

    /**
     * claimed → outcome, and on the campaign {@code ADD <outcome> 1, pending -1}: one transaction,
     * conditional on the claim still being held, so an outcome is counted once.
     */
    void record(String campaignId, String email, Outcome outcome, String reason, Instant at);

    /** claimed → retry (throttled: the next delivery of the message may claim it again). */
    void release(String campaignId, String email);
}
