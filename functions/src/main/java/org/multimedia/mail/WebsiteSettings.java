package org.multimedia.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code WEBSITE_URL}: where links in emails point. */
@ConfigurationProperties("website")
public record WebsiteSettings(@Bindable(defaultValue = "http://localhost:3000") String url) {
}
