package org.multimedia.newsletter;

import io.micronaut.serde.annotation.Serdeable;

/** The answer of {@code PUT}/{@code DELETE /newsletter/subscription} and of a one-click unsubscribe. */
@Serdeable
public record Subscribed(boolean subscribed) {
}
