package org.multimedia.video.search;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.QueueConsumer;
import org.multimedia.infrastructure.emulator.QueueEventSource;
import org.multimedia.testing.TestAws;
import org.multimedia.video.CatalogueChanges;
import org.multimedia.video.ListVideosHandler;
import org.multimedia.video.PublishVideoHandler;
import org.multimedia.video.Video;
import org.multimedia.video.VideoStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search index against the emulator, through the functions' own contexts: a change queued by
 * the publish function's CatalogueChanges reaches the FIFO search index queue, the search index
 * function (run as Lambda's event source runs it) rewrites search/index in the video bucket, and
 * the list function's VideoSearch finds the video; unpublished, it is gone. A stack of its own:
 * the index object and the queue hold this test's changes only.
 */
class SearchIndexIntegrationTest {

    private static final TestAws aws = TestAws.isolated("search");

    private final ApplicationContext editing = aws.handler(PublishVideoHandler.class, "PublishVideoFunction").getApplicationContext();
    private final VideoStore store = editing.getBean(VideoStore.class);
    private final CatalogueChanges changes = editing.getBean(CatalogueChanges.class);
    private final SearchIndexHandler consumer = aws.handler(SearchIndexHandler.class, "SearchIndexFunction");
    // Asks S3 on every search whether the index changed (the deployed default: at most every second).
    private final ApplicationContext listing = aws.handler(ListVideosHandler.class, "ListVideosFunction",
            Map.of("SEARCH_INDEX_REFRESH", "0s")).getApplicationContext();
    private final VideoSearch search = listing.getBean(VideoSearch.class);

    @Test
    void aPublishedVideoIsFoundOnceTheIndexIsUpdatedAndAnUnpublishedOneIsGone() {
        String id = "search-" + UUID.randomUUID();
        Instant publishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        assertTrue(store.create(new Video(id, "Defence Ministers meet in Madrid", "The ministers met.", "A long description.",
                publishedAt, 600, List.of(), Video.Status.DRAFT,
                Map.of("fr", new Video.Translation("Les ministres de la Défense se réunissent à Madrid", null, null)), null, null)));
        assertEquals(List.of(), find("madrid"), "a draft is not found (the index is built from the catalogue: none stored yet)");

        assertTrue(store.setStatus(id, Video.Status.PUBLISHED));
        changes.changed(id);
        assertEquals(1, drain(), "one change on the search index queue");
        assertEquals(List.of(new VideoStore.Position(publishedAt, id)), search.find(query("défense ministres"), Instant.now(),
                Optional.empty(), 10), "found by its French words, accents ignored");
        assertEquals(List.of(id), find("defense madr"));
        assertTrue(indexObjectExists(), "search/index is in the video bucket");

        assertTrue(store.setStatus(id, Video.Status.UNPUBLISHED));
        changes.changed(id);
        assertEquals(1, drain());
        assertEquals(List.of(), find("madrid"), "unpublished: gone from the index");
    }

    @Test
    void aWriteOverAVersionThatIsNoLongerStoredIsRefused() {
        SearchIndexFiles files = listing.getBean(SearchIndexFiles.class);
        SearchIndexFiles.Read read = files.read(Optional.empty());
        if (read instanceof SearchIndexFiles.Absent) {
            assertTrue(files.write(SearchIndex.empty().encode(), Optional.empty()), "the first index");
            read = files.read(Optional.empty());
        }
        SearchIndexFiles.Changed stored = assertInstanceOf(SearchIndexFiles.Changed.class, read);
        String etag = stored.stored().etag();
        assertInstanceOf(SearchIndexFiles.Unchanged.class, files.read(Optional.of(etag)), "304 for the version held");
        assertFalse(files.write(stored.stored().bytes(), Optional.empty()), "If-None-Match: * over an existing index");
        assertFalse(files.write(stored.stored().bytes(), Optional.of("\"0123456789abcdef0123456789abcdef\"")), "If-Match another version");
        assertTrue(files.write(stored.stored().bytes(), Optional.of(etag)), "If-Match the version read");
    }

    private List<String> find(String text) {
        return search.find(query(text), Instant.now(), Optional.empty(), 50).stream().map(VideoStore.Position::id).toList();
    }

    private static SearchQuery query(String text) {
        return new SearchQuery(SearchText.words(text), Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    /** Runs the search index function on its queue's batches, as Lambda's event source does, until the queue is empty. */
    private int drain() {
        QueueConsumer queue = aws.stack().queueConsumers().stream()
                .filter(c -> c.functionLogicalId().equals("SearchIndexFunction")).findFirst().orElseThrow();
        try (SqsClient sqs = aws.aws().client(SqsClient.builder())) {
            QueueEventSource source = new QueueEventSource(sqs, queue, aws.aws().region());
            int handled = 0;
            for (int received; (received = source.pollOnce(Duration.ofSeconds(1), event -> consumer.handleRequest(event, null))) > 0; ) {
                handled += received;
            }
            return handled;
        }
    }

    private boolean indexObjectExists() {
        try (S3Client s3 = aws.aws().client(S3Client.builder().forcePathStyle(true))) {
            String bucket = aws.stack().physicalId("VideoBucket");
            return s3.listObjectsV2(r -> r.bucket(bucket).prefix("search/")).contents().stream()
                    .anyMatch(o -> o.key().equals("search/index"));
        }
    }
}
