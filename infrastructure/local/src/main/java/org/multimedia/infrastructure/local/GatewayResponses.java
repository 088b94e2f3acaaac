package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import org.multimedia.infrastructure.emulator.Cors;
import org.multimedia.infrastructure.emulator.ResponseHeadersPolicy;

/**
 * Every answer of the local gateway (API, dev routes, website files) with the HttpApi's CORS
 * headers and the portal's response headers: the local gateway plays the CloudFront distribution
 * too, and adds what its response headers policy ({@code PortalHeadersPolicy} of template.yaml)
 * adds, as CloudFront does (a setting with {@code Override: false} keeps the origin's own header).
 */
final class GatewayResponses {

    static final String NOT_FOUND = "{\"message\":\"Not Found\"}";

    private final Cors cors;
    private final ResponseHeadersPolicy portalHeaders;

    /** portalHeaders: null when the template declares none (test templates): nothing added. */
    GatewayResponses(Cors cors, ResponseHeadersPolicy portalHeaders) {
        this.cors = cors;
        this.portalHeaders = portalHeaders;
    }

    Cors cors() {
        return cors;
    }

    void json(HttpExchange exchange, int status, String json, String origin) throws IOException {
        send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8), origin);
    }

    void send(HttpExchange exchange, int status, String contentType, byte[] body, String origin) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (contentType != null) {
            out.set("Content-Type", contentType);
        }
        if (cors.enabled() && cors.allowsOrigin(origin)) {
            out.set("Access-Control-Allow-Origin", allowOriginValue(origin));
            if (!cors.exposeHeaders().isEmpty()) {
                out.set("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
            }
            if (cors.allowCredentials()) {
                out.set("Access-Control-Allow-Credentials", "true");
            }
            out.add("Vary", "Origin");
        }
        addPortalHeaders(out);
        boolean noBody = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }

    /** The answer to a CORS preflight, as API Gateway gives it from the HttpApi's CorsConfiguration. */
    void preflight(HttpExchange exchange, String origin) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (cors.allowsOrigin(origin)) {
            String requested = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
            boolean methodAllowed = cors.allowMethods().contains("*")
                    || cors.allowMethods().stream().anyMatch(m -> m.equalsIgnoreCase(requested));
            if (methodAllowed) {
                out.set("Access-Control-Allow-Origin", allowOriginValue(origin));
                out.set("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
                if (!cors.allowHeaders().isEmpty()) {
                    out.set("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
                }
                if (cors.maxAge() != null) {
                    out.set("Access-Control-Max-Age", cors.maxAge().toString());
                }
                if (cors.allowCredentials()) {
                    out.set("Access-Control-Allow-Credentials", "true");
                }
            }
        }
        addPortalHeaders(out);
        exchange.sendResponseHeaders(204, -1);
    }

    /** What the response headers policy does to an answer on its way to the viewer. */
    private void addPortalHeaders(Headers out) {
        if (portalHeaders == null) {
            return;
        }
        portalHeaders.removed().forEach(out::remove);
        for (ResponseHeadersPolicy.Header header : portalHeaders.headers()) {
            if (header.override() || !out.containsKey(header.name())) {
                out.set(header.name(), header.value());
            }
        }
    }

    private String allowOriginValue(String origin) {
        return cors.allowOrigins().contains("*") && !cors.allowCredentials() ? "*" : origin;
    }
}
