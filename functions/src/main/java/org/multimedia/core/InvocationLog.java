package org.multimedia.core;

import com.amazonaws.services.lambda.runtime.Context;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.function.Supplier;

/**
 * The log context of one invocation: every line logged inside it carries the Lambda request id,
 * the function's name and version, whether this is the environment's first request, the
 * X-Ray trace id (when Lambda gives one) and, for HTTP, the API Gateway request id. Powertools'
 * functional API (no AspectJ) puts them in the MDC, its JSON layout (log4j2.xml, LogLine.json) writes them; the
 * MDC is emptied after the invocation, so a warm or restored environment never carries an id over.
 */
public final class InvocationLog {

    /** The API Gateway request id (its {@code apigw-requestid} response header): Powertools' correlation id field. */
    public static final String API_REQUEST_ID = "correlation_id";
    /** The SQS message a queue consumer is handling. */
    public static final String MESSAGE_ID = "message_id";
    /** Powertools' key, given our own meaning (see {@link FunctionHandler}). */
    static final String COLD_START = "cold_start";

    private InvocationLog() {
    }

    /**
     * Runs one invocation inside its log context. {@code context} is null while priming (before a
     * SnapStart snapshot): the same path runs, with no Lambda fields.
     */
    static <T> T around(Context context, boolean coldStart, String apiRequestId, Supplier<T> invocation) {
        MDC.clear(); // Micronaut's own copies of the context (AWSRequestId, ...): Powertools' fields say it once
        PowertoolsLogging.initializeLogging(context);
        // Powertools counts only on-demand initialisations as cold starts; a SnapStart restore is one too.
        MDC.put(COLD_START, Boolean.toString(coldStart));
        if (apiRequestId != null) {
            MDC.put(API_REQUEST_ID, apiRequestId);
        }
        try {
            return invocation.get();
        } finally {
            PowertoolsLogging.clearState(true);
        }
    }

    /** Runs the handling of one queue message with its id in the log context. */
    public static void forMessage(String messageId, Runnable handling) {
        MDC.put(MESSAGE_ID, messageId);
        try {
            handling.run();
        } finally {
            MDC.remove(MESSAGE_ID);
        }
    }
}
