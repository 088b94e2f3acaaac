package org.multimedia.mail;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.queue.QueueHandler;

/** MailWorkerFunction: sends what the API functions queued (see {@link MailDelivery}). */
public class MailWorker extends QueueHandler {

    @Inject
    MailDelivery delivery;

    public MailWorker() {
    }

    public MailWorker(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void process(SQSEvent.SQSMessage message) {
        delivery.deliver(message.getBody());
    }
}
