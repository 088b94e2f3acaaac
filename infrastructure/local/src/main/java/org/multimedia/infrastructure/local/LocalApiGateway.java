package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import org.multimedia.infrastructure.emulator.JwtAuthorizer;
import org.multimedia.infrastructure.emulator.Route;

/**
 * API Gateway (HTTP API, payload 2.0) on the JDK HTTP server: the routes, JWT authorizers and CORS
 * of template.yaml; a request no route takes goes to the dev routes ({@link DevRoutes}), then to
 * the website ({@link WebsiteFiles}). The event is built by {@link PayloadV2Events}; the function
 * is invoked in {@link #invoke}.
 */
final class LocalApiGateway implements HttpHandler {

    private static final String INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}";
    private static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";
    private static final String UNAUTHORIZED = "{\"error\":\"unauthorized\",\"message\":\"Sign in to continue.\"}";

    private final RouteTable routes;
    private final Function<String, Optional<JwtAuthorizer>> authorizers;
    private final LocalFunctions functions;
    private final JwtAuthorizerEmulation jwt;
    private final GatewayResponses responses;
    private final DevRoutes dev;
    private final WebsiteFiles website;

    /** authorizers: the HttpApi's JWT authorizer of each name a route gives. */
    LocalApiGateway(List<Route> routes, Function<String, Optional<JwtAuthorizer>> authorizers, LocalFunctions functions,
                    JwtAuthorizerEmulation jwt, GatewayResponses responses, DevRoutes dev, WebsiteFiles website) {
        this.routes = new RouteTable(routes);
        this.authorizers = authorizers;
        this.functions = functions;
        this.jwt = jwt;
        this.responses = responses;
        this.dev = dev;
        this.website = website;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            String origin = exchange.getRequestHeaders().getFirst("Origin");

            if (method.equals("OPTIONS") && responses.cors().enabled()
                    && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")
                    && routes.match("OPTIONS", path).filter(m -> !m.route().method().equals("ANY")).isEmpty()) {
                responses.preflight(exchange, origin);
                return;
            }
            Optional<RouteTable.Match> match = routes.match(method, path);
            if (match.isPresent()) {
                route(exchange, match.get(), origin);
            } else if (dev.handle(exchange, method, path, origin)) {
                return;
            } else if (method.equals("GET") || method.equals("HEAD")) {
                website.serve(exchange, path, origin);
            } else {
                responses.json(exchange, 404, GatewayResponses.NOT_FOUND, origin);
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("Local API gateway failed on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI());
            e.printStackTrace();
            throw e;
        }
    }

    /** The route's authorizer (if any), then the function. */
    private void route(HttpExchange exchange, RouteTable.Match match, String origin) throws IOException {
        Route route = match.route();
        JwtAuthorizerEmulation.Authorized authorized = null;
        if (route.authorizerName() != null) {
            Optional<JwtAuthorizer> authorizer = authorizers.apply(route.authorizerName());
            if (authorizer.isEmpty()) {
                System.err.println("Route " + route.routeKey() + " names authorizer " + route.authorizerName()
                        + " that the HttpApi does not declare");
                responses.json(exchange, 500, INTERNAL_ERROR, origin);
                return;
            }
            JwtAuthorizerEmulation.Decision decision = jwt.authorize(authorizer.get(), route.authorizationScopes(),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            if (decision instanceof JwtAuthorizerEmulation.Refused refused) {
                if (refused.wwwAuthenticate() != null) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", refused.wwwAuthenticate());
                }
                // 403: API Gateway's own body (the token is valid, it lacks the route's scope)
                responses.json(exchange, refused.status(), refused.status() == 403 ? FORBIDDEN : UNAUTHORIZED, origin);
                return;
            }
            authorized = (JwtAuthorizerEmulation.Authorized) decision;
        }
        APIGatewayV2HTTPEvent event = PayloadV2Events.of(exchange, match, authorized);
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse response = invoke(route, event);
        if (response == null || response.getStatusCode() < 100) {
            responses.json(exchange, 500, INTERNAL_ERROR, origin);
            return;
        }
        // As the stage's access log (template.yaml AccessLogSettings): one JSON line, no path, query or header.
        System.out.printf("{\"requestId\":\"%s\",\"routeKey\":\"%s\",\"status\":\"%d\",\"latencyMs\":\"%d\"}%n",
                event.getRequestContext().getRequestId(), route.routeKey(), response.getStatusCode(), (System.nanoTime() - start) / 1_000_000);
        writeResponse(exchange, response, origin);
    }

    /**
     * The one place a routed function is invoked: its answer, or null when it failed or gave no
     * valid response (the caller then answers 500, as API Gateway does).
     */
    private APIGatewayV2HTTPResponse invoke(Route route, APIGatewayV2HTTPEvent event) {
        try {
            APIGatewayV2HTTPResponse response = functions.invoke(route, event);
            if (response == null || response.getStatusCode() < 100) {
                System.err.println(route.functionLogicalId() + " returned no valid response on " + route.routeKey());
            }
            return response;
        } catch (RuntimeException | Error e) {
            System.err.println(route.functionLogicalId() + " failed on " + route.routeKey()
                    + " (request " + event.getRequestContext().getRequestId() + "):");
            e.printStackTrace();
            return null;
        } finally {
            dev.invocationFinished();
        }
    }

    private void writeResponse(HttpExchange exchange, APIGatewayV2HTTPResponse response, String origin) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(out::set);
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> out.add("Set-Cookie", c));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        if (!out.containsKey("Content-Type") && bytes.length > 0) {
            out.set("Content-Type", "application/json");
        }
        responses.send(exchange, response.getStatusCode(), null, bytes, origin);
    }
}
