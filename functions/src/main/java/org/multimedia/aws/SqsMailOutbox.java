package org.multimedia.aws;

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
public class SqsMailOutbox implements MailOutbox {

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
}
