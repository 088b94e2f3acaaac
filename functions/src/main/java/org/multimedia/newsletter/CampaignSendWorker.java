package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.queue.QueueHandler;

/** CampaignSendWorkerFunction: one recipient per message, exactly once ({@link CampaignDelivery}). */
public class CampaignSendWorker extends QueueHandler {

    @Inject
    CampaignDelivery delivery;

    @Inject
    CampaignJobs jobs;

    public CampaignSendWorker() {
    }

    public CampaignSendWorker(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void process(SQSEvent.SQSMessage message) {
        SendJob job = jobs.read(message.getBody(), SendJob.class);
        if (job.campaignId() == null || job.email() == null || job.language() == null) {
            throw new IllegalArgumentException("Incomplete send job");
        }
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
