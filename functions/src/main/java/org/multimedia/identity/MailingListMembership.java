package org.multimedia.identity;

/**
 * An account's place on the newsletter's mailing list, as the account feature needs it: sign-up's
 * "subscribe me", the flag {@code GET /account/me} shows, and forgetting the address with the
 * account. The newsletter owns the list ({@code newsletter/MailingList} extends this port), so
 * accounts reach it through here and never import the newsletter.
 */
public interface MailingListMembership {

    /** Consent source: the sign-up form's "subscribe me". */
    String SIGN_UP = "sign_up";

    /**
     * Subscribes the address (idempotent), recording the consent (time, source, language) when it
     * was not subscribed; an address already subscribed keeps its first consent.
     */
    void subscribe(EmailAddress email, Language language, String consentSource);

    boolean isSubscribed(EmailAddress email);

    /** Forgets the address entirely (account deletion). */
    void remove(EmailAddress email);
}
