package org.multimedia.newsletter;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The list, as campaigns read it.
 * (Port of the shared design; the subscriptions part owns it — this copy has exactly its signatures.)
 */
public interface Subscribers {
    record Subscriber(String email, String subscriberId, String language) {}
    record Page(List<Subscriber> subscribers, @Nullable String nextCursor) {}
    /** Subscribed addresses of one language ("en" or "fr"), a page at a time (sparse GSI `subscribed`). */
    Page subscribed(String language, @Nullable String cursor, int limit);
    boolean isSubscribed(String email);   // checked again just before each send
}
