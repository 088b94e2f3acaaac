package org.multimedia.newsletter;

import org.multimedia.mail.SuppressedAddresses;

/**
 * Addresses no newsletter (and no account mail: {@link SuppressedAddresses}) is sent to any more:
 * they bounced permanently or their owner complained (marked the mail as spam). Campaigns check
 * it before each send; the bounce handler adds to it.
 */
public interface Suppressions extends SuppressedAddresses {

    String BOUNCE = "bounce";
    String COMPLAINT = "complaint";

    /** Idempotent: the first reason and time stay. */
    void suppress(String email, String reason, String feedbackId);
}
