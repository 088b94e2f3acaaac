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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        DownloadLedger.Outcome outcome = ledger.record(new DownloadLedger.Download(sub, "video-1", "hd", 1000, at, "203.0.113.9"),
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

    private static List<Map<String, AttributeValue>> byPartition(DynamoDbClient dynamo, String table, String sub) {
        return dynamo.query(q -> q.tableName(table).keyConditionExpression("#sub = :sub")
                .expressionAttributeNames(Map.of("#sub", "sub"))
                .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS(sub)))).items();
    }
}
