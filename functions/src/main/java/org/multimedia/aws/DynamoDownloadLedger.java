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
 * One transaction: the per-user counters in the rate-limit table (links this hour: {@code ADD
 * count} only while under its maximum; bytes today: {@code ADD bytes} only while the download
 * fits in what is left), the audit item in the downloads table
 * ({@code sub, downloadId, videoId, rendition, sizeBytes, at}; index {@code by-video}), kept for
 * good, and the download's source IP as an item of its own ({@code sub = "sourceIp#" + sub},
 * the same {@code downloadId}, {@code sourceIp}, {@code ttl}) that DynamoDB's time to live deletes
 * {@link DownloadLedger#SOURCE_IP_RETENTION} after the download. TTL deletes whole items, so the IP
 * cannot be an attribute of the audit item; its own partition keeps it out of a member's history
 * (a query by {@code sub}) and, without {@code videoId}, out of the {@code by-video} index. TTL
 * deletes within a few days of the time, and never on the emulator: whoever reads the IP items
 * must skip those whose {@code ttl} has passed.
 */
@Singleton
public class DynamoDownloadLedger implements DownloadLedger, Primed {

    private static final int LINKS = 0;
    private static final int BYTES = 1;
    /** The partition of a member's source-IP items, apart from their audit items. */
    static final String SOURCE_IP_PREFIX = "sourceIp#";

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final SecureRandom random;

    public DynamoDownloadLedger(DynamoDbClient dynamo, TableNames tables, SecureRandom random) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.random = random;
    }

    @Override
    public Outcome record(Download download, Counter links, Counter bytes) {
        byte[] suffix = new byte[6];
        random.nextBytes(suffix);
        String at = download.at().toString();
        String downloadId = at + "#" + HexFormat.of().formatHex(suffix);
        return AwsCalls.guard("TransactWriteItems", () -> {
            try {
                // Item order matters: the cancellation reasons below are read by index (LINKS, BYTES).
                dynamo.transactWriteItems(t -> t.transactItems(
                        item -> item.update(u -> u.tableName(tables.rateLimits())
                                .key(Map.of("pk", s(links.key())))
                                .updateExpression("ADD #count :add SET #ttl = :ttl")
                                .conditionExpression("attribute_not_exists(#count) OR #count <= :room")
                                .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
                                .expressionAttributeValues(Map.of(":add", n(links.add()),
                                        ":room", n(links.max() - links.add()), ":ttl", ttl(links.windowEnd())))),
                        item -> item.update(u -> u.tableName(tables.rateLimits())
                                .key(Map.of("pk", s(bytes.key())))
                                .updateExpression("ADD #bytes :add SET #ttl = :ttl")
                                .conditionExpression("attribute_not_exists(#bytes) OR #bytes <= :room")
                                .expressionAttributeNames(Map.of("#bytes", "bytes", "#ttl", "ttl"))
                                .expressionAttributeValues(Map.of(":add", n(bytes.add()),
                                        ":room", n(bytes.max() - bytes.add()), ":ttl", ttl(bytes.windowEnd())))),
                        item -> item.put(p -> p.tableName(tables.downloads()).item(Map.of(
                                "sub", s(download.sub()),
                                "downloadId", s(downloadId),
                                "videoId", s(download.videoId()),
                                "rendition", s(download.rendition()),
                                "sizeBytes", n(download.sizeBytes()),
                                "at", s(at)))),
                        item -> item.put(p -> p.tableName(tables.downloads()).item(Map.of(
                                "sub", s(SOURCE_IP_PREFIX + download.sub()),
                                "downloadId", s(downloadId),
                                "sourceIp", s(download.sourceIp()),
                                "ttl", ttl(download.at().plus(SOURCE_IP_RETENTION)))))));
                return Outcome.RECORDED;
            } catch (TransactionCanceledException e) {
                if (refused(e, BYTES)) {
                    return Outcome.BYTES_USED_UP;
                }
                if (refused(e, LINKS)) {
                    return Outcome.LINKS_USED_UP;
                }
                throw e;
            }
        });
    }

    /** Whether the item at {@code index} of the transaction failed its condition (a full counter). */
    private static boolean refused(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, tables.downloads(), Map.of("sub", s(Items.PRIMING_KEY), "downloadId", s(Items.PRIMING_KEY)));
    }
}
