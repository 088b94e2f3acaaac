package org.multimedia.core;

import com.amazonaws.services.lambda.runtime.Context;

import java.time.Duration;
import java.util.Optional;

/**
 * When the current invocation must be over: Lambda's remaining time, taken when the function is
 * invoked. The AWS clients read it before each call (aws/AwsClients), so that a run of slow
 * dependencies ends in {@code 503} (or a message left for a retry) before Lambda kills the
 * function mid-way. One invocation runs per thread, so it is kept per thread.
 */
public final class InvocationDeadline {

    private static final ThreadLocal<Long> END_NANOS = new ThreadLocal<>();

    private InvocationDeadline() {
    }

    /** Starts the clock of one invocation; close the scope when it returns. No context (a test): no deadline. */
    public static Scope start(Context context) {
        Long previous = END_NANOS.get();
        if (context != null && context.getRemainingTimeInMillis() > 0) {
            END_NANOS.set(System.nanoTime() + Duration.ofMillis(context.getRemainingTimeInMillis()).toNanos());
        }
        return () -> {
            if (previous == null) {
                END_NANOS.remove();
            } else {
                END_NANOS.set(previous);
            }
        };
    }

    /** Time left in the current invocation; empty outside one (or without a deadline). */
    public static Optional<Duration> remaining() {
        Long end = END_NANOS.get();
        return end == null ? Optional.empty() : Optional.of(Duration.ofNanos(end - System.nanoTime()));
    }

    /** Ends an invocation's deadline. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
