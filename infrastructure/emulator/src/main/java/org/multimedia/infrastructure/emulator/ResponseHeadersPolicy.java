package org.multimedia.infrastructure.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers a CloudFront response headers policy ({@code AWS::CloudFront::ResponseHeadersPolicy})
 * adds to every answer, named and written as CloudFront writes them, from the resolved
 * {@code ResponseHeadersPolicyConfig}: the security headers ({@code SecurityHeadersConfig}), the
 * custom headers ({@code CustomHeadersConfig}) and the headers it removes
 * ({@code RemoveHeadersConfig}). A header with {@code override} false leaves the origin's own
 * header of that name alone; with true it replaces it. CORS and Server-Timing settings are not
 * emulated (the local gateway has its own CORS, from the HttpApi).
 */
public final class ResponseHeadersPolicy {

    /** One header CloudFront adds. */
    public record Header(String name, String value, boolean override) {
    }

    private final List<Header> headers;
    private final List<String> removed;

    private ResponseHeadersPolicy(List<Header> headers, List<String> removed) {
        this.headers = Collections.unmodifiableList(headers);
        this.removed = Collections.unmodifiableList(removed);
    }

    /** From a resolved {@code ResponseHeadersPolicyConfig} (no intrinsic left in it). */
    public static ResponseHeadersPolicy of(Map<String, Object> config) {
        List<Header> headers = new ArrayList<>();
        Map<String, Object> security = map(config.get("SecurityHeadersConfig"));
        Map<String, Object> csp = map(security.get("ContentSecurityPolicy"));
        if (!csp.isEmpty()) {
            headers.add(new Header("Content-Security-Policy", string(csp, "ContentSecurityPolicy"), override(csp)));
        }
        Map<String, Object> contentType = map(security.get("ContentTypeOptions"));
        if (!contentType.isEmpty()) {
            headers.add(new Header("X-Content-Type-Options", "nosniff", override(contentType)));
        }
        Map<String, Object> frame = map(security.get("FrameOptions"));
        if (!frame.isEmpty()) {
            headers.add(new Header("X-Frame-Options", string(frame, "FrameOption").toUpperCase(Locale.ROOT),
                    override(frame)));
        }
        Map<String, Object> referrer = map(security.get("ReferrerPolicy"));
        if (!referrer.isEmpty()) {
            headers.add(new Header("Referrer-Policy", string(referrer, "ReferrerPolicy"), override(referrer)));
        }
        Map<String, Object> hsts = map(security.get("StrictTransportSecurity"));
        if (!hsts.isEmpty()) {
            String value = "max-age=" + string(hsts, "AccessControlMaxAgeSec")
                    + (truth(hsts.get("IncludeSubdomains")) ? "; includeSubDomains" : "")
                    + (truth(hsts.get("Preload")) ? "; preload" : "");
            headers.add(new Header("Strict-Transport-Security", value, override(hsts)));
        }
        Map<String, Object> xss = map(security.get("XSSProtection"));
        if (!xss.isEmpty()) {
            String value = !truth(xss.get("Protection")) ? "0"
                    : truth(xss.get("ModeBlock")) ? "1; mode=block"
                    : xss.get("ReportUri") != null ? "1; report=" + xss.get("ReportUri")
                    : "1";
            headers.add(new Header("X-XSS-Protection", value, override(xss)));
        }
        for (Object item : list(map(config.get("CustomHeadersConfig")).get("Items"))) {
            Map<String, Object> custom = map(item);
            headers.add(new Header(string(custom, "Header"), string(custom, "Value"), override(custom)));
        }
        List<String> removed = new ArrayList<>();
        for (Object item : list(map(config.get("RemoveHeadersConfig")).get("Items"))) {
            removed.add(string(map(item), "Header"));
        }
        return new ResponseHeadersPolicy(headers, removed);
    }

    /** The headers added, in the order above (security headers, then custom ones). */
    public List<Header> headers() {
        return headers;
    }

    /** The origin's headers CloudFront removes. */
    public List<String> removed() {
        return removed;
    }

    private static boolean override(Map<String, Object> setting) {
        Object value = setting.get("Override");
        if (value == null) {
            throw new IllegalArgumentException("A response headers policy setting needs Override: " + setting);
        }
        return truth(value);
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("A response headers policy setting needs " + key + ": " + map);
        }
        return String.valueOf(value);
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
