package org.multimedia.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionContexts;
import org.multimedia.core.InvocationDeadline;

/**
 * Base of every HTTP function: a subclass binds the request, calls one service method and
 * says which success status to answer. Parsing, error mapping and headers live in {@link HttpExchange}.
 */
public abstract class ApiHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    HttpExchange exchange;

    /** Used by the Lambda runtime: builds this function's own application context. */
    protected ApiHandler() {
    }

    /** Used by the local API gateway and tests: runs inside a given context. */
    protected ApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public final APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        // The Lambda context the runtime registered for this invocation: its remaining time bounds the AWS calls.
        try (var deadline = InvocationDeadline.start(getApplicationContext().findBean(Context.class).orElse(null))) {
            return exchange.handle(event, this::handle);
        }
    }

    protected abstract ApiResponse handle(ApiRequest request);
}
