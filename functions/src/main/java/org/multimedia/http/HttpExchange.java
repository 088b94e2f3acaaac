package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that turns API Gateway events into requests and results or failures into
 * responses: first the origin secret ({@link OriginSecrets}: the request came through the
 * portal's CloudFront distribution), then the caller resolved by the route's access rule
 * ({@link Callers}) before the handler runs, then status, JSON body
 * {@code {"error","message",...}}, headers ({@code Cache-Control} included).
 */
@Singleton
public class HttpExchange {

    private static final Logger LOG = LoggerFactory.getLogger(HttpExchange.class);

    /** What priming presents and accepts: the check's code runs, no secret is read (see {@link #prime}). */
    static final String PRIMING_ORIGIN = "priming";
    private static final OriginSecrets PRIMING = OriginSecrets.of(PRIMING_ORIGIN);

    private final JsonMapper json;
    private final Callers callers;
    private final OriginSecrets origin;

    public HttpExchange(JsonMapper json, Callers callers, OriginSecrets origin) {
        this.json = json;
        this.callers = callers;
        this.origin = origin;
    }

    /**
     * A request to a route under the route's rule: refused before the handler runs (403 without
     * the origin secret, then 401/403 by the rule), or handled for its caller.
     */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Access access, Function<ApiRequest, ApiResponse> handler) {
        return handle(event, access, AccessRules.DEFAULT_BODY_CAP, handler);
    }

    /**
     * As above, for a route whose body may hold up to {@code maxBodyBytes} (its row of
     * {@link AccessRules}): a larger body is {@code 413 payload_too_large} before anything else
     * runs, the origin check and the caller's session look-up included (no AWS call).
     */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Access access, int maxBodyBytes,
                                           Function<ApiRequest, ApiResponse> handler) {
        return exchange(event, access, maxBodyBytes, handler, origin);
    }

    /**
     * Before a snapshot only (the priming event never comes from outside: {@link ApiHandler}
     * tells it by identity): as {@link #handle} on a public route, the origin check included but
     * against a fixed value, so that its code is warm and no secret is read or kept.
     */
    APIGatewayV2HTTPResponse prime(APIGatewayV2HTTPEvent event, Function<ApiRequest, ApiResponse> handler) {
        return exchange(event, Access.PUBLIC, AccessRules.DEFAULT_BODY_CAP, handler, PRIMING);
    }

    private APIGatewayV2HTTPResponse exchange(APIGatewayV2HTTPEvent event, Access access, int maxBodyBytes,
                                              Function<ApiRequest, ApiResponse> handler, OriginSecrets origin) {
        try {
            byte[] body = ApiRequest.rawBody(event);
            if (body.length > maxBodyBytes) {
                throw tooLarge(maxBodyBytes);
            }
            checkOrigin(event, origin);
            ApiResponse response = handler.apply(new ApiRequest(event, body, json, callers.resolve(event, access)));
            Map<String, String> headers = response.publicFor() != null && response.status() == 200
                    ? Map.of("Cache-Control", "public, max-age=" + response.publicFor().toSeconds())
                    : Map.of();
            return respond(response.status(), response.body(), headers);
        } catch (DomainException e) {
            return failure(e);
        } catch (RuntimeException e) {
            // The request body is never logged: it may hold a password or a code.
            LOG.error("Unhandled error on {}", event.getRouteKey(), e);
            return respond(500, errorBody("internal_error", "Something went wrong on our side. Please try again."), Map.of());
        }
    }

    /**
     * Refuses a request that did not come through the portal's distribution. Without the header
     * nothing is read (no AWS call); with one, its value is compared in constant time.
     */
    private static void checkOrigin(APIGatewayV2HTTPEvent event, OriginSecrets origin) {
        String presented = ApiRequest.header(event, OriginSecrets.HEADER);
        if (presented == null || presented.isEmpty() || !origin.accepts(presented)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden",
                    "This API answers only through the portal's own address.");
        }
    }

    /** {@code 413}: the route's cap in the body ({@code maxBytes}), so a client can tell what fits. */
    private static DomainException tooLarge(int maxBodyBytes) {
        return new DomainException(DomainException.Kind.PAYLOAD_TOO_LARGE, "payload_too_large",
                "The request body is larger than this route accepts (" + maxBodyBytes / 1024 + " KB).",
                Map.of("maxBytes", maxBodyBytes), null);
    }

    /** Before a snapshot: the caller check of a route under this rule (see {@link Callers#prime}). */
    void primeCallers(Access access) {
        callers.prime(access);
    }

    private APIGatewayV2HTTPResponse failure(DomainException e) {
        Map<String, Object> body = errorBody(e.code(), e.getMessage());
        body.putAll(e.details());
        Map<String, String> headers = e.retryAfter() == null
                ? Map.of()
                : Map.of("Retry-After", Long.toString(e.retryAfter().toSeconds()));
        return respond(status(e.kind()), body, headers);
    }

    static int status(DomainException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case TOO_MANY_REQUESTS -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    private static Map<String, Object> errorBody(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    private APIGatewayV2HTTPResponse respond(int status, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        // Answers carry codes, tokens and account data: never cache them anywhere, unless the
        // handler said the answer is public (the catalogue, cached at the edge: ApiResponse#cacheFor).
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        var response = APIGatewayV2HTTPResponse.builder().withStatusCode(status);
        if (body instanceof ApiResponse.Html html) {
            headers.put("Content-Type", "text/html; charset=utf-8");
            // Pages carry a token in their URL: no referrer leaves them, no script runs in them,
            // no other site frames them, and their forms post only back here.
            headers.put("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put("X-Content-Type-Options", "nosniff");
            response.withBody(html.page());
        } else if (body instanceof ApiResponse.Attachment file) {
            headers.put("Content-Type", file.mediaType() + "; charset=utf-8");
            headers.put("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"");
            headers.put("X-Content-Type-Options", "nosniff");
            response.withBody(file.text());
        } else if (body != null) {
            headers.put("Content-Type", "application/json; charset=utf-8");
            response.withBody(toJson(body));
        }
        return response.withHeaders(headers).withIsBase64Encoded(false).build();
    }

    private String toJson(Object body) {
        try {
            return new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
