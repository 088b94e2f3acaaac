package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.multimedia.core.DomainException;
import org.multimedia.identity.LiveUser;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler may read of an API Gateway (payload 2.0) request: the body bound to a
 * {@code @Serdeable} record, path and query parameters, the client's address, and the caller
 * its route's access rule admitted ({@link #user()}); never the token itself.
 */
public final class ApiRequest {

    private final APIGatewayV2HTTPEvent event;
    /** The body's bytes, already held to the route's cap ({@link HttpExchange}) before this request was made. */
    private final byte[] body;
    private final JsonMapper json;
    private final Optional<LiveUser> caller;

    ApiRequest(APIGatewayV2HTTPEvent event, byte[] body, JsonMapper json, Optional<LiveUser> caller) {
        this.event = event;
        this.body = body;
        this.json = json;
        this.caller = caller;
    }

    /**
     * The body bound to a request record. Fields the record does not declare are ignored; a
     * missing required field (one not marked {@code @Nullable}) or a field of the wrong type is
     * {@code 400 invalid_request} naming the field ({@link RequestShape}), never a parser message.
     */
    public <T> T body(Class<T> type) {
        byte[] raw = body;
        if (raw.length == 0) {
            throw DomainException.invalidRequest("A JSON object is required as the request body.");
        }
        return bind(raw, type);
    }

    /** As {@link #body}, but an absent body reads as {@code {}} (every field of the record optional). */
    public <T> T optionalBody(Class<T> type) {
        byte[] raw = body;
        return bind(raw.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : raw, type);
    }

    private <T> T bind(byte[] raw, Class<T> type) {
        if (!oneJsonValue(raw)) {
            throw DomainException.invalidRequest("The request body is not valid JSON.");
        }
        JsonNode node;
        try {
            node = json.readValue(raw, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw DomainException.invalidRequest("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw DomainException.invalidRequest("A JSON object is required as the request body.");
        }
        RequestShape.check(type, node);
        try {
            return json.readValueFromTree(node, Argument.of(type));
        } catch (IOException e) {
            throw DomainException.invalidRequest("The request body does not have the expected fields.");
        }
    }



    private static final JsonFactory SYNTAX = new JsonFactory();

    /**
     * True when the body is one JSON value and nothing after it: the binder reads the first value
     * and would ignore {@code {"email":"a@b.co"}} followed by anything.
     */
    private static boolean oneJsonValue(byte[] raw) {
        try (JsonParser parser = SYNTAX.createParser(raw)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A field of an {@code application/x-www-form-urlencoded} body (an HTML form, RFC 8058's
     * one-click {@code List-Unsubscribe=One-Click}); empty when the body is not such a form or
     * lacks the field. The first value of a repeated name.
     */
    public Optional<String> formField(String name) {
        byte[] raw = body;
        if (raw.length == 0) {
            return Optional.empty();
        }
        for (String pair : new String(raw, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A parameter of the route's path ({@code /videos/{id}}); API Gateway only routes here with it. */
    public String pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw DomainException.invalidRequest("'" + name + "' is missing from the path.");
        }
        return value;
    }

    /** A query-string parameter, as API Gateway decoded it (repeated names are joined with commas). */
    public Optional<String> queryParameter(String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return Optional.ofNullable(parameters == null ? null : parameters.get(name));
    }

    /** A request header (the name in any case). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(header(event, name));
    }

    /** {@code 400 invalid_request} naming the first query parameter that is not one of {@code known}. */
    public void onlyQueryParameters(java.util.Set<String> known) {
        Map<String, String> parameters = event.getQueryStringParameters();
        if (parameters != null) {
            parameters.keySet().stream().filter(name -> !known.contains(name)).sorted().findFirst().ifPresent(name -> {
                throw DomainException.invalidRequest("'" + sanitized(name) + "' is not a parameter of this route.");
            });
        }
    }

    /** A caller's parameter name in a message: printable ASCII, at most 40 characters. */
    private static String sanitized(String name) {
        String printable = name.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /**
     * The viewer's address, for per-client limits and the download audit. Behind the portal's
     * distribution, API Gateway sees CloudFront's address: the viewer's is CloudFront's
     * {@code CloudFront-Viewer-Address} header ({@code IP:port}, an IPv6 address without
     * brackets), trustworthy because the request carried the origin secret ({@link OriginSecrets},
     * checked before any handler runs). Without that header (the local gateway), the address
     * API Gateway saw.
     */
    public String sourceIp() {
        String viewer = header(event, "CloudFront-Viewer-Address");
        if (viewer != null && !viewer.isBlank()) {
            String address = viewer.strip();
            int port = address.lastIndexOf(':');
            address = port > 0 ? address.substring(0, port) : address;
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            if (!address.isEmpty()) {
                return address;
            }
        }
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        return http == null || http.getSourceIp() == null ? "unknown" : http.getSourceIp();
    }

    /** A request header's value, its name compared case-insensitively (API Gateway lower-cases them; a test may not). */
    static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String exact = headers.get(name.toLowerCase(Locale.ROOT));
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /**
     * The caller, resolved by the route's rule before the handler ran ({@link Callers}): on every
     * route that is not public, a live session (and a group member where the rule says so).
     */
    public LiveUser user() {
        return caller.orElseThrow(() -> new IllegalStateException("A public route has no caller: see AccessRules"));
    }

    /**
     * On an optional-session route ({@link Access#OPTIONAL_SESSION}): the caller whose live bearer
     * token the request carried, or empty (no bearer, or one Cognito no longer accepts).
     */
    public Optional<LiveUser> optionalUser() {
        return caller;
    }

    /** The body's bytes as the client sent them (API Gateway base64-encodes what is not text). */
    static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalidRequest("The request body is not valid JSON.");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
