package org.multimedia.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.core.InvocationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of a worker that handles its queue's {@link Job}s a batch at a time (one call for many
 * messages, e.g. one CloudFront invalidation for every catalogue change of the batch). Each
 * message is decoded on its own, as in {@link JobQueueHandler}: one that cannot be fails alone
 * and ends in the dead-letter queue. The readable ones are handled together; if that throws,
 * every one of them is a batch item failure and comes back after the visibility timeout.
 */
public abstract class JobBatchQueueHandler<J extends Job> extends QueueHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JobBatchQueueHandler.class);

    @Inject
    JobCodec codec;

    private final Class<J> type;

    /** Used by the Lambda runtime. */
    protected JobBatchQueueHandler(Class<J> type) {
        this.type = type;
    }

    /** Used by the local system and tests: runs inside a given context. */
    protected JobBatchQueueHandler(Class<J> type, ApplicationContext context) {
        super(context);
        this.type = type;
    }

    @Override
    final void processBatch(List<SQSEvent.SQSMessage> records, List<SQSBatchResponse.BatchItemFailure> failures) {
        List<J> jobs = new ArrayList<>();
        List<SQSEvent.SQSMessage> readable = new ArrayList<>();
        for (SQSEvent.SQSMessage message : records) {
            attempt(message, () -> {
                jobs.add(codec.read(message.getBody(), type));
                readable.add(message);
            }, failures);
        }
        if (jobs.isEmpty()) {
            return;
        }
        // What is logged while the batch is handled names every message of it (message_id: their ids, comma-separated).
        InvocationLog.forMessage(String.join(",", readable.stream().map(SQSEvent.SQSMessage::getMessageId).toList()), () -> {
            try {
                handle(jobs, readable);
            } catch (RuntimeException e) {
                LOG.warn("A batch of {} messages failed as a whole", readable.size());
                logFailure(e);
                readable.forEach(message -> failures.add(failed(message)));
            }
        });
    }

    /** A message on its own (never called by the batch path above): a batch of one. */
    @Override
    protected final void process(SQSEvent.SQSMessage message) {
        handle(List.of(codec.read(message.getBody(), type)), List.of(message));
    }

    /**
     * Handles the batch's readable jobs together, {@code messages} being theirs in the same order;
     * throws to have all of them retried (and dead-lettered after the queue's maxReceiveCount).
     */
    protected abstract void handle(List<J> jobs, List<SQSEvent.SQSMessage> messages);
}
