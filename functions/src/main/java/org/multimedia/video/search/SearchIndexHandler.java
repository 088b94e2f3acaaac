package org.multimedia.video.search;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.queue.JobBatchQueueHandler;
import org.multimedia.video.CatalogueChange;

import java.util.List;

/**
 * SearchIndexFunction: the catalogue changes of one batch of the search index queue (FIFO, one
 * message group: one batch at a time), one update of the stored search index ({@link SearchIndexing}).
 */
public class SearchIndexHandler extends JobBatchQueueHandler<CatalogueChange> {

    @Inject
    SearchIndexing indexing;

    public SearchIndexHandler() {
        super(CatalogueChange.class);
    }

    public SearchIndexHandler(ApplicationContext context) {
        super(CatalogueChange.class, context);
    }

    @Override
    protected void handle(List<CatalogueChange> changes, List<SQSEvent.SQSMessage> messages) {
        indexing.changed(changes.stream().map(CatalogueChange::videoId).toList());
    }
}
