package org.multimedia.aws;

import org.junit.jupiter.api.Test;
import org.multimedia.testing.TestAws;
import org.multimedia.video.DownloadLedger;
import org.multimedia.video.DownloadVideoHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 11: the download audit keeps who downloaded what and when for good, but the
 * address it came from only 90 days: the IP is an item of its own whose {@code ttl} DynamoDB's
 * time to live deletes. moto never deletes anything by TTL, so the item's shape and the table's
 * TTL setting are what is checked here.
 */
class DownloadAuditIntegrationTest {

    private final TestAws aws = TestAws.get();

    @Test
    void theSourceIpIsAnItemOfItsOwnThatExpiresAfterNinetyDays() {
        DownloadLedger ledger = aws.handler(DownloadVideoHandler.class, "DownloadVideoFunction")
                .getApplicationContext().getBean(DownloadLedger.class);
        String sub = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DownloadLedger.Outcome outcome = ledger.record(sub, List.of(new DownloadLedger.Entry(
                        new DownloadLedger.Download(sub, "video-1", "hd", "Summit", "summit-hd.mp4", 1000, "ab".repeat(32), at, "203.0.113.9"),
                        Optional.empty(), new DownloadLedger.Grant(at.plusSeconds(600), 1), true)),
                new DownloadLedger.Counter("downloads#" + sub + "#1", 1, 10, at.plusSeconds(3600)),
                new DownloadLedger.Counter("bytes#" + sub + "#1", 1000, 1_000_000, at.plusSeconds(86_400)));
        assertEquals(DownloadLedger.Outcome.RECORDED, outcome);

        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            String table = aws.stack().physicalId("DownloadsTable");
            List<Map<String, AttributeValue>> audit = byPartition(dynamo, table, sub);
            assertEquals(1, audit.size(), audit.toString());
            assertNull(audit.get(0).get("sourceIp"), "the audit item, kept for good, holds no IP: " + audit.get(0));
            assertNull(audit.get(0).get("ttl"), "the audit item itself never expires");
            assertEquals("video-1", audit.get(0).get("videoId").s());

            List<Map<String, AttributeValue>> sources = byPartition(dynamo, table, "sourceIp#" + sub);
            assertEquals(1, sources.size(), sources.toString());
            Map<String, AttributeValue> source = sources.get(0);
            assertEquals("203.0.113.9", source.get("sourceIp").s());
            assertEquals(audit.get(0).get("downloadId").s(), source.get("downloadId").s(), "joined to its download by id");
            assertEquals(at.plus(Duration.ofDays(90)).getEpochSecond(), Long.parseLong(source.get("ttl").n()),
                    "deleted by DynamoDB 90 days after the download");
            assertFalse(source.containsKey("videoId"), "not in the by-video index: " + source);

            assertEquals(TimeToLiveStatus.ENABLED, dynamo.describeTimeToLive(r -> r.tableName(table))
                    .timeToLiveDescription().timeToLiveStatus(), "the table's time to live is on");
            assertEquals("ttl", dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().attributeName());
        }
    }

    private DownloadLedger ledger() {
        return aws.handler(DownloadVideoHandler.class, "DownloadVideoFunction").getApplicationContext().getBean(DownloadLedger.class);
    }

    private static DownloadLedger.Entry entry(String sub, String video, Instant at, Optional<DownloadLedger.Grant> before, boolean counted) {
        return new DownloadLedger.Entry(new DownloadLedger.Download(sub, video, "hd", "Video " + video, video + ".mp4", 1000,
                "cd".repeat(32), at, "203.0.113.9"), before, new DownloadLedger.Grant(at.plusSeconds(600), at.getEpochSecond() / 86_400), counted);
    }

    private static DownloadLedger.Counter counter(String key, long add) {
        return new DownloadLedger.Counter(key, add, 1_000_000_000L, Instant.now().plusSeconds(3600));
    }

    /**
     * Issue 21: the grant is written only if it is still as it was read, so of two requests that
     * both read "no link yet", one counts the file and the other is told to read again; and the
     * history reads the audit records back newest first, page by page.
     */
    @Test
    void aGrantChangedSinceItWasReadRefusesTheWholeWriteAndTheHistoryIsNewestFirst() {
        DownloadLedger ledger = ledger();
        String sub = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DownloadLedger.FileKey file = new DownloadLedger.FileKey("video-a", "hd");

        assertEquals(DownloadLedger.Outcome.RECORDED, ledger.record(sub, List.of(entry(sub, "video-a", at, Optional.empty(), true)),
                counter("links#" + sub, 1), counter("bytes#" + sub, 1000)));
        DownloadLedger.Grant grant = ledger.grants(sub, List.of(file, new DownloadLedger.FileKey("video-b", "hd"))).get(file);
        assertEquals(new DownloadLedger.Grant(at.plusSeconds(600), at.getEpochSecond() / 86_400), grant);
        assertEquals(1, ledger.grants(sub, List.of(file, new DownloadLedger.FileKey("video-b", "hd"))).size(), "no grant for b yet");

        // A second request that read "no link" before the first wrote: nothing of it is written.
        assertEquals(DownloadLedger.Outcome.RACED, ledger.record(sub, List.of(entry(sub, "video-a", at, Optional.empty(), true)),
                counter("links#" + sub, 1), counter("bytes#" + sub, 1000)));
        // Asking again with the grant as read: written, and no audit record.
        assertEquals(DownloadLedger.Outcome.RECORDED, ledger.record(sub,
                List.of(entry(sub, "video-a", at.plusSeconds(5), Optional.of(grant), false)),
                counter("links#" + sub, 0), counter("bytes#" + sub, 0)));
        assertEquals(at.plusSeconds(605), ledger.grants(sub, List.of(file)).get(file).until());

        for (int i = 1; i <= 3; i++) {
            assertEquals(DownloadLedger.Outcome.RECORDED, ledger.record(sub,
                    List.of(entry(sub, "video-" + i, at.plusSeconds(i), Optional.empty(), true)),
                    counter("links#" + sub, 1), counter("bytes#" + sub, 1000)));
        }
        DownloadLedger.HistoryPage first = ledger.history(sub, 3, Optional.empty());
        assertEquals(List.of("video-3", "video-2", "video-1"), first.items().stream().map(DownloadLedger.Past::videoId).toList());
        assertEquals(new DownloadLedger.Past("video-3", "Video video-3", "hd", "video-3.mp4", 1000, "cd".repeat(32), at.plusSeconds(3)),
                first.items().get(0));
        DownloadLedger.HistoryPage last = ledger.history(sub, 3, first.next());
        assertEquals(List.of("video-a"), last.items().stream().map(DownloadLedger.Past::videoId).toList());
        assertEquals(Optional.empty(), last.next(), "no empty page after the last");
        assertEquals(List.of(), ledger.history(UUID.randomUUID().toString(), 3, Optional.empty()).items(), "only the caller's own");
    }

    /** A full basket (20 files, 3 actions each, and the 2 counters) fits in one transaction. */
    @Test
    void aFullBasketIsOneTransaction() {
        DownloadLedger ledger = ledger();
        String sub = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<DownloadLedger.Entry> entries = java.util.stream.IntStream.range(0, org.multimedia.video.Downloads.BASKET_MAX)
                .mapToObj(i -> entry(sub, "video-" + i, at, Optional.empty(), true)).toList();
        assertTrue(org.multimedia.video.Downloads.BASKET_MAX * DynamoDownloadLedger.ACTIONS_PER_FILE
                + DynamoDownloadLedger.COUNTER_ACTIONS <= DynamoDownloadLedger.MAX_ACTIONS);
        assertEquals(DownloadLedger.Outcome.RECORDED, ledger.record(sub, entries,
                counter("links#" + sub, 20), counter("bytes#" + sub, 20_000)));
        assertEquals(20, ledger.history(sub, 50, Optional.empty()).items().size());
    }

    private static List<Map<String, AttributeValue>> byPartition(DynamoDbClient dynamo, String table, String sub) {
        return dynamo.query(q -> q.tableName(table).keyConditionExpression("#sub = :sub")
                .expressionAttributeNames(Map.of("#sub", "sub"))
                .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS(sub)))).items();
    }
}
