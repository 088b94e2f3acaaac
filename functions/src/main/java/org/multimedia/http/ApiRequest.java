package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.multimedia.core.DomainException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** What a handler may read of an API Gateway (payload 2.0) request. */
public final class ApiRequest {

    /** Bodies of this API are small JSON objects; anything larger is refused before parsing. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final JsonMapper json;

    ApiRequest(APIGatewayV2HTTPEvent event, JsonMapper json) {
        this.event = event;
        this.json = json;
    }

    /** The body as a JSON object; anything else is {@code 400 invalid_request}. */
    public JsonBody body() {
        byte[] raw = rawBody();
        if (raw.length == 0) {
            throw DomainException.invalidRequest("A JSON object is required as the request body.");
        }
        if (raw.length > MAX_BODY_BYTES) {
            throw DomainException.invalidRequest("The request body is too large.");
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
        return new JsonBody(node);
    }

    /** The caller's address as API Gateway saw it (used for per-client limits). */
    public String sourceIp() {
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        return http == null || http.getSourceIp() == null ? "unknown" : http.getSourceIp();
    }

    /** A claim of the JWT checked by the API's authorizer (routes that declare it only). */
    public Optional<String> claim(String name) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
        return claims == null ? Optional.empty() : Optional.ofNullable(claims.get(name));
    }

    /**
     * The signed-in user's name: the {@code username} claim of the access token (or
     * {@code cognito:username} of an ID token) that the authorizer checked.
     */
    public String username() {
        return claim("username").or(() -> claim("cognito:username"))
                .orElseThrow(() -> new DomainException(DomainException.Kind.UNAUTHORIZED, "unauthorized", "Sign in to continue."));
    }

    private byte[] rawBody() {
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
