package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionHandler;

import java.util.List;

/**
 * BounceFunction: SES bounce and complaint notifications of newsletter mail, through the SNS
 * topic {@code NewsletterFeedbackTopic} (see {@link DeliveryFeedback}: only that topic's
 * notifications about mail of the newsletter's configuration set count). SNS invokes it
 * asynchronously: an exception makes Lambda retry the whole event twice, then hand it to the
 * function's dead-letter queue; only failures worth retrying (DynamoDB unavailable) throw, and
 * suppressing is idempotent, so a retried event changes nothing twice.
 */
public class BounceHandler extends FunctionHandler<SNSEvent, Void> {

    @Inject
    DeliveryFeedback feedback;

    public BounceHandler() {
    }

    public BounceHandler(ApplicationContext context) {
        super(context);
    }

    /** Before a snapshot: an event with no record (Records present); nothing is suppressed. */
    @Override
    protected void primeRequestPath() {
        SNSEvent empty = new SNSEvent();
        empty.setRecords(List.of());
        handleRequest(empty, null);
    }

    /** SNS always sends Records: an event without them is the keep-alive. */
    @Override
    protected boolean isKeepAlive(SNSEvent event) {
        return event.getRecords() == null;
    }

    @Override
    protected Void keepAliveAnswer() {
        return null;
    }

    @Override
    protected Void invoke(SNSEvent event) {
        List<SNSEvent.SNSRecord> records = event.getRecords();
        return withinDeadline(() -> {
            for (SNSEvent.SNSRecord record : records) {
                SNSEvent.SNS sns = record.getSNS();
                if (sns != null) {
                    feedback.handle(sns.getMessageId(), sns.getTopicArn(), sns.getMessage());
                }
            }
            return null;
        });
    }
}
