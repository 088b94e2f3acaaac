package org.multimedia.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.multimedia.core.FunctionContexts;
import org.multimedia.core.InvocationLog;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.multimedia.testing.SqsEvents.batch;
import static org.multimedia.testing.SqsEvents.failed;

/** The batch base alone (no AWS): readable jobs handled in one call, unreadable ones failed alone, a failed call fails them all. */
class JobBatchQueueHandlerTest {

    private final ApplicationContext context = FunctionContexts.builder().start();

    @AfterEach
    void close() {
        context.close();
    }

    @Serdeable
    public record Item(String name) implements Job {
        @Override
        public boolean complete() {
            return name != null;
        }
    }

    static final class Batches extends JobBatchQueueHandler<Item> {
        /** An injection point of its own: Micronaut then generates this class's injection, the base's codec included. */
        @Inject
        JobCodec codecOfTheBase;
        final List<List<String>> calls = new ArrayList<>();
        final List<String> loggedMessageIds = new ArrayList<>();
        boolean failing;

        Batches(ApplicationContext context) {
            super(Item.class, context);
        }

        @Override
        protected void handle(List<Item> jobs, List<SQSEvent.SQSMessage> messages) {
            if (failing) {
                throw new IllegalStateException("down");
            }
            assertEquals(jobs.size(), messages.size());
            calls.add(jobs.stream().map(Item::name).toList());
            loggedMessageIds.add(MDC.get(InvocationLog.MESSAGE_ID));
        }
    }

    @Test
    void theReadableJobsOfABatchAreHandledInOneCallAndAnUnreadableOneFailsAlone() {
        Batches handler = new Batches(context);
        SQSBatchResponse response = handler.handleRequest(batch("{\"name\":\"a\"}", "not json", "{}", "{\"name\":\"b\"}"), null);
        assertEquals(List.of("m2", "m3"), failed(response), "unreadable and incomplete");
        assertEquals(List.of(List.of("a", "b")), handler.calls);
        assertEquals(List.of("m1,m4"), handler.loggedMessageIds, "what the batch logs names the messages it handles");
    }

    @Test
    void whenTheBatchCallFailsEveryReadableMessageComesBack() {
        Batches handler = new Batches(context);
        handler.failing = true;
        assertEquals(List.of("m1", "m2", "m3"), failed(handler.handleRequest(batch("{\"name\":\"a\"}", "{\"name\":\"b\"}", "nope"), null))
                .stream().sorted().toList());
    }

    @Test
    void anEmptyBatchMakesNoCall() {
        Batches handler = new Batches(context);
        SQSEvent empty = new SQSEvent();
        empty.setRecords(List.of());
        assertEquals(List.of(), handler.handleRequest(empty, null).getBatchItemFailures());
        assertEquals(List.of(), handler.calls);
    }
}
