package org.multimedia.newsletter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code API_URL}: the public base URL the API's routes are reached at, for the unsubscribe links
 * in newsletters: the portal's address (its distribution forwards {@code /newsletter/*} to the API
 * with the origin secret; the API's own address refuses everyone). Set on the campaign send worker
 * only, the one function that builds them: a route function cannot reference the distribution.
 */
@ConfigurationProperties("api")
public record ApiSettings(@Bindable(defaultValue = "http://localhost:3000") String url) {
}
