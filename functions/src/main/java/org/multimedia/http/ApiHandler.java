package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionHandler;
import org.multimedia.core.KeepAlive;

import java.util.Locale;
import java.util.Map;

/**
 * Base of every HTTP function: a subclass binds the request, calls one service method and
 * says which success status to answer. Who may call it is its row of {@link AccessRules}, enforced
 * before {@link #handle} runs; parsing, error mapping and headers live in {@link HttpExchange}.
 */
public abstract class ApiHandler extends FunctionHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    HttpExchange exchange;

    /** This function's access rule: a handler without one cannot be built. */
    private final Access access = AccessRules.of(getClass());
    /** The most bytes its route's request body may hold (its row of {@link AccessRules}). */
    private final int maxBodyBytes = AccessRules.maxBodyBytes(getClass());

    /** Used by the Lambda runtime: builds this function's own application context and registers its priming. */
    protected ApiHandler() {
    }

    /** Used by the local API gateway and tests: runs inside a given context. */
    protected ApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected final APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        // Only priming holds this instance: no request from outside can take that branch.
        return withinDeadline(() -> event == PRIMING_EVENT
                ? exchange.prime(event, ApiHandler::primingResponse)
                : exchange.handle(event, AccessRules.of(getClass(), event.getQueryStringParameters()), maxBodyBytes, this::handle));
    }

    @Override
    protected final String apiRequestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** API Gateway's route keys are {@code "METHOD /path"} or {@code $default}: this one only comes from the maintenance function. */
    @Override
    protected final boolean isKeepAlive(APIGatewayV2HTTPEvent event) {
        return KeepAlive.ROUTE_KEY.equals(event.getRouteKey());
    }

    @Override
    protected final APIGatewayV2HTTPResponse keepAliveAnswer() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
    }

    protected abstract ApiResponse handle(ApiRequest request);

    /** The origin header of priming events: checked against a fixed value, never the secret ({@link HttpExchange#prime}). */
    private static final Map<String, String> PRIMING_HEADERS =
            Map.of(OriginSecrets.HEADER.toLowerCase(Locale.ROOT), HttpExchange.PRIMING_ORIGIN);

    /** The event priming sends through the runtime's entry point (compared by identity, never parsed from outside). */
    private static final APIGatewayV2HTTPEvent PRIMING_EVENT = APIGatewayV2HTTPEvent.builder().withRouteKey("PRIMING")
            .withHeaders(PRIMING_HEADERS).withBody("{\"status\":\"priming\"}").build();

    /**
     * Before a snapshot: the priming event through the Lambda entry point and the exchange (the
     * origin check's code against a fixed value: the secret is not read), a body bound and a
     * response serialised, and the caller check its route needs; the function's own service is
     * not called.
     */
    @Override
    protected final void primeRequestPath() {
        handleRequest(PRIMING_EVENT, null);
        // The handler's own request records: a placeholder of each bound (their binding is built on first use).
        for (Class<?> type : getClass().getDeclaredClasses()) {
            BeanIntrospector.SHARED.findIntrospection(type).ifPresent(introspection -> exchange.prime(
                    APIGatewayV2HTTPEvent.builder().withRouteKey("PRIMING").withHeaders(PRIMING_HEADERS)
                            .withBody(placeholder(introspection)).build(),
                    request -> ApiResponse.ok(request.body(type))));
        }
        exchange.primeCallers(access);
    }

    /** A JSON object with every property of the record set to a harmless value of its type. */
    private static String placeholder(BeanIntrospection<?> introspection) {
        StringBuilder json = new StringBuilder("{");
        for (BeanProperty<?, ?> property : introspection.getBeanProperties()) {
            Class<?> type = property.getType();
            String value = type == String.class ? "\"priming\""
                    : type == Boolean.class || type == boolean.class ? "false"
                    : Number.class.isAssignableFrom(type) || type.isPrimitive() ? "0"
                    : null;
            if (value != null) {
                json.append(json.length() > 1 ? "," : "").append('"').append(property.getName()).append("\":").append(value);
            }
        }
        return json.append('}').toString();
    }

    private static ApiResponse primingResponse(ApiRequest request) {
        return ApiResponse.ok(request.body(PrimingBody.class));
    }

    @Serdeable
    record PrimingBody(String status) {
    }
}
