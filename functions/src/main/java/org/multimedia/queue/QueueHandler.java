package org.multimedia.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import org.multimedia.core.DomainException;
import org.multimedia.core.FunctionHandler;
import org.multimedia.core.InvocationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of every queue-triggered function (SQS event source with {@code ReportBatchItemFailures}):
 * a subclass handles one message; a message that throws is reported as a batch item failure,
 * so SQS makes it visible again after the visibility timeout (then the dead-letter queue after
 * maxReceiveCount), while the batch's other messages are deleted. One message never fails the
 * batch. Each message's id is in the log context of its lines ({@link InvocationLog#MESSAGE_ID});
 * failures are logged without the body: bodies may hold codes.
 */
public abstract class QueueHandler extends FunctionHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(QueueHandler.class);

    /** Used by the Lambda runtime: builds this function's own application context and registers its priming. */
    protected QueueHandler() {
    }

    /** Used by the local system and tests: runs inside a given context. */
    protected QueueHandler(ApplicationContext context) {
        super(context);
    }

    /** Before a snapshot: an empty batch in (Records present, no message), a batch response out. */
    @Override
    protected final void primeRequestPath() {
        SQSEvent empty = new SQSEvent();
        empty.setRecords(List.of());
        handleRequest(empty, null);
    }

    /** SQS always sends Records: an event without them is the keep-alive. */
    @Override
    protected final boolean isKeepAlive(SQSEvent event) {
        return event.getRecords() == null;
    }

    @Override
    protected final SQSBatchResponse keepAliveAnswer() {
        return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
    }

    @Override
    protected final SQSBatchResponse invoke(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords();
        withinDeadline(() -> {
            processBatch(records, failures);
            return null;
        });
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * The batch, message by message ({@link #process}). {@link JobBatchQueueHandler} overrides it
     * to handle the batch's readable messages together.
     */
    void processBatch(List<SQSEvent.SQSMessage> records, List<SQSBatchResponse.BatchItemFailure> failures) {
        records.forEach(message -> attempt(message, () -> process(message), failures));
    }

    /** Runs one message's step in its log context; if it throws, the message is a batch item failure. */
    final void attempt(SQSEvent.SQSMessage message, Runnable step, List<SQSBatchResponse.BatchItemFailure> failures) {
        InvocationLog.forMessage(message.getMessageId(), () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                logFailure(e);
                failures.add(failed(message));
            }
        });
    }

    /**
     * The exception's class (and a domain error's code), never its message: parsers quote the
     * input they choke on, and the input may carry a code.
     */
    static void logFailure(RuntimeException e) {
        LOG.warn("Message not processed, left for a retry: {}{}",
                e.getClass().getSimpleName(), e instanceof DomainException d ? " " + d.code() : "");
    }

    static SQSBatchResponse.BatchItemFailure failed(SQSEvent.SQSMessage message) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build();
    }

    /** Handles one message; throws to have it retried (and dead-lettered after the queue's maxReceiveCount). */
    protected abstract void process(SQSEvent.SQSMessage message);
}
