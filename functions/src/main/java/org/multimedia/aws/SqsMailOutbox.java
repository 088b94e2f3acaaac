package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.mail.MailMessage;
import org.multimedia.mail.MailOutbox;
import org.multimedia.mail.MailQueueSettings;

/** The mail queue: one SQS message per email, its body the {@link MailMessage}. */
@Singleton
public class SqsMailOutbox implements MailOutbox, Primed {

    private final SqsJobs queue;
    private final MailQueueSettings settings;

    public SqsMailOutbox(SqsJobs queue, MailQueueSettings settings) {
        this.queue = queue;
        this.settings = settings;
    }

    @Override
    public void enqueue(MailMessage message) {
        queue.send(settings.url(), message);
    }

    @Override
    public void prime() {
        queue.primeSend(settings.url());
    }
}
