package org.multimedia.infrastructure.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import io.micronaut.context.ApplicationContext;

import org.multimedia.queue.QueueHandler;

/** Test function on the queue base: records every body it is given; bodies starting "fail" fail. */
public class RecordingQueueHandler extends QueueHandler {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    public RecordingQueueHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void process(SQSEvent.SQSMessage message) {
        RECEIVED.add(message.getBody());
        if (message.getBody().startsWith("fail")) {
            throw new IllegalStateException("test failure (expected in the test output)");
        }
    }
}
