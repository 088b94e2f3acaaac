package org.multimedia.infrastructure.local;

import org.multimedia.infrastructure.emulator.DevMailbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import org.multimedia.infrastructure.emulator.Cors;
import org.multimedia.infrastructure.emulator.JwtAuthorizer;
import org.multimedia.infrastructure.emulator.Route;
import org.multimedia.infrastructure.emulator.Stack;

/**
 * API Gateway (HTTP API, payload 2.0) on the JDK HTTP server: routes, JWT authorizers and CORS
 * from template.yaml, plus the local-only dev mailbox, dev group membership and reference page.
 */
final class LocalApiGateway implements HttpHandler {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    private static final String INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}";
    private static final String DEV_GROUPS = "/_dev/groups/";
    private static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";
    private static final String UNAUTHORIZED = "{\"error\":\"unauthorized\",\"message\":\"Sign in to continue.\"}";

    private final Stack stack;
    private final RouteTable routes;
    private final LocalFunctions functions;
    private final JwtAuthorizerEmulation jwt;
    private final DevMailbox mailbox;
    private final DevGroups groups;
    private final ExecutorService background;
    private final Cors cors;
    private final byte[] page;
    private final Path website;

    LocalApiGateway(Stack stack, LocalFunctions functions, JwtAuthorizerEmulation jwt, DevMailbox mailbox,
                    DevGroups groups, ExecutorService background) {
        this(stack, functions, jwt, mailbox, groups, background, null);
    }

    /** website: the portal's static files (infrastructure/website), served at / ; the developer page moves to /dev.html. */
    LocalApiGateway(Stack stack, LocalFunctions functions, JwtAuthorizerEmulation jwt, DevMailbox mailbox,
                    DevGroups groups, ExecutorService background, Path website) {
        this.stack = stack;
        this.routes = new RouteTable(stack.routes());
        this.functions = functions;
        this.jwt = jwt;
        this.mailbox = mailbox;
        this.groups = groups;
        this.background = background;
        this.cors = stack.cors();
        this.page = readPage();
        this.website = website != null && Files.isDirectory(website) ? website.toAbsolutePath().normalize() : null;
    }

    RouteTable routes() {
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            String origin = exchange.getRequestHeaders().getFirst("Origin");

            if (method.equals("OPTIONS") && cors.enabled()
                    && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")
                    && routes.match("OPTIONS", path).filter(m -> !m.route().method().equals("ANY")).isEmpty()) {
                preflight(exchange, origin);
                return;
            }
            Optional<RouteTable.Match> match = routes.match(method, path);
            if (match.isEmpty()) {
                if (method.equals("GET") && path.equals("/_dev/mail") && mailbox != null) {
                    devMail(exchange);
                } else if (method.equals("POST") && isDevGroup(path) && groups != null) {
                    devGroup(exchange, decode(path.substring(DEV_GROUPS.length())), origin);
                } else if ((method.equals("GET") || method.equals("HEAD")) && path.equals("/dev.html")) {
                    send(exchange, 200, "text/html; charset=utf-8", page, origin);
                } else if ((method.equals("GET") || method.equals("HEAD")) && website == null
                        && (path.equals("/") || path.equals("/index.html"))) {
                    send(exchange, 200, "text/html; charset=utf-8", page, origin);
                } else if ((method.equals("GET") || method.equals("HEAD")) && website != null) {
                    staticFile(exchange, path, origin);
                } else {
                    sendJson(exchange, 404, NOT_FOUND, origin);
                }
                return;
            }
            route(exchange, match.get(), origin);
        } catch (RuntimeException | IOException e) {
            System.err.println("Local API gateway failed on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI());
            e.printStackTrace();
            throw e;
        }
    }

    private void route(HttpExchange exchange, RouteTable.Match match, String origin) throws IOException {
        Route route = match.route();
        JwtAuthorizerEmulation.Authorized authorized = null;
        if (route.authorizerName() != null) {
            Optional<JwtAuthorizer> authorizer = stack.authorizer(route.authorizerName());
            if (authorizer.isEmpty()) {
                System.err.println("Route " + route.routeKey() + " names authorizer " + route.authorizerName()
                        + " that the HttpApi does not declare");
                sendJson(exchange, 500, INTERNAL_ERROR, origin);
                return;
            }
            JwtAuthorizerEmulation.Decision decision = jwt.authorize(authorizer.get(), route.authorizationScopes(),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            if (decision instanceof JwtAuthorizerEmulation.Refused refused) {
                if (refused.wwwAuthenticate() != null) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", refused.wwwAuthenticate());
                }
                // 403: API Gateway's own body (the token is valid, it lacks the route's scope)
                sendJson(exchange, refused.status(), refused.status() == 403 ? FORBIDDEN : UNAUTHORIZED, origin);
                return;
            }
            authorized = (JwtAuthorizerEmulation.Authorized) decision;
        }
        APIGatewayV2HTTPEvent event = event(exchange, match, authorized);
        APIGatewayV2HTTPResponse response;
        long start = System.nanoTime();
        try {
            response = functions.invoke(route, event);
        } catch (RuntimeException | Error e) {
            System.err.println(route.functionLogicalId() + " failed on " + route.routeKey()
                    + " (request " + event.getRequestContext().getRequestId() + "):");
            e.printStackTrace();
            sendJson(exchange, 500, INTERNAL_ERROR, origin);
            return;
        } finally {
            refreshMailboxSoon();
        }
        if (response == null || response.getStatusCode() < 100) {
            System.err.println(route.functionLogicalId() + " returned no valid response on " + route.routeKey());
            sendJson(exchange, 500, INTERNAL_ERROR, origin);
            return;
        }
        // As the stage's access log (template.yaml AccessLogSettings): one JSON line, no path, query or header.
        System.out.printf("{\"requestId\":\"%s\",\"routeKey\":\"%s\",\"status\":\"%d\",\"latencyMs\":\"%d\"}%n",
                event.getRequestContext().getRequestId(), route.routeKey(), response.getStatusCode(), (System.nanoTime() - start) / 1_000_000);
        writeResponse(exchange, response, origin);
    }

    /** moto keeps no send time: looking right after each call stamps new mail with about the right one. */
    private void refreshMailboxSoon() {
        if (mailbox != null) {
            background.execute(() -> {
                try {
                    mailbox.refresh();
                } catch (IOException | RuntimeException ignored) {
                    // the mailbox tries again when it is read
                }
            });
        }
    }

    APIGatewayV2HTTPEvent event(HttpExchange exchange, RouteTable.Match match, JwtAuthorizerEmulation.Authorized authorized)
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

    private static String decode(String text) {
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
        send(exchange, response.getStatusCode(), null, bytes, origin);
    }

    private void preflight(HttpExchange exchange, String origin) throws IOException {
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
        exchange.sendResponseHeaders(204, -1);
    }

    private String allowOriginValue(String origin) {
        return cors.allowOrigins().contains("*") && !cors.allowCredentials() ? "*" : origin;
    }

    private void devMail(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String to = null;
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith("to=")) {
                    to = decode(pair.substring(3));
                }
            }
        }
        if (to == null || to.isBlank()) {
            sendJson(exchange, 400, "{\"error\":\"invalid_request\",\"message\":\"Add ?to=ADDRESS.\"}", origin);
            return;
        }
        sendJson(exchange, 200, mailbox.toJson(mailbox.mailTo(to)), origin);
    }

    /** A file of the website; no directory traversal: a decoded path with .. or a backslash is refused. */
    private void staticFile(HttpExchange exchange, String rawPath, String origin) throws IOException {
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.endsWith("/")) {
            path = path + "index.html";
        }
        Path file = null;
        if (!path.contains("..") && !path.contains("\\") && path.indexOf('\0') < 0 && path.startsWith("/")) {
            Path candidate = website.resolve(path.substring(1)).normalize();
            if (candidate.startsWith(website) && Files.isRegularFile(candidate)) {
                file = candidate;
            }
        }
        if (file == null) {
            sendJson(exchange, 404, NOT_FOUND, origin);
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        send(exchange, 200, contentType(file.getFileName().toString()), Files.readAllBytes(file), origin);
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return switch (dot < 0 ? "" : lower.substring(dot + 1)) {
            case "html", "htm" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "ico" -> "image/x-icon";
            case "txt" -> "text/plain; charset=utf-8";
            case "webmanifest" -> "application/manifest+json";
            case "woff2" -> "font/woff2";
            default -> "application/octet-stream";
        };
    }

    private static boolean isDevGroup(String path) {
        return path.startsWith(DEV_GROUPS) && path.indexOf('/', DEV_GROUPS.length()) < 0;
    }

    private void devGroup(HttpExchange exchange, String group, String origin) throws IOException {
        DevGroups.Answer answer = groups.addUser(group, exchange.getRequestBody().readAllBytes());
        System.out.printf("POST %s -> %d (dev groups)%n", exchange.getRequestURI().getRawPath(), answer.status());
        if (answer.json() == null) {
            send(exchange, answer.status(), null, new byte[0], origin);
        } else {
            sendJson(exchange, answer.status(), answer.json(), origin);
        }
    }

    private void sendJson(HttpExchange exchange, int status, String json, String origin) throws IOException {
        send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8), origin);
    }

    private void send(HttpExchange exchange, int status, String contentType, byte[] body, String origin) throws IOException {
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
        boolean noBody = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }

    private static byte[] readPage() {
        try (InputStream page = LocalApiGateway.class.getResourceAsStream("/local/index.html")) {
            return page == null ? "<p>Multimedia Account local system</p>".getBytes(StandardCharsets.UTF_8) : page.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the reference page", e);
        }
    }
}
