package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionContexts;
import org.multimedia.core.InvocationDeadline;
import org.multimedia.core.PrimedFunction;
import org.multimedia.core.Priming;

import java.util.List;

/**
 * BounceFunction: SES bounce and complaint notifications of newsletter mail, through the SNS
 * topic {@code NewsletterFeedbackTopic} (see {@link DeliveryFeedback}). SNS invokes it
 * asynchronously: an exception makes Lambda retry the whole event twice, then hand it to the
 * function's dead-letter queue; only failures worth retrying (DynamoDB unavailable) throw, and
 * suppressing is idempotent, so a retried event changes nothing twice.
 */
public class BounceHandler extends MicronautRequestHandler<SNSEvent, Void> implements PrimedFunction {

    @Inject
    DeliveryFeedback feedback;

    /** Held here also because CRaC keeps resources by weak reference. */
    private final Priming priming;

    public BounceHandler() {
        // Before a snapshot: an empty event; nothing is suppressed.
        priming = Priming.register(getApplicationContext(), () -> handleRequest(new SNSEvent(), null));
    }

    public BounceHandler(ApplicationContext context) {
        super(context);
        priming = Priming.of(context, () -> handleRequest(new SNSEvent(), null));
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.builder();
    }

    @Override
    public Priming priming() {
        return priming;
    }

    @Override
    public Void execute(SNSEvent event) {
        List<SNSEvent.SNSRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        try (var deadline = InvocationDeadline.start(getApplicationContext().findBean(Context.class).orElse(null))) {
            for (SNSEvent.SNSRecord record : records) {
                SNSEvent.SNS sns = record.getSNS();
                if (sns != null) {
                    feedback.handle(sns.getMessageId(), sns.getMessage());
                }
            }
        }
        return null;
    }
}
