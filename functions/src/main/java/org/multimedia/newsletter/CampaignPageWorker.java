package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.queue.QueueHandler;

/** CampaignPageWorkerFunction: one page of a campaign's list per message ({@link CampaignPager}). */
public class CampaignPageWorker extends QueueHandler {

    @Inject
    CampaignPager pager;

    @Inject
    CampaignJobs jobs;

    public CampaignPageWorker() {
    }

    public CampaignPageWorker(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void process(SQSEvent.SQSMessage message) {
        PageJob job = jobs.read(message.getBody(), PageJob.class);
        if (job.campaignId() == null) {
            throw new IllegalArgumentException("Incomplete page job");
        }
        pager.page(job);
    }
}
