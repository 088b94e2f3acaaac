package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.video.CatalogueChange;
import org.multimedia.video.CatalogueChanges;
import org.multimedia.video.CatalogueChangesQueueSettings;

/** The catalogue changes queue: one SQS message per change, {@code {"videoId":"..."}}. */
@Singleton
public class SqsCatalogueChanges implements CatalogueChanges, Primed {

    private final SqsJobs queue;
    private final CatalogueChangesQueueSettings settings;

    public SqsCatalogueChanges(SqsJobs queue, CatalogueChangesQueueSettings settings) {
        this.queue = queue;
        this.settings = settings;
    }

    @Override
    public void changed(String videoId) {
        queue.send(settings.url(), new CatalogueChange(videoId));
    }

    @Override
    public void prime() {
        queue.primeSend(settings.url());
    }
}
