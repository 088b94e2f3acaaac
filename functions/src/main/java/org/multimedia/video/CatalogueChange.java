package org.multimedia.video;

import io.micronaut.serde.annotation.Serdeable;
import org.multimedia.queue.Job;

/**
 * "The public catalogue changed because of this video" (published, unpublished): one message of
 * the catalogue changes queue, {@code {"videoId":"..."}}. The invalidator empties the edge cache
 * of the catalogue's paths ({@link CatalogueInvalidation}).
 */
@Serdeable
public record CatalogueChange(String videoId) implements Job {

    @Override
    public boolean complete() {
        return videoId != null && !videoId.isBlank();
    }
}
