package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.queue.JobQueueHandler;

/** CampaignSendWorkerFunction: one recipient per message, exactly once ({@link CampaignDelivery}). */
public class CampaignSendWorker extends JobQueueHandler<SendJob> {

    @Inject
    CampaignDelivery delivery;

    public CampaignSendWorker() {
        super(SendJob.class);
    }

    public CampaignSendWorker(ApplicationContext context) {
        super(SendJob.class, context);
    }

    @Override
    protected void handle(SendJob job, SQSEvent.SQSMessage message) {
        delivery.deliver(job, message.getReceiptHandle(), receiveCount(message));
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
