package org.multimedia.newsletter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code API_URL}: the public base URL of the HTTP API (unsubscribe links point there).
 * (Shared design; the subscriptions part owns it — merge keeps theirs.)
 */
@ConfigurationProperties("api")
public record ApiSettings(@Bindable(defaultValue = "http://localhost:3000") String url) {
}
