package org.multimedia.mail;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Map;

/**
 * {@code WEBSITE_URL}: the portal's address (template.yaml: the WebsiteUrl parameter, else the
 * portal's own domain or distribution), where links in emails point. Only the workers that render
 * email have it: the API functions queue messages without it, and the mail worker adds it
 * ({@link MailDelivery}).
 */
@ConfigurationProperties("website")
public record WebsiteSettings(String url) {

    /**
     * The values every email may show: {@code website} (the portal's address) and its pages as
     * links that work on the static site as it is hosted (no server-side routes: the website's
     * hash routes, {@code /#/...}).
     */
    public Map<String, String> links() {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return Map.of("website", base, "resetUrl", base + "/#/reset");
    }
}
