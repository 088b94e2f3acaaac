package org.multimedia.queue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.multimedia.core.DomainException;
import org.multimedia.core.FunctionContexts;
import org.multimedia.core.InvocationDeadline;
import org.multimedia.core.PrimedFunction;
import org.multimedia.core.Priming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of every queue-triggered function (SQS event source with {@code ReportBatchItemFailures}):
 * a subclass handles one message; a message that throws is reported as a batch item failure,
 * so SQS makes it visible again after the visibility timeout (then the dead-letter queue after
 * maxReceiveCount), while the batch's other messages are deleted. One message never fails the
 * batch. Failures are logged with the message id only: bodies may hold codes.
 */
public abstract class QueueHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> implements PrimedFunction {

    private static final Logger LOG = LoggerFactory.getLogger(QueueHandler.class);

    /** Held here also because CRaC keeps resources by weak reference. */
    private final Priming priming;

    /** Used by the Lambda runtime: builds this function's own application context and registers its priming. */
    protected QueueHandler() {
        // Before a snapshot: an empty batch in, a batch response out; no message is processed.
        priming = Priming.register(getApplicationContext(), () -> handleRequest(new SQSEvent(), null));
    }

    /** Used by the local system and tests: runs inside a given context. */
    protected QueueHandler(ApplicationContext context) {
        super(context);
        priming = Priming.of(context, () -> handleRequest(new SQSEvent(), null));
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
    public final SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        try (var deadline = InvocationDeadline.start(getApplicationContext().findBean(Context.class).orElse(null))) {
            for (SQSEvent.SQSMessage message : records) {
                processOne(message, failures);
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void processOne(SQSEvent.SQSMessage message, List<SQSBatchResponse.BatchItemFailure> failures) {
        try {
            process(message);
        } catch (RuntimeException e) {
            // The exception's class (and a domain error's code), never its message: parsers
            // quote the input they choke on, and the input may carry a code.
            LOG.warn("Message {} not processed, left for a retry: {}{}", message.getMessageId(),
                    e.getClass().getSimpleName(), e instanceof DomainException d ? " " + d.code() : "");
            failures.add(SQSBatchResponse.BatchItemFailure.builder()
                    .withItemIdentifier(message.getMessageId()).build());
        }
    }

    /** Handles one message; throws to have it retried (and dead-lettered after the queue's maxReceiveCount). */
    protected abstract void process(SQSEvent.SQSMessage message);
}
