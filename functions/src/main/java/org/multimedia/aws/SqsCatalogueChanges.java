package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.video.CatalogueChange;
import org.multimedia.video.CatalogueChanges;
import org.multimedia.video.CatalogueChangesQueueSettings;
import org.multimedia.video.search.SearchIndexQueueSettings;

/**
 * A catalogue change, {@code {"videoId":"..."}}, to its two consumers: the catalogue changes queue
 * (the edge cache invalidator) and the search index queue (FIFO, one message group: the search
 * index is updated by one batch at a time). Both are tried; if either failed, this throws.
 */
@Singleton
public class SqsCatalogueChanges implements CatalogueChanges, Primed {

    /** The search index queue's one message group: its updates never run side by side. */
    static final String SEARCH_INDEX_GROUP = "search-index";

    private final SqsJobs queue;
    private final CatalogueChangesQueueSettings settings;
    private final SearchIndexQueueSettings searchIndex;

    public SqsCatalogueChanges(SqsJobs queue, CatalogueChangesQueueSettings settings, SearchIndexQueueSettings searchIndex) {
        this.queue = queue;
        this.settings = settings;
        this.searchIndex = searchIndex;
    }

    @Override
    public void changed(String videoId) {
        CatalogueChange change = new CatalogueChange(videoId);
        RuntimeException failure = null;
        try {
            queue.send(settings.url(), change);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            queue.sendInOrder(searchIndex.url(), change, SEARCH_INDEX_GROUP);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void prime() {
        queue.primeSend(settings.url());
        queue.primeSend(searchIndex.url());
    }
}
