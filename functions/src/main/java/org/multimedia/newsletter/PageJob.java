package org.multimedia.newsletter;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.multimedia.queue.Job;

/**
 * "Read page {@code page} of the campaign's list": the language at {@code languageIndex} of the
 * campaign's languages (its own, or en then fr), from {@code cursor}.
 */
@Serdeable
public record PageJob(String campaignId, int languageIndex, @Nullable String cursor, int page) implements Job {

    @Override
    public boolean complete() {
        return campaignId != null;
    }
}
