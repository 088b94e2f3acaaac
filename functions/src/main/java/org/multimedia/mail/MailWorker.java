package org.multimedia.mail;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.queue.JobQueueHandler;

/** MailWorkerFunction: sends what the API functions queued (see {@link MailDelivery}). */
public class MailWorker extends JobQueueHandler<MailMessage> {

    @Inject
    MailDelivery delivery;

    public MailWorker() {
        super(MailMessage.class);
    }

    public MailWorker(ApplicationContext context) {
        super(MailMessage.class, context);
    }

    @Override
    protected void handle(MailMessage mail, SQSEvent.SQSMessage message) {
        delivery.deliver(mail);
    }
}
