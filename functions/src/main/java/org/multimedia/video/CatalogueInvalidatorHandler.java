package org.multimedia.video;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.queue.JobBatchQueueHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * CatalogueInvalidatorFunction: the catalogue changes of one SQS batch, one edge cache
 * invalidation ({@link CatalogueInvalidation}).
 */
public class CatalogueInvalidatorHandler extends JobBatchQueueHandler<CatalogueChange> {

    @Inject
    CatalogueInvalidation invalidation;

    public CatalogueInvalidatorHandler() {
        super(CatalogueChange.class);
    }

    public CatalogueInvalidatorHandler(ApplicationContext context) {
        super(CatalogueChange.class, context);
    }

    @Override
    protected void handle(List<CatalogueChange> changes, List<SQSEvent.SQSMessage> messages) {
        invalidation.invalidate(changes.stream().map(CatalogueChange::videoId).toList(), reference(messages));
    }

    /**
     * The batch's name: its message ids, hashed. Unique per batch (message ids are), and the same
     * when Lambda delivers the same batch again, so CloudFront answers a retry with the
     * invalidation it already made instead of a second one.
     */
    static String reference(List<SQSEvent.SQSMessage> messages) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            messages.stream().map(SQSEvent.SQSMessage::getMessageId).sorted()
                    .forEach(id -> sha256.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
            return "catalogue-" + HexFormat.of().formatHex(sha256.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
