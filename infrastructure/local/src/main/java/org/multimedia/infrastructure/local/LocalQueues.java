package org.multimedia.infrastructure.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.multimedia.infrastructure.emulator.LocalAws;
import org.multimedia.infrastructure.emulator.QueueConsumer;
import org.multimedia.infrastructure.emulator.QueueEventSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's queue-triggered functions ({@code Type: SQS} events), run as Lambda's event
 * source mapping runs them: one background thread per event long-polls its queue in the
 * emulator and invokes the function in-process, batch by batch, through the same warm
 * containers as the HTTP functions. Messages the function reports as failed stay in the queue,
 * come back after the visibility timeout and reach the dead-letter queue after maxReceiveCount
 * receives (the emulator's redrive). Nothing here knows what a function does with its messages.
 */
final class LocalQueues implements AutoCloseable {

    /** How long one receive waits for a message: the longest a queued message waits for its function. */
    static final Duration LONG_POLL = Duration.ofSeconds(1);

    private final List<QueueConsumer> consumers;
    private final LocalFunctions functions;
    private final LocalAws aws;
    private final List<Thread> pollers = new ArrayList<>();
    private SqsClient sqs;
    private volatile boolean running;

    LocalQueues(List<QueueConsumer> consumers, LocalFunctions functions, LocalAws aws) {
        this.consumers = consumers;
        this.functions = functions;
        this.aws = aws;
    }

    /** Builds each consumer's function and starts polling for it; returns the consumers that could not start. */
    synchronized List<String> start() {
        List<String> problems = new ArrayList<>();
        if (consumers.isEmpty()) {
            return problems;
        }
        sqs = aws.client(SqsClient.builder());
        running = true;
        for (QueueConsumer consumer : consumers) {
            try {
                functions.handler(consumer);
            } catch (RuntimeException e) {
                problems.add(consumer.functionLogicalId() + " (" + consumer.handlerClassName() + "): "
                        + LocalFunctions.rootMessage(e));
                continue;
            }
            QueueEventSource source = new QueueEventSource(sqs, consumer, aws.region());
            Thread poller = new Thread(() -> poll(source), "queue-" + consumer.functionLogicalId());
            poller.setDaemon(true);
            pollers.add(poller);
            poller.start();
        }
        return problems;
    }

    private void poll(QueueEventSource source) {
        QueueConsumer consumer = source.consumer();
        while (running) {
            try {
                source.pollOnce(LONG_POLL, event -> functions.invoke(consumer, event));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                System.err.println("Polling " + consumer.queueLogicalId() + " for " + consumer.functionLogicalId()
                        + " failed (retrying in 1 s): " + LocalFunctions.rootMessage(e));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    List<QueueConsumer> consumers() {
        return consumers;
    }

    /** Stops polling: each thread ends after its current receive (at most {@link #LONG_POLL}) and batch. */
    @Override
    public synchronized void close() {
        running = false;
        for (Thread poller : pollers) {
            try {
                poller.join(LONG_POLL.toMillis() + 4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (poller.isAlive()) {
                poller.interrupt();
            }
        }
        pollers.clear();
        if (sqs != null) {
            sqs.close();
            sqs = null;
        }
    }
}
