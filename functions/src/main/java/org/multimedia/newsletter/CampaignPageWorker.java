package org.multimedia.newsletter;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.queue.JobQueueHandler;

/** CampaignPageWorkerFunction: one page of a campaign's list per message ({@link CampaignPager}). */
public class CampaignPageWorker extends JobQueueHandler<PageJob> {

    @Inject
    CampaignPager pager;

    public CampaignPageWorker() {
        super(PageJob.class);
    }

    public CampaignPageWorker(ApplicationContext context) {
        super(PageJob.class, context);
    }

    @Override
    protected void handle(PageJob job, SQSEvent.SQSMessage message) {
        pager.page(job);
    }
}
