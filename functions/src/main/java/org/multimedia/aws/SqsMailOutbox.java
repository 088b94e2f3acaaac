package org.multimedia.aws;

import org.multimedia.core.Primed;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.SqsException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.multimedia.mail.MailMessage;
import org.multimedia.mail.MailOutbox;
import org.multimedia.mail.MailQueueSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The mail queue: one SQS message per email, its body the {@link MailMessage} as JSON. */
@Singleton
public class SqsMailOutbox implements MailOutbox, Primed {

    private final SqsClient sqs;
    private final MailQueueSettings settings;
    private final JsonMapper json;

    public SqsMailOutbox(SqsClient sqs, MailQueueSettings settings, JsonMapper json) {
        this.sqs = sqs;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public void enqueue(MailMessage message) {
        String body;
        try {
            body = new String(json.writeValueAsBytes(message), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
