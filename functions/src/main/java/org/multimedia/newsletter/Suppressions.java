package org.multimedia.newsletter;

/**
 * Addresses no newsletter is sent to any more: they bounced permanently or their owner
 * complained (marked the mail as spam). Campaigns check it before each send.
 */
public interface Suppressions {

    String BOUNCE = "bounce";
    String COMPLAINT = "complaint";

    boolean isSuppressed(String email);

    /** Idempotent: the first reason and time stay. */
    void suppress(String email, String reason, String feedbackId);
}
