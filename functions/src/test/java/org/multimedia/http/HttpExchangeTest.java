package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class HttpExchangeTest {

    /** Public routes only here: callers are {@link CallersTest}'s. */
    private final HttpExchange exchange = new HttpExchange(JsonMapper.createDefault(), new Callers(() -> {
        throw new AssertionError("a public route looked a session up");
    }));

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

        for (String body : new String[]{"[1,2]", "\"text\"", "", "{\"email\":", "x".repeat(20_000)}) {
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

    private static APIGatewayV2HTTPEvent event(String body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /test");
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return event;
    }
}
