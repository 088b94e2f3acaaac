package org.multimedia.newsletter;

import io.micronaut.core.annotation.Nullable;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.MailingListMembership;

import java.util.List;
import java.util.Optional;

/**
 * The mailing list (SubscriptionsTable), one entry per address: whether it is subscribed, in
 * which language, its stable {@code subscriberId} (what unsubscribe links name, never the
 * address) and the consent it was given with. A subscriber is an address on the list; accounts
 * use the part they need through {@link MailingListMembership}.
 */
public interface MailingList extends MailingListMembership {

    /** Consent source: the account page's "subscribe". */
    String ACCOUNT_PAGE = "account_page";

    /** An address on the list. */
    record Subscriber(EmailAddress email, String subscriberId, Language language, boolean subscribed) {
    }

    record Page(List<Subscriber> subscribers, @Nullable String nextCursor) {
    }

    /**
     * Records the identity on a row written before subscriptions recorded it, if the row is still
     * that one (no sub, the same consent time); otherwise nothing.
     */
    void adopt(EmailAddress email, String sub, Subscription legacy);

    /**
     * Forgets a stale subscription (its identity is gone or replaced), as deleting the account
     * through the API would have: only if the row is still that one (same sub, same consent time),
     * so that a fresh subscription of a new identity made meanwhile stays. Idempotent.
     */
    void forget(EmailAddress email, Subscription stale);

    /** Ends the subscription (idempotent); the subscriber id and the consent record stay. */
    void unsubscribe(EmailAddress email);

    /** The subscriber an unsubscribe link's id stands for. */
    Optional<Subscriber> bySubscriberId(String subscriberId);

    /** Subscribed addresses of one language, a page at a time (sparse GSI {@code subscribed}). */
    Page subscribed(Language language, @Nullable String cursor, int limit);
}
