package org.multimedia.mail;

/**
 * Addresses no mail is sent to any more, account mail included: they bounced permanently or their
 * owner complained (marked our mail as spam). Filled by the newsletter's bounce and complaint
 * feedback (the suppression list); mailing such an address again hurts the sender's reputation,
 * and SES pauses an account whose bounce or complaint rate stays high. An operator takes an
 * address off the list when its owner asks (README, "Security choices").
 */
public interface SuppressedAddresses {

    /** {@code email} as {@code identity/EmailAddress} normalises it. */
    boolean isSuppressed(String email);
}
