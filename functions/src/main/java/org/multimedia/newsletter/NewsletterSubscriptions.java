package org.multimedia.newsletter;

import org.multimedia.account.EmailAddress;
import org.multimedia.account.Language;

import java.util.Optional;

/**
 * The newsletter list, one item per address: whether it is subscribed, in which language, its
 * stable {@code subscriberId} (what unsubscribe links name, never the address) and the consent
 * it was given with. Accounts use it too: sign-up subscribes, {@code GET /account/me} reads it,
 * account deletion removes it.
 */
public interface NewsletterSubscriptions {

    /** Consent sources. */
    String SIGN_UP = "sign_up";
    String ACCOUNT_PAGE = "account_page";

    /** An address of the list as an unsubscribe link finds it. */
    record Subscription(EmailAddress email, boolean subscribed, Language language) {
    }

    /**
     * Subscribes the address (idempotent), recording the consent (time, source, language) when it
     * was not subscribed; an address already subscribed keeps its first consent.
     */
    void subscribe(EmailAddress email, Language language, String source);

    boolean isSubscribed(EmailAddress email);

    /** Ends the subscription (idempotent); the subscriber id and the consent record stay. */
    void unsubscribe(EmailAddress email);

    /** The address an unsubscribe link's subscriber id stands for. */
    Optional<Subscription> bySubscriberId(String subscriberId);

    /** Forgets the address entirely (account deletion). */
    void remove(EmailAddress email);
}
