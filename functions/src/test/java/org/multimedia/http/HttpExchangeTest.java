package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class HttpExchangeTest {

    private final HttpExchange exchange = new HttpExchange(JsonMapper.createDefault());

    @Test
    void aBugIsA500ThatTellsTheCallerNothingAboutIt() {
        APIGatewayV2HTTPResponse response = exchange.handle(event("{}", false), request -> {
            throw new IllegalStateException("table secret-table-name is broken at line 42");
        });
        assertEquals(500, response.getStatusCode());
        assertEquals("{\"error\":\"internal_error\",\"message\":\"Something went wrong on our side. Please try again.\"}",
                response.getBody());
        assertFalse(response.getBody().contains("secret-table-name"));
    }

    @Test
    void aRateLimitCarriesRetryAfterInTheHeaderAndTheBody() {
        APIGatewayV2HTTPResponse response = exchange.handle(event("{}", false), request -> {
            throw DomainException.rateLimited("resend_too_soon", "Wait.", Duration.ofMillis(41_200));
        });
        assertEquals(429, response.getStatusCode());
        assertEquals("42", response.getHeaders().get("Retry-After"));
        assertEquals("{\"error\":\"resend_too_soon\",\"message\":\"Wait.\",\"retryAfterSeconds\":42}", response.getBody());
    }

    @Test
    void readsBase64BodiesAndRefusesWhatIsNotAJsonObject() {
        String encoded = Base64.getEncoder().encodeToString("{\"email\":\"a@example.com\"}".getBytes(StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse ok = exchange.handle(event(encoded, true),
                request -> ApiResponse.ok(Map.of("echo", request.body().string("email"))));
        assertEquals("{\"echo\":\"a@example.com\"}", ok.getBody());

        for (String body : new String[]{"[1,2]", "\"text\"", "", "{\"email\":", "x".repeat(20_000)}) {
            APIGatewayV2HTTPResponse refused = exchange.handle(event(body, false), request -> ApiResponse.ok(request.body().string("email")));
            assertEquals(400, refused.getStatusCode(), body);
            assertEquals("invalid_request", refused.getBody().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1"));
        }
    }

    @Test
    void noContentHasNoBodyAndNothingIsCached() {
        APIGatewayV2HTTPResponse response = exchange.handle(event(null, false), request -> ApiResponse.noContent());
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
