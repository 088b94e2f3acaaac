package org.multimedia.infrastructure.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does for one {@link QueueConsumer}, one batch at a
 * time: receive up to BatchSize messages, hand them to the function as an {@link SQSEvent},
 * then delete the ones it did not report as failed. Failed messages are left alone: they come
 * back after the queue's visibility timeout, and the emulator moves them to the dead-letter
 * queue after maxReceiveCount receives, as SQS does. A function that throws, or that reports an
 * item it was not given, fails the whole batch (Lambda's rule).
 */
public final class QueueEventSource {

    private static final System.Logger LOG = System.getLogger(QueueEventSource.class.getName());

    private final SqsClient sqs;
    private final QueueConsumer consumer;
    private final String region;

    public QueueEventSource(SqsClient sqs, QueueConsumer consumer, String region) {
        this.sqs = sqs;
        this.consumer = consumer;
        this.region = region;
    }

    public QueueConsumer consumer() {
        return consumer;
    }

    /**
     * One receive, waiting up to {@code wait} for a message (long poll), and if any came, one
     * invocation of {@code function}. Returns how many messages the batch had.
     */
    public int pollOnce(Duration wait, Function<SQSEvent, SQSBatchResponse> function) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(consumer.queueUrl())
                .maxNumberOfMessages(Math.max(1, Math.min(10, consumer.batchSize())))
                .waitTimeSeconds((int) wait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        SQSBatchResponse response;
        try {
            response = function.apply(event(messages));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, consumer.functionLogicalId() + " failed its batch of "
                    + messages.size() + " (all left for a retry): " + e);
            return messages.size();
        }
        Set<String> failed = failedIds(response, messages);
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(done.size())).receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(consumer.queueUrl()).entries(done));
        }
        return messages.size();
    }

    /** The ids to keep; every id when the answer cannot be trusted (Lambda treats it as a failed batch). */
    private Set<String> failedIds(SQSBatchResponse response, List<Message> messages) {
        Set<String> all = new HashSet<>();
        messages.forEach(m -> all.add(m.messageId()));
        if (!consumer.reportsBatchItemFailures() || response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            if (failure == null || !all.contains(failure.getItemIdentifier())) {
                LOG.log(System.Logger.Level.WARNING, consumer.functionLogicalId()
                        + " reported a failure for a message it was not given: the whole batch is retried");
                return all;
            }
            failed.add(failure.getItemIdentifier());
        }
        return failed;
    }

    private SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setAttributes(new HashMap<>(message.attributesAsStrings()));
            Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(value.dataType());
                attribute.setStringValue(value.stringValue());
                if (value.binaryValue() != null) {
                    attribute.setBinaryValue(value.binaryValue().asByteBuffer());
                }
                attributes.put(name, attribute);
            });
            record.setMessageAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(consumer.queueArn());
            record.setAwsRegion(region);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
