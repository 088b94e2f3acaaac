package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.queue.Job;
import org.multimedia.queue.JobCodec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;
import java.util.UUID;

/** Sends one job to a queue, its body as {@link JobCodec} writes it: what every queue adapter does the same way. */
@Singleton
class SqsJobs {

    private final SqsClient sqs;
    private final JobCodec jobs;

    SqsJobs(SqsClient sqs, JobCodec jobs) {
        this.sqs = sqs;
        this.jobs = jobs;
    }

    void send(String queueUrl, Job job) {
        String body = jobs.write(job);
        AwsCalls.run("SendMessage", () -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)));
    }

    /**
     * Sends one job to a FIFO queue, in {@code group} (the queue hands a group's messages out one
     * batch at a time, in order). Each message is its own (a random deduplication id): the same
     * job sent twice is two messages, as publish then unpublish of one video must be.
     */
    void sendInOrder(String queueUrl, Job job, String group) {
        String body = jobs.write(job);
        AwsCalls.run("SendMessage", () -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)
                .messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString())));
    }

    /** Before a snapshot: an empty SendMessageBatch, refused by SQS (nothing can be sent), with the function's own permission. */
    void primeSend(String queueUrl) {
        try {
            sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(List.of()));
        } catch (SqsException expected) {
            // EmptyBatchRequest: the answer priming expects
        }
    }
}
