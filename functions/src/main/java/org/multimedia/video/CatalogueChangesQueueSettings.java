package org.multimedia.video;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code CATALOGUE_CHANGES_QUEUE_URL}: the queue the catalogue invalidator consumes. */
@ConfigurationProperties("catalogue.changes.queue")
public record CatalogueChangesQueueSettings(String url) {
}
