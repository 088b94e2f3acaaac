package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import org.multimedia.infrastructure.emulator.Route;

/**
 * An HTTP request as API Gateway (HTTP API) hands it to a function: the payload format 2.0 event,
 * of a request that came through the portal's CloudFront distribution: the viewer's address in
 * {@code cloudfront-viewer-address} ({@code IP:port}, set here whatever the client sent, as
 * CloudFront does). The origin secret CloudFront adds is added where the function is invoked
 * ({@link LocalFunctions}, which reads it from the emulator).
 */
final class PayloadV2Events {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private PayloadV2Events() {
    }

    static APIGatewayV2HTTPEvent of(HttpExchange exchange, RouteTable.Match match, JwtAuthorizerEmulation.Authorized authorized)
            throws IOException {
        Route route = match.route();
        Headers requestHeaders = exchange.getRequestHeaders();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        requestHeaders.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        // As CloudFront forwards it (origin request policy AllViewerExceptHostHeader): the viewer's
        // address and port, never a value the client sent.
        headers.put("cloudfront-viewer-address", sourceIp + ":" + exchange.getRemoteAddress().getPort());
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));

        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(name, value, (a, b) -> a + "," + b);
            }
        }

        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean textual = textual(headers.get("content-type"));

        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        String host = headers.getOrDefault("host", "localhost");

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.setPath(exchange.getRequestURI().getRawPath());
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(sourceIp);
        http.setUserAgent(headers.get("user-agent"));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId("123456789012");
        context.setApiId("local");
        context.setDomainName(host);
        context.setDomainPrefix(host.split("[.:]")[0]);
        context.setHttp(http);
        context.setRequestId(requestId);
        context.setRouteKey(route.routeKey());
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        if (authorized != null) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT token = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            token.setClaims(authorized.claims());
            token.setScopes(authorized.scopes());
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(token);
            context.setAuthorizer(authorizer);
        }

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(route.routeKey());
        event.setRawPath(exchange.getRequestURI().getRawPath());
        event.setRawQueryString(rawQuery == null ? "" : rawQuery);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        if (body.length > 0) {
            event.setBody(textual ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(!textual);
        }
        event.setRequestContext(context);
        return event;
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static boolean textual(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
                || type.endsWith("+xml") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript") || type.equals("application/graphql");
    }
}
