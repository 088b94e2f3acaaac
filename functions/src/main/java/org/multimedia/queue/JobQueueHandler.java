package org.multimedia.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/**
 * Base of a worker whose queue holds one kind of {@link Job}: each message is decoded once, here,
 * into its job; one that cannot be (unreadable, incomplete) fails like any other and ends in the
 * dead-letter queue. The worker handles typed jobs only.
 */
public abstract class JobQueueHandler<J extends Job> extends QueueHandler {

    @Inject
    JobCodec codec;

    private final Class<J> type;

    /** Used by the Lambda runtime. */
    protected JobQueueHandler(Class<J> type) {
        this.type = type;
    }

    /** Used by the local system and tests: runs inside a given context. */
    protected JobQueueHandler(Class<J> type, ApplicationContext context) {
        super(context);
        this.type = type;
    }

    @Override
    protected final void process(SQSEvent.SQSMessage message) {
        handle(codec.read(message.getBody(), type), message);
    }

    /** Handles one job; throws to have its message retried (and dead-lettered after the queue's maxReceiveCount). */
    protected abstract void handle(J job, SQSEvent.SQSMessage message);
}
