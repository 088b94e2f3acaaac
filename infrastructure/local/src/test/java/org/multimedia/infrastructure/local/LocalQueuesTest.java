package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local system runs queue-triggered functions as Lambda's event source mapping does: it
 * polls, invokes batch by batch, deletes what succeeded, and leaves what failed to come back
 * and, after maxReceiveCount receives, to be dead-lettered.
 */
class LocalQueuesTest {

    private static LocalSystem system;
    private static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(Path.of(LocalQueuesTest.class.getResource("/queue-template.yaml").toURI()), 0);
        sqs = system.aws().client(SqsClient.builder());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        system.stop();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("queue-")),
                "no poller left running");
    }

    @Test
    void succeededMessagesAreDeletedAndAFailingOneEndsInTheDeadLetterQueueAfterItsReceives() throws Exception {
        String queue = system.stack().physicalId("WorkQueue");
        long sent = System.nanoTime();
        for (String body : List.of("ok-1", "fail-1", "ok-2")) {
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
        }
        waitFor(() -> RecordingQueueHandler.RECEIVED.containsAll(List.of("ok-1", "ok-2")), 3_000);
        assertTrue((System.nanoTime() - sent) / 1_000_000 < 3_000, "handled within the long poll");

        String dlq = system.stack().physicalId("WorkDeadLetterQueue");
        List<Message> dead = List.of();
        long deadline = System.currentTimeMillis() + 30_000; // two visibility timeouts of 6 s, and polling
        while (dead.isEmpty() && System.currentTimeMillis() < deadline) {
            dead = sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1).maxNumberOfMessages(10)).messages();
        }
        assertEquals(List.of("fail-1"), dead.stream().map(Message::body).toList());
        assertEquals(2, Collections.frequency(RecordingQueueHandler.RECEIVED, "fail-1"), "maxReceiveCount receives");
        assertEquals(1, Collections.frequency(RecordingQueueHandler.RECEIVED, "ok-1"), "deleted once handled");
        assertEquals(1, Collections.frequency(RecordingQueueHandler.RECEIVED, "ok-2"));
        Map<QueueAttributeName, String> left = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertEquals("0", left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        assertEquals("0", left.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        assertFalse(RecordingQueueHandler.RECEIVED.isEmpty());
    }

    private static void waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + millis + " ms; received " + RecordingQueueHandler.RECEIVED);
            }
            Thread.sleep(20);
        }
    }
}
