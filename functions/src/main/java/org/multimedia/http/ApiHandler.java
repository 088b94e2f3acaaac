package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionContexts;
import org.multimedia.core.PrimedFunction;
import org.multimedia.core.Priming;

/**
 * Base of every HTTP function: a subclass binds the request, calls one service method and
 * says which success status to answer. Parsing, error mapping and headers live in {@link HttpExchange}.
 */
public abstract class ApiHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> implements PrimedFunction {

    @Inject
    HttpExchange exchange;

    /** Held here also because CRaC keeps resources by weak reference. */
    private final Priming priming;

    /** Used by the Lambda runtime: builds this function's own application context and registers its priming. */
    protected ApiHandler() {
        priming = Priming.register(getApplicationContext(), this::primeRequestPath);
    }

    /** Used by the local API gateway and tests: runs inside a given context. */
    protected ApiHandler(ApplicationContext context) {
        super(context);
        priming = Priming.of(context, this::primeRequestPath);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public Priming priming() {
        return priming;
    }

    @Override
    public final APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, this::handle);
    }

    protected abstract ApiResponse handle(ApiRequest request);

    /** Before a snapshot: a body bound and a response serialised through the exchange; no service is called. */
    private void primeRequestPath() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("PRIMING")
                .withBody("{\"status\":\"priming\"}").build();
        exchange.handle(event, request -> ApiResponse.ok(request.body(PrimingBody.class)));
    }

    @Serdeable
    record PrimingBody(String status) {
    }
}
