package org.multimedia.newsletter;

import java.time.Duration;
import java.util.List;

/** The two campaign queues: page jobs (the pager) and send jobs (the send worker). */
public interface CampaignQueues {

    void enqueuePage(PageJob job);

    /** One message per recipient, sent in SendMessageBatch calls of up to 10. */
    void enqueueSends(List<SendJob> jobs);

    /** Best effort: the send message comes back after {@code delay} instead of the queue's visibility timeout. */
    void retrySendLater(String receiptHandle, Duration delay);
}
