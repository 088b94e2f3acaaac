package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.newsletter.CampaignQueues;
import org.multimedia.newsletter.CampaignSettings;
import org.multimedia.newsletter.PageJob;
import org.multimedia.newsletter.SendJob;
import org.multimedia.queue.JobCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** NEWSLETTER_PAGE_QUEUE_URL and NEWSLETTER_SEND_QUEUE_URL: JSON jobs, send jobs in batches of 10. */
@Singleton
public class SqsCampaignQueues implements CampaignQueues, Primed {

    private static final Logger LOG = LoggerFactory.getLogger(SqsCampaignQueues.class);

    private final SqsClient sqs;
    private final SqsJobs queue;
    private final CampaignSettings settings;
    private final JobCodec jobs;

    public SqsCampaignQueues(SqsClient sqs, SqsJobs queue, CampaignSettings settings, JobCodec jobs) {
        this.sqs = sqs;
        this.queue = queue;
        this.settings = settings;
        this.jobs = jobs;
    }

    @Override
    public void enqueuePage(PageJob job) {
        queue.send(settings.pageQueueUrl(), job);
    }

    @Override
    public void enqueueSends(List<SendJob> all) {
        for (int from = 0; from < all.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(all.size(), from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i - from)).messageBody(jobs.write(all.get(i))).build());
            }
            SendMessageBatchResponse response = AwsCalls.guard("SendMessageBatch",
                    () -> sqs.sendMessageBatch(r -> r.queueUrl(settings.sendQueueUrl()).entries(entries)));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                // The page job fails and is retried whole: what did go is claimed once anyway.
                throw new IllegalStateException(response.failed().size() + " send jobs were not queued");
            }
        }
    }

    @Override
    public void retrySendLater(String receiptHandle, Duration delay) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(settings.sendQueueUrl()).receiptHandle(receiptHandle)
                    .visibilityTimeout((int) Math.min(43_200, delay.toSeconds())));
        } catch (SdkException e) {
            // Best effort: the queue's visibility timeout still brings the message back.
            LOG.warn("ChangeMessageVisibility failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void prime() {
        queue.primeSend(settings.sendQueueUrl());
    }
}
