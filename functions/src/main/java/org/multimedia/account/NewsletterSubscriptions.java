package org.multimedia.account;

/** The newsletter list, as far as accounts need it. */
public interface NewsletterSubscriptions {

    /** Subscribes the address (idempotent). */
    void subscribe(EmailAddress email, Language language, String source);

    boolean isSubscribed(EmailAddress email);

    /** Forgets the address entirely (account deletion). */
    void remove(EmailAddress email);
}
