package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.queue.JobCodec;
import org.multimedia.video.CatalogueChange;
import org.multimedia.video.CatalogueChanges;
import org.multimedia.video.CatalogueChangesQueueSettings;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;

/** The catalogue changes queue: one SQS message per change, {@code {"videoId":"..."}} ({@link JobCodec}). */
@Singleton
public class SqsCatalogueChanges implements CatalogueChanges, Primed {

    private final SqsClient sqs;
    private final CatalogueChangesQueueSettings settings;
    private final JobCodec jobs;

    public SqsCatalogueChanges(SqsClient sqs, CatalogueChangesQueueSettings settings, JobCodec jobs) {
        this.sqs = sqs;
        this.settings = settings;
        this.jobs = jobs;
    }

    @Override
    public void changed(String videoId) {
        String body = jobs.write(new CatalogueChange(videoId));
        AwsCalls.run("SendMessage", () -> sqs.sendMessage(r -> r.queueUrl(settings.url()).messageBody(body)));
    }

    /** Before a snapshot: an empty SendMessageBatch, refused by SQS (nothing can be sent), with the function's own permission. */
    @Override
    public void prime() {
        try {
            sqs.sendMessageBatch(r -> r.queueUrl(settings.url()).entries(List.of()));
        } catch (SqsException expected) {
            // EmptyBatchRequest: the answer priming expects
        }
    }
}
