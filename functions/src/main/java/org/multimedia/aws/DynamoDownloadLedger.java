package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.video.DownloadLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import static org.multimedia.aws.Items.n;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.ttl;

/**
 * One transaction: the per-user counter in the rate-limit table ({@code ADD count} only while
 * it is under the limit) and the audit item in the downloads table
 * ({@code sub, downloadId, videoId, rendition, at, sourceIp}; index {@code by-video}).
 */
@Singleton
public class DynamoDownloadLedger implements DownloadLedger, Primed {

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final SecureRandom random;

    public DynamoDownloadLedger(DynamoDbClient dynamo, TableNames tables, SecureRandom random) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.random = random;
    }

    @Override
    public boolean record(Download download, String windowKey, int max, java.time.Instant windowEnd) {
        byte[] suffix = new byte[6];
        random.nextBytes(suffix);
        String at = download.at().toString();
        return AwsCalls.guard("TransactWriteItems", () -> {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(
                        item -> item.update(u -> u.tableName(tables.rateLimits())
                                .key(Map.of("pk", s(windowKey)))
                                .updateExpression("ADD #count :one SET #ttl = :ttl")
                                .conditionExpression("attribute_not_exists(#count) OR #count < :max")
                                .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
                                .expressionAttributeValues(Map.of(":one", n(1), ":max", n(max), ":ttl", ttl(windowEnd)))),
                        item -> item.put(p -> p.tableName(tables.downloads()).item(Map.of(
                                "sub", s(download.sub()),
                                "downloadId", s(at + "#" + HexFormat.of().formatHex(suffix)),
                                "videoId", s(download.videoId()),
                                "rendition", s(download.rendition()),
                                "at", s(at),
                                "sourceIp", s(download.sourceIp()))))));
                return true;
            } catch (TransactionCanceledException e) {
                boolean overLimit = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                        && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
                if (overLimit) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, tables.downloads(), Map.of("sub", s(Items.PRIMING_KEY), "downloadId", s(Items.PRIMING_KEY)));
    }
}
