package org.multimedia.mail;

import java.util.Map;

/**
 * The values every email may show about the portal: {@code website} (its address) and its pages
 * as links that work on the static site as it is hosted: the website's hash routes
 * ({@code /#/...}), since the site has no server-side routes and the distribution answers a
 * missing path with a 403/404, not with the page.
 */
public final class PortalLinks {

    private PortalLinks() {
    }

    /** {@code website} and {@code resetUrl} (the "forgot password" page, {@code #/reset}). */
    public static Map<String, String> of(WebsiteSettings website) {
        String url = website.url();
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return Map.of("website", base, "resetUrl", base + "/#/reset");
    }
}
