package org.multimedia.newsletter;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code NEWSLETTER_*}: the campaign queues, how many subscribers a page job reads, the send
 * worker's pace (sends per second per concurrent worker: the whole send rate is this times the
 * worker's maximum concurrency) and how long a claim may be held before it counts as abandoned
 * (longer than the send worker's timeout, shorter than the send queue's visibility timeout).
 */
@ConfigurationProperties("newsletter")
public record CampaignSettings(
        @Nullable String pageQueueUrl,
        @Nullable String sendQueueUrl,
        @Bindable(defaultValue = "100") int pageSize,
        @Bindable(defaultValue = "5") double sendsPerSecond,
        @Bindable(defaultValue = "60") int claimLeaseSeconds) {
}
