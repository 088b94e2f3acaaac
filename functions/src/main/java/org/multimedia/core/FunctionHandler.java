package org.multimedia.core;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Base of every function's handler, whatever its trigger (HTTP, queue, SNS, schedule): the
 * function's own application context ({@link FunctionContexts}), its {@link Priming}, registered
 * with CRaC when the Lambda runtime built the handler, each invocation's deadline
 * ({@link InvocationDeadline}), its log context ({@link InvocationLog}), and the answer to the
 * daily {@link KeepAlive} event.
 */
public abstract class FunctionHandler<I, O> extends MicronautRequestHandler<I, O> {

    /** Held here also because CRaC keeps resources by weak reference. */
    private final Priming priming;

    /**
     * Whether this environment has served a request yet (priming before a snapshot has no Lambda
     * context and does not count): the first one after the init or a SnapStart restore logs
     * {@code "cold_start":true}.
     */
    private final AtomicBoolean served = new AtomicBoolean();

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
     * One invocation. The keep-alive event (and an empty one) is answered here, before the
     * deadline, any bean or any log line: it only has to prove that the version can run; every
     * other event goes to the trigger's base ({@link #invoke}).
     */
    @Override
    public final O execute(I event) {
        if (event == null || isKeepAlive(event)) {
            return keepAliveAnswer();
        }
        Context context = lambdaContext();
        boolean coldStart = context != null && served.compareAndSet(false, true);
        return InvocationLog.around(context, coldStart, apiRequestId(event), () -> invoke(event));
    }

    /** The API Gateway request id of an HTTP event (null for other triggers): it goes in every log line. */
    protected String apiRequestId(I event) {
        return null;
    }

    /** Whether the event, as the Lambda runtime bound it to this trigger's type, is the {@link KeepAlive} event. */
    protected abstract boolean isKeepAlive(I event);

    /** The answer to a keep-alive: nobody reads it (it comes asynchronously), but it has the trigger's type. */
    protected abstract O keepAliveAnswer();

    /** One invocation with a real event of the trigger. */
    protected abstract O invoke(I event);

    /**
     * Runs one invocation within the remaining time of the Lambda context the runtime registered
     * for it: that time bounds the AWS calls (priming runs without one, so without a deadline).
     */
    protected final <T> T withinDeadline(Supplier<T> invocation) {
        try (var deadline = InvocationDeadline.start(lambdaContext())) {
            return invocation.get();
        }
    }

    /** The Lambda context the runtime registered for the current invocation (none while priming). */
    private Context lambdaContext() {
        return getApplicationContext().findBean(Context.class).orElse(null);
    }
}
