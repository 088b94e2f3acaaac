package org.multimedia.core;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.util.function.Supplier;

/**
 * Base of every function's handler, whatever its trigger (HTTP, queue, SNS): the function's own
 * application context ({@link FunctionContexts}), its {@link Priming}, registered with CRaC when
 * the Lambda runtime built the handler, and each invocation's deadline ({@link InvocationDeadline}).
 */
public abstract class FunctionHandler<I, O> extends MicronautRequestHandler<I, O> {

    /** Held here also because CRaC keeps resources by weak reference. */
    private final Priming priming;

    /** Used by the Lambda runtime: builds this function's own application context and registers its priming. */
    protected FunctionHandler() {
        priming = Priming.register(getApplicationContext(), this::primeRequestPath);
    }

    /** Used by the local system and tests: runs inside a given context. */
    protected FunctionHandler(ApplicationContext context) {
        super(context);
        priming = Priming.of(context, this::primeRequestPath);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    public Priming priming() {
        return priming;
    }

    /** Before a snapshot: the function's request path with a harmless event; nothing is changed. */
    protected abstract void primeRequestPath();

    /**
     * Runs one invocation within the remaining time of the Lambda context the runtime registered
     * for it: that time bounds the AWS calls (priming runs without one, so without a deadline).
     */
    protected final <T> T withinDeadline(Supplier<T> invocation) {
        try (var deadline = InvocationDeadline.start(getApplicationContext().findBean(Context.class).orElse(null))) {
            return invocation.get();
        }
    }
}
