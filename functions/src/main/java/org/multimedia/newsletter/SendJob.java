package org.multimedia.newsletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.multimedia.queue.Job;

/** "Mail this campaign to this recipient": one SQS message. {@code subscriberId} is null for a test send. */
@Serdeable
public record SendJob(String campaignId, String email, @Nullable String subscriberId, String language, boolean test)
        implements Job {

    @Override
    public boolean complete() {
        return campaignId != null && email != null && language != null;
    }
}
