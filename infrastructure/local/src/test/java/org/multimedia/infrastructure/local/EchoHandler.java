package org.multimedia.infrastructure.local;

import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micronaut.context.ApplicationContext;

/** Test function: answers with what it received, so tests can see the event the gateway built. */
public class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApplicationContext context;

    public EchoHandler(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context lambda) {
        if ("boom".equals(event.getPathParameters() == null ? null : event.getPathParameters().get("id"))) {
            throw new IllegalStateException("test failure (expected in the test output)");
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("query", event.getQueryStringParameters());
        echo.put("cookies", event.getCookies());
        echo.put("pool", context.getProperty("echo.pool", String.class).orElse(null));
        echo.put("requestId", lambda.getAwsRequestId());
        echo.put("sourceIp", event.getRequestContext().getHttp().getSourceIp());
        var authorizer = event.getRequestContext().getAuthorizer();
        echo.put("claims", authorizer == null ? null : authorizer.getJwt().getClaims());
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(new ObjectMapper().writeValueAsString(echo)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
