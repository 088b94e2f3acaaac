package org.multimedia.mail;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code WEBSITE_URL}: the portal's address (template.yaml: the WebsiteUrl parameter, else the
 * portal's own domain or distribution), where links in emails point. Only the workers that render
 * email have it: the API functions queue messages without it, and the mail worker adds it
 * ({@link MailDelivery}, with {@link PortalLinks}).
 */
@ConfigurationProperties("website")
public record WebsiteSettings(String url) {
}
