package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.multimedia.core.FunctionContexts;
import org.multimedia.infrastructure.emulator.Route;
import org.multimedia.infrastructure.emulator.Template;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The API answers only requests that came through the portal's distribution: the local gateway
 * plays CloudFront and adds the origin secret (whatever the client sent under that name), while a
 * request straight to a function, as a caller of the API's own execute-api endpoint would send
 * it, is forbidden on every route, before its access rule is even looked at.
 */
class OriginSecretLocalSystemTest {

    private static LocalSystem system;
    private static LocalApi api;
    private static String seedVideoId;
    private static final Map<Map<String, String>, ApplicationContext> contexts = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(Template.locate(), 0);
        api = new LocalApi(system.url());
        seedVideoId = LocalApi.JSON.readTree(LocalApi.send(api.request("/videos?limit=1")).body())
                .get("items").get(0).get("id").asText();
    }

    @AfterAll
    static void stop() {
        contexts.values().forEach(ApplicationContext::close);
        if (system != null) {
            system.stop();
        }
    }

    @Test
    void throughTheGatewayTheCatalogueIsServedAndCacheableWhateverOriginHeaderTheClientSent() throws Exception {
        HttpResponse<String> list = LocalApi.send(api.request("/videos?limit=2").header("X-Origin-Verify", "forged-by-the-client"));
        assertEquals(200, list.statusCode(), list.body());
        assertEquals("public, max-age=30", list.headers().firstValue("Cache-Control").orElse(null));

        HttpResponse<String> item = LocalApi.send(api.request("/videos/" + seedVideoId));
        assertEquals(200, item.statusCode(), item.body());
        assertEquals("public, max-age=30", item.headers().firstValue("Cache-Control").orElse(null));

        HttpResponse<String> missing = LocalApi.send(api.request("/videos/no-such-video"));
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals("no-store", missing.headers().firstValue("Cache-Control").orElse(null));
    }

    @TestFactory
    Stream<DynamicTest> straightToItsFunctionEveryRouteIsForbiddenWithoutTheOriginSecret() {
        List<Route> routes = system.stack().routes();
        assertFalse(routes.isEmpty());
        return routes.stream().map(route -> DynamicTest.dynamicTest(route.routeKey(), () -> {
            List<String> failures = new ArrayList<>();
            for (String presented : new String[]{null, "", "not-the-secret"}) {
                APIGatewayV2HTTPResponse response = handler(route).handleRequest(direct(route, presented), null);
                JsonNode body = response.getBody() == null ? null : LocalApi.JSON.readTree(response.getBody());
                if (response.getStatusCode() != 403 || body == null || !"forbidden".equals(body.path("error").asText())) {
                    failures.add((presented == null ? "no header" : "header '" + presented + "'") + ": "
                            + response.getStatusCode() + " " + response.getBody());
                }
            }
            assertEquals(List.of(), failures, route.routeKey());
        }));
    }

    @Test
    void straightToItsFunctionWithTheSecretARequestIsServed() throws Exception {
        Route list = system.stack().routes().stream().filter(r -> r.routeKey().equals("GET /videos")).findFirst().orElseThrow();
        String secret;
        try (SecretsManagerClient secrets = system.aws().client(SecretsManagerClient.builder())) {
            secret = secrets.getSecretValue(r -> r.secretId(system.stack().physicalId("OriginSecret"))).secretString();
        }
        APIGatewayV2HTTPResponse response = handler(list).handleRequest(direct(list, secret), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
    }

    // ------------------------------------------------------------------ helpers

    /** An API Gateway event of the route, as execute-api would hand it on: no CloudFront, no token. */
    private static APIGatewayV2HTTPEvent direct(Route route, String originHeader) {
        String path = route.path().replace("{id}", seedVideoId);
        Map<String, String> headers = new LinkedHashMap<>(Map.of("content-type", "application/json", "user-agent", "curl/8"));
        if (originHeader != null) {
            headers.put("x-origin-verify", originHeader);
        }
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(route.method());
        http.setPath(path);
        http.setSourceIp("198.51.100.9");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId("direct-" + System.nanoTime());
        context.setRouteKey(route.routeKey());
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(route.routeKey());
        event.setRawPath(path);
        event.setHeaders(headers);
        event.setPathParameters(route.path().contains("{id}") ? Map.of("id", seedVideoId) : null);
        event.setBody("{}");
        event.setRequestContext(context);
        return event;
    }

    /** The route's function built as the local system builds it (its template environment), outside the gateway. */
    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Route route) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(system.stack().functionEnvironment(route.functionLogicalId()));
        env.put("AWS_REGION", system.aws().region());
        env.put("AWS_ENDPOINT_URL", system.aws().endpoint().toString());
        ApplicationContext context = contexts.computeIfAbsent(env, e -> FunctionContexts.builder()
                .propertySources(PropertySource.of("direct-env", new LinkedHashMap<>(e), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start());
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(route.handlerClassName())
                .getConstructor(ApplicationContext.class).newInstance(context);
    }
}
