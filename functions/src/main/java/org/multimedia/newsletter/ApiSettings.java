package org.multimedia.newsletter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code API_URL}: the public base URL of this HTTP API, for the unsubscribe links in newsletters
 * (set on the campaign send worker only, the one function that builds them: a route function cannot
 * reference the HttpApi it is a route of).
 */
@ConfigurationProperties("api")
public record ApiSettings(@Bindable(defaultValue = "http://localhost:3000") String url) {
}
