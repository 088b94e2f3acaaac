package org.multimedia.aws;

import org.multimedia.core.Primed;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.SqsException;
import jakarta.inject.Singleton;
import org.multimedia.mail.MailMessage;
import org.multimedia.mail.MailOutbox;
import org.multimedia.mail.MailQueueSettings;
import org.multimedia.queue.JobCodec;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The mail queue: one SQS message per email, its body the {@link MailMessage} as {@link JobCodec} writes it. */
@Singleton
public class SqsMailOutbox implements MailOutbox, Primed {

    private final SqsClient sqs;
    private final MailQueueSettings settings;
    private final JobCodec jobs;

    public SqsMailOutbox(SqsClient sqs, MailQueueSettings settings, JobCodec jobs) {
        this.sqs = sqs;
        this.settings = settings;
        this.jobs = jobs;
    }

    @Override
    public void enqueue(MailMessage message) {
        String body = jobs.write(message);
        AwsCalls.run("SendMessage", () -> sqs.sendMessage(r -> r.queueUrl(settings.url()).messageBody(body)));
    }

    /** Before a snapshot: an empty SendMessageBatch, refused by SQS (nothing can be sent), with the function's own permission. */
    @Override
    public void prime() {
        try {
            sqs.sendMessageBatch(r -> r.queueUrl(settings.url()).entries(List.of()));
        } catch (SqsException expected) {
            // EmptyBatchRequest: the answer priming expects
        }
    }
}
