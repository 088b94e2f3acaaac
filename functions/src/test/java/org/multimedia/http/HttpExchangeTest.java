package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.identity.InMemoryLiveSessions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpExchangeTest {

    private static final String CURRENT = "current-origin-secret";
    private static final String PREVIOUS = "previous-origin-secret";

    /** The origin secret's port, counting how often it is asked. */
    private final AtomicInteger originChecks = new AtomicInteger();
    private final OriginSecrets origin = new OriginSecrets() {
        private final OriginSecrets values = OriginSecrets.of(CURRENT, PREVIOUS);

        @Override
        public boolean accepts(String presented) {
            originChecks.incrementAndGet();
            return values.accepts(presented);
        }
    };

    /** Public routes only here (callers are {@link CallersTest}'s), but for the origin check that comes before them. */
    private final InMemoryLiveSessions pool = new InMemoryLiveSessions();
    private final HttpExchange exchange = new HttpExchange(JsonMapper.createDefault(), new Callers(() -> pool, JsonMapper.createDefault()), origin);

    // ------------------------------------------------------------------ the origin secret

    @Test
    void withoutTheOriginHeaderEveryRouteIsForbiddenBeforeTheSecretIsEvenRead() {
        for (Access access : Access.values()) {
            APIGatewayV2HTTPEvent direct = event("{}", false);
            direct.getHeaders().remove("x-origin-verify");
            APIGatewayV2HTTPResponse response = exchange.handle(direct, access, request -> {
                throw new AssertionError("the handler ran without the origin secret");
            });
            assertForbidden(response);
        }
        APIGatewayV2HTTPEvent noHeaders = event("{}", false);
        noHeaders.setHeaders(null);
        assertForbidden(exchange.handle(noHeaders, Access.PUBLIC, request -> ApiResponse.noContent()));
        APIGatewayV2HTTPEvent empty = withOrigin(event("{}", false), "");
        assertForbidden(exchange.handle(empty, Access.PUBLIC, request -> ApiResponse.noContent()));
        assertEquals(0, originChecks.get(), "no header, no look-up of the secret (no AWS call)");
    }

    @Test
    void aWrongOriginValueIsForbidden() {
        for (String wrong : new String[]{"current-origin-secreT", CURRENT + " ", "x", CURRENT.substring(1), CURRENT + "," + CURRENT}) {
            assertForbidden(exchange.handle(withOrigin(event("{}", false), wrong), Access.PUBLIC, request -> {
                throw new AssertionError("the handler ran with a wrong origin secret: " + wrong);
            }));
        }
    }

    @Test
    void theCurrentAndThePreviousValueAreServedWhateverTheHeaderNameCase() {
        for (String value : new String[]{CURRENT, PREVIOUS}) {
            for (String name : new String[]{"x-origin-verify", "X-Origin-Verify", "X-ORIGIN-VERIFY"}) {
                APIGatewayV2HTTPEvent event = event("{}", false);
                event.getHeaders().remove("x-origin-verify");
                event.getHeaders().put(name, value);
                APIGatewayV2HTTPResponse response = exchange.handle(event, Access.PUBLIC, request -> ApiResponse.ok(Map.of("ok", true)));
                assertEquals(200, response.getStatusCode(), name + ": " + response.getBody());
            }
        }
    }

    @Test
    void theOriginIsCheckedBeforeTheCallerSoAForgedRequestCostsNoSessionLookUp() {
        var alice = pool.account("sub-alice", "alice@example.com", true);
        String token = pool.signIn(alice);
        for (String presented : new String[]{null, "wrong"}) {
            for (Access access : new Access[]{Access.SIGNED_IN, Access.GROUP_EDITORS}) {
                APIGatewayV2HTTPEvent event = withOrigin(signedIn(alice.sub(), token, "[editors]"), presented);
                assertForbidden(exchange.handle(event, access, request -> {
                    throw new AssertionError("the handler ran without the origin secret");
                }));
            }
        }
        assertEquals(0, pool.lookups(), "no session was looked up");

        APIGatewayV2HTTPResponse served = exchange.handle(signedIn(alice.sub(), token, "[editors]"), Access.SIGNED_IN,
                request -> ApiResponse.ok(Map.of("sub", request.user().sub())));
        assertEquals(200, served.getStatusCode(), served.getBody());
        assertEquals(1, pool.lookups());
    }

    @Test
    void primingRunsTheOriginCheckWithoutAskingForTheSecret() {
        APIGatewayV2HTTPEvent priming = withOrigin(event("{}", false), HttpExchange.PRIMING_ORIGIN);
        APIGatewayV2HTTPResponse primed = exchange.prime(priming, request -> ApiResponse.noContent());
        assertEquals(204, primed.getStatusCode(), primed.getBody());
        assertEquals(0, originChecks.get());
        // The priming value opens nothing from outside.
        assertForbidden(exchange.handle(priming, Access.PUBLIC, request -> ApiResponse.noContent()));
    }

    private static void assertForbidden(APIGatewayV2HTTPResponse response) {
        assertEquals(403, response.getStatusCode(), response.getBody());
        assertEquals("forbidden", response.getBody().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1"));
        assertTrue(response.getBody().contains("\"message\":\""), response.getBody());
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
    }

    // ------------------------------------------------------------------ body caps (issue 19, item 10)

    @Test
    void aBodyOverTheCapIs413PayloadTooLargeBeforeTheOriginTheCallerOrTheHandler() {
        var alice = pool.account("sub-alice", "alice@example.com", true);
        String token = pool.signIn(alice);
        for (Access access : new Access[]{Access.PUBLIC, Access.SIGNED_IN}) {
            APIGatewayV2HTTPEvent event = signedIn(alice.sub(), token, "[]");
            event.setBody("{\"text\":\"" + "x".repeat(16 * 1024) + "\"}");
            APIGatewayV2HTTPResponse refused = exchange.handle(event, access, request -> {
                throw new AssertionError("the handler ran with a body over the cap");
            });
            assertEquals(413, refused.getStatusCode(), refused.getBody());
            assertEquals("payload_too_large", refused.getBody().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1"));
            assertTrue(refused.getBody().contains("\"maxBytes\":16384"), refused.getBody());
        }
        assertEquals(0, originChecks.get(), "no look-up of the origin secret (no AWS call)");
        assertEquals(0, pool.lookups(), "no session look-up (no AWS call)");
    }

    @Test
    void theCapIsTheRoutesOwnAndCountsDecodedBytesExactly() {
        int cap = 64 * 1024;
        String atCap = "{\"text\":\"" + "\u00e9".repeat((cap - 11) / 2) + "x".repeat((cap - 11) % 2) + "\"}";
        assertEquals(cap, atCap.getBytes(StandardCharsets.UTF_8).length);
        APIGatewayV2HTTPResponse ok = exchange.handle(event(atCap, false), Access.PUBLIC, cap,
                request -> ApiResponse.ok(Map.of("length", request.body(Text.class).text().length())));
        assertEquals(200, ok.getStatusCode(), ok.getBody().substring(0, Math.min(200, ok.getBody().length())));

        String oneOver = atCap.replaceFirst("x?\"}$", "") + "xx\"}";
        assertEquals(cap + 1, oneOver.getBytes(StandardCharsets.UTF_8).length);
        for (APIGatewayV2HTTPEvent over : List.of(event(oneOver, false),
                event(Base64.getEncoder().encodeToString(oneOver.getBytes(StandardCharsets.UTF_8)), true))) {
            APIGatewayV2HTTPResponse refused = exchange.handle(over, Access.PUBLIC, cap, request -> ApiResponse.noContent());
            assertEquals(413, refused.getStatusCode());
            assertTrue(refused.getBody().contains("\"maxBytes\":65536"), refused.getBody());
        }
    }

    @Serdeable
    record Text(String text) {
    }

    // ------------------------------------------------------------------ the viewer's address

    @Test
    void theViewerAddressIsCloudFrontsHeaderWithoutItsPortElseWhatApiGatewaySaw() {
        assertEquals("203.0.113.7", sourceIp("203.0.113.7:46532"));
        assertEquals("2001:db8::1", sourceIp("2001:db8::1:46532"));
        assertEquals("2001:db8::1", sourceIp("[2001:db8::1]:46532"));
        assertEquals("198.51.100.20", sourceIp(null));
        assertEquals("198.51.100.20", sourceIp(" "));
    }

    private String sourceIp(String viewerAddress) {
        APIGatewayV2HTTPEvent event = event(null, false);
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setSourceIp("198.51.100.20");
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        event.setRequestContext(context);
        if (viewerAddress != null) {
            event.getHeaders().put("cloudfront-viewer-address", viewerAddress);
        }
        AtomicReference<String> seen = new AtomicReference<>();
        exchange.handle(event, Access.PUBLIC, request -> {
            seen.set(request.sourceIp());
            return ApiResponse.noContent();
        });
        return seen.get();
    }

    // ------------------------------------------------------------------ caching

    @Test
    void onlyAnAnswerTheHandlerMarksPublicIsCacheableAndOnlyWhenItIsA200() {
        APIGatewayV2HTTPResponse cached = exchange.handle(event(null, false), Access.PUBLIC,
                request -> ApiResponse.ok(Map.of("items", List.of())).cacheFor(Duration.ofSeconds(30)));
        assertEquals("public, max-age=30", cached.getHeaders().get("Cache-Control"));

        APIGatewayV2HTTPResponse notFound = exchange.handle(event(null, false), Access.PUBLIC, request -> {
            throw DomainException.notFound("No such video.");
        });
        assertEquals(404, notFound.getStatusCode());
        assertEquals("no-store", notFound.getHeaders().get("Cache-Control"));

        APIGatewayV2HTTPResponse created = exchange.handle(event(null, false), Access.PUBLIC,
                request -> ApiResponse.created(Map.of("id", "v1")).cacheFor(Duration.ofSeconds(30)));
        assertEquals("no-store", created.getHeaders().get("Cache-Control"));

        APIGatewayV2HTTPResponse plain = exchange.handle(event(null, false), Access.PUBLIC, request -> ApiResponse.ok(Map.of()));
        assertEquals("no-store", plain.getHeaders().get("Cache-Control"));
    }

    // ------------------------------------------------------------------ bodies and errors

    @Test
    void aBugIsA500ThatTellsTheCallerNothingAboutIt() {
        APIGatewayV2HTTPResponse response = exchange.handle(event("{}", false), Access.PUBLIC, request -> {
            throw new IllegalStateException("table secret-table-name is broken at line 42");
        });
        assertEquals(500, response.getStatusCode());
        assertEquals("{\"error\":\"internal_error\",\"message\":\"Something went wrong on our side. Please try again.\"}",
                response.getBody());
        assertFalse(response.getBody().contains("secret-table-name"));
    }

    @Test
    void aRateLimitCarriesRetryAfterInTheHeaderAndTheBody() {
        APIGatewayV2HTTPResponse response = exchange.handle(event("{}", false), Access.PUBLIC, request -> {
            throw DomainException.rateLimited("resend_too_soon", "Wait.", Duration.ofMillis(41_200));
        });
        assertEquals(429, response.getStatusCode());
        assertEquals("42", response.getHeaders().get("Retry-After"));
        assertEquals("{\"error\":\"resend_too_soon\",\"message\":\"Wait.\",\"retryAfterSeconds\":42}", response.getBody());
    }

    @Test
    void readsBase64BodiesAndRefusesWhatIsNotAJsonObject() {
        String encoded = Base64.getEncoder().encodeToString("{\"email\":\"a@example.com\",\"password\":\"p\"}".getBytes(StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse ok = exchange.handle(event(encoded, true), Access.PUBLIC,
                request -> ApiResponse.ok(Map.of("echo", request.body(Login.class).email())));
        assertEquals("{\"echo\":\"a@example.com\"}", ok.getBody());

        for (String body : new String[]{"[1,2]", "\"text\"", "", "{\"email\":", "x".repeat(16_000)}) {
            APIGatewayV2HTTPResponse refused = exchange.handle(event(body, false), Access.PUBLIC, request -> ApiResponse.ok(request.body(Login.class).email()));
            assertEquals(400, refused.getStatusCode(), body);
            assertEquals("invalid_request", refused.getBody().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1"));
        }
    }

    @Test
    void aMissingOrWronglyTypedFieldIsNamedAndUnknownFieldsAreIgnored() {
        assertEquals("'password' is required.", refusal("{\"email\":\"a@example.com\"}"));
        assertEquals("'password' is required.", refusal("{\"email\":\"a@example.com\",\"password\":null}"));
        assertEquals("'remember' has the wrong type.",
                refusal("{\"email\":\"a@example.com\",\"password\":\"p\",\"remember\":\"yes\"}"));
        assertEquals("'tags[1]' has the wrong type.",
                refusal("{\"email\":\"a@example.com\",\"password\":\"p\",\"tags\":[\"a\",{}]}"));

        APIGatewayV2HTTPResponse ok = exchange.handle(
                event("{\"email\":\"a@example.com\",\"password\":\"p\",\"verified\":true,\"sub\":\"x\"}", false), Access.PUBLIC,
                request -> ApiResponse.ok(request.body(Login.class)));
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        assertEquals("{\"email\":\"a@example.com\",\"password\":\"p\"}", ok.getBody());
    }

    @Test
    void anAbsentOptionalBodyReadsAsAnEmptyObject() {
        APIGatewayV2HTTPResponse ok = exchange.handle(event(null, false), Access.PUBLIC,
                request -> ApiResponse.ok(Map.of("remember", String.valueOf(request.optionalBody(Optional.class).remember()))));
        assertEquals("{\"remember\":\"null\"}", ok.getBody());
    }

    private String refusal(String body) {
        APIGatewayV2HTTPResponse refused = exchange.handle(event(body, false), Access.PUBLIC, request -> ApiResponse.ok(request.body(Login.class)));
        assertEquals(400, refused.getStatusCode(), body);
        return refused.getBody().replaceAll(".*\"message\":\"([^\"]+)\".*", "$1");
    }

    @Serdeable
    record Login(String email, String password, @Nullable Boolean remember, @Nullable List<String> tags) {
    }

    @Serdeable
    record Optional(@Nullable Boolean remember) {
    }

    @Test
    void noContentHasNoBodyAndNothingIsCached() {
        APIGatewayV2HTTPResponse response = exchange.handle(event(null, false), Access.PUBLIC, request -> ApiResponse.noContent());
        assertEquals(204, response.getStatusCode());
        assertNull(response.getBody());
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
    }

    /** A request as CloudFront forwards it: with the current origin secret. */
    private static APIGatewayV2HTTPEvent event(String body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /test");
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        event.setHeaders(new HashMap<>(Map.of("x-origin-verify", CURRENT)));
        return event;
    }

    /** The event with that origin header value (null: none). */
    private static APIGatewayV2HTTPEvent withOrigin(APIGatewayV2HTTPEvent event, String value) {
        event.getHeaders().remove("x-origin-verify");
        if (value != null) {
            event.getHeaders().put("x-origin-verify", value);
        }
        return event;
    }

    /** As API Gateway passes a request its JWT authorizer accepted (through the portal). */
    private static APIGatewayV2HTTPEvent signedIn(String sub, String token, String groups) {
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(new HashMap<>(Map.of("sub", sub, "cognito:groups", groups, "token_use", "access")));
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        APIGatewayV2HTTPEvent event = event(null, false);
        event.setRequestContext(context);
        event.getHeaders().put("authorization", "Bearer " + token);
        return event;
    }
}
