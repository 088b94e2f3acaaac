package org.multimedia.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.multimedia.core.FunctionContexts;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.multimedia.testing.SqsEvents.batch;

/** The queue base alone (no AWS): one failing record is reported, the others are processed. */
class QueueHandlerTest {

    private final ApplicationContext context = FunctionContexts.builder().start();

    @AfterEach
    void close() {
        context.close();
    }

    static final class Recording extends QueueHandler {
        final List<String> processed = new ArrayList<>();

        Recording(ApplicationContext context) {
            super(context);
        }

        @Override
        protected void process(SQSEvent.SQSMessage message) {
            if (message.getBody().startsWith("bad")) {
                throw new IllegalArgumentException("cannot use " + message.getBody());
            }
            processed.add(message.getMessageId());
        }
    }

    @Test
    void aFailingRecordIsReportedAloneAndTheOthersAreProcessed() {
        Recording handler = new Recording(context);
        SQSBatchResponse response = handler.handleRequest(batch("one", "bad code 123456", "three"), null);
        assertEquals(List.of("m2"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(List.of("m1", "m3"), handler.processed);
    }

    @Test
    void aBatchWithoutFailureReportsNone() {
        Recording handler = new Recording(context);
        assertEquals(List.of(), handler.handleRequest(batch("one", "two"), null).getBatchItemFailures());
        assertEquals(List.of(), handler.handleRequest(new SQSEvent(), null).getBatchItemFailures());
    }
}
