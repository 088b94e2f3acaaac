package org.multimedia.video.search;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code SEARCH_INDEX_REFRESH}: how long a container answers from the index it holds before it
 * asks the store again whether a newer one was written (a conditional GET: one small call when
 * nothing changed). Bounds the delay from an index update to the searches that see it.
 */
@ConfigurationProperties("search.index")
public record SearchIndexSettings(@Bindable(defaultValue = "1s") Duration refresh) {
}
