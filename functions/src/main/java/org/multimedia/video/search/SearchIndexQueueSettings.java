package org.multimedia.video.search;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code SEARCH_INDEX_QUEUE_URL}: the queue of catalogue changes the search index consumer reads (FIFO). */
@ConfigurationProperties("search.index.queue")
public record SearchIndexQueueSettings(String url) {
}
