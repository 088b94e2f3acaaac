package org.multimedia.newsletter;

import io.micronaut.serde.annotation.Serdeable;

/** {@code PUT}/{@code DELETE /newsletter/subscription}, and a one-click unsubscribe. */
@Serdeable
public record SubscriptionState(boolean subscribed) {
}
