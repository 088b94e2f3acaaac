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

    /** Ends the subscription (idempotent); the subscriber id and the consent record stay. */
    void unsubscribe(EmailAddress email);

    /** The subscriber an unsubscribe link's id stands for. */
    Optional<Subscriber> bySubscriberId(String subscriberId);

    /** Subscribed addresses of one language, a page at a time (sparse GSI {@code subscribed}). */
    Page subscribed(Language language, @Nullable String cursor, int limit);
}
