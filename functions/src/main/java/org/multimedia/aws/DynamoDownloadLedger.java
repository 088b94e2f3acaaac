package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.video.DownloadLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.multimedia.aws.Items.n;
import static org.multimedia.aws.Items.number;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.string;
import static org.multimedia.aws.Items.ttl;

/**
 * One transaction per request:
 * <ul>
 * <li>the per-user counters in the rate-limit table (links this hour: {@code ADD count} only while
 * under its maximum; bytes today: {@code ADD bytes} only while the request fits in what is left);</li>
 * <li>each file's grant in the rate-limit table ({@code pk = "grant#" + sub + "#" + videoId + "#"
 * + rendition}, {@code until} in epoch milliseconds, {@code bytesDay}), written only if it is still
 * as it was read ({@code until} unchanged, or still absent): two requests at once for the same file
 * cannot both count it, nor both skip it;</li>
 * <li>for each counted download, the audit item in the downloads table ({@code sub, downloadId,
 * videoId, rendition, title, filename, sizeBytes, sha256, at}; index {@code by-video}), kept for
 * good and read back as the member's history, and the download's source IP as an item of its own
 * ({@code sub = "sourceIp#" + sub}, the same {@code downloadId}, {@code sourceIp}, {@code ttl})
 * that DynamoDB's time to live deletes {@link DownloadLedger#SOURCE_IP_RETENTION} after the
 * download. TTL deletes whole items, so the IP cannot be an attribute of the audit item; its own
 * partition keeps it out of the history (a query by {@code sub}) and, without {@code videoId}, out
 * of the {@code by-video} index. TTL deletes within a few days of the time, and never on the
 * emulator: whoever reads the IP items must skip those whose {@code ttl} has passed.</li>
 * </ul>
 * A transaction holds at most 100 actions: a basket's files take 3 each, the counters 2.
 */
@Singleton
public class DynamoDownloadLedger implements DownloadLedger, Primed {

    /** TransactWriteItems' limit (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html). */
    public static final int MAX_ACTIONS = 100;
    /** The actions a counted file takes (grant, audit, source IP) and those of the two counters. */
    public static final int ACTIONS_PER_FILE = 3;
    public static final int COUNTER_ACTIONS = 2;
    /** The partition of a member's source-IP items, apart from their audit items. */
    static final String SOURCE_IP_PREFIX = "sourceIp#";
    /** Fixed width, so that download ids sort by time as text (history is read newest first). */
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final SecureRandom random;

    public DynamoDownloadLedger(DynamoDbClient dynamo, TableNames tables, SecureRandom random) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.random = random;
    }

    @Override
    public Map<FileKey, Grant> grants(String sub, Collection<FileKey> files) {
        Map<String, FileKey> byKey = new HashMap<>();
        files.forEach(file -> byKey.put(grantKey(sub, file), file));
        Map<FileKey, Grant> grants = new HashMap<>();
        for (Map<String, AttributeValue> item : Items.batchGet(dynamo, tables.rateLimits(),
                byKey.keySet().stream().map(pk -> Map.of("pk", s(pk))).toList())) {
            grants.put(byKey.get(string(item, "pk")),
                    new Grant(Instant.ofEpochMilli(number(item, "until")), number(item, "bytesDay")));
        }
        return grants;
    }

    @Override
    public Outcome record(String sub, List<Entry> entries, Counter links, Counter bytes) {
        List<TransactWriteItem> actions = new ArrayList<>();
        int linksAt = links.add() > 0 ? add(actions, counter(links, "count")) : -1;
        int bytesAt = bytes.add() > 0 ? add(actions, counter(bytes, "bytes")) : -1;
        for (Entry entry : entries) {
            actions.add(grant(sub, entry));
            if (entry.counted()) {
                audit(entry.download(), actions);
            }
        }
        return AwsCalls.guard("TransactWriteItems", () -> {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(actions));
                return Outcome.RECORDED;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                if (refused(reasons, bytesAt)) {
                    return Outcome.BYTES_USED_UP;
                }
                if (refused(reasons, linksAt)) {
                    return Outcome.LINKS_USED_UP;
                }
                // A grant changed since it was read, or another transaction on the same items ran at once.
                if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                        || "TransactionConflict".equals(r.code()))) {
                    return Outcome.RACED;
                }
                throw e;
            }
        });
    }

    private static int add(List<TransactWriteItem> actions, TransactWriteItem action) {
        actions.add(action);
        return actions.size() - 1;
    }

    private TransactWriteItem counter(Counter counter, String attribute) {
        return TransactWriteItem.builder().update(u -> u.tableName(tables.rateLimits())
                .key(Map.of("pk", s(counter.key())))
                .updateExpression("ADD #value :add SET #ttl = :ttl")
                .conditionExpression("attribute_not_exists(#value) OR #value <= :room")
                .expressionAttributeNames(Map.of("#value", attribute, "#ttl", "ttl"))
                .expressionAttributeValues(Map.of(":add", n(counter.add()),
                        ":room", n(counter.max() - counter.add()), ":ttl", ttl(counter.windowEnd())))).build();
    }

    /** The grant as it becomes, if it is still as read; kept until its link ends or its bytes' day does. */
    private TransactWriteItem grant(String sub, Entry entry) {
        Instant dayEnd = Instant.EPOCH.plus(Duration.ofDays(entry.after().bytesDay() + 1));
        Instant keep = entry.after().until().isAfter(dayEnd) ? entry.after().until() : dayEnd;
        Map<String, AttributeValue> item = Map.of("pk", s(grantKey(sub, entry.download().file())),
                "until", n(entry.after().until().toEpochMilli()), "bytesDay", n(entry.after().bytesDay()), "ttl", ttl(keep));
        return TransactWriteItem.builder().put(p -> {
            p.tableName(tables.rateLimits()).item(item);
            entry.before().ifPresentOrElse(
                    before -> p.conditionExpression("#until = :before").expressionAttributeNames(Map.of("#until", "until"))
                            .expressionAttributeValues(Map.of(":before", n(before.until().toEpochMilli()))),
                    () -> p.conditionExpression("attribute_not_exists(pk)"));
        }).build();
    }

    private void audit(Download download, List<TransactWriteItem> actions) {
        byte[] suffix = new byte[6];
        random.nextBytes(suffix);
        String downloadId = ID_TIME.format(download.at()) + "#" + HexFormat.of().formatHex(suffix);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("sub", s(download.sub()));
        item.put("downloadId", s(downloadId));
        item.put("videoId", s(download.videoId()));
        item.put("rendition", s(download.rendition()));
        item.put("title", s(download.title()));
        item.put("filename", s(download.filename()));
        item.put("sizeBytes", n(download.sizeBytes()));
        if (download.sha256() != null) {
            item.put("sha256", s(download.sha256()));
        }
        item.put("at", s(download.at().toString()));
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(tables.downloads()).item(item)).build());
        actions.add(TransactWriteItem.builder().put(p -> p.tableName(tables.downloads()).item(Map.of(
                "sub", s(SOURCE_IP_PREFIX + download.sub()),
                "downloadId", s(downloadId),
                "sourceIp", s(download.sourceIp()),
                "ttl", ttl(download.at().plus(SOURCE_IP_RETENTION))))).build());
    }

    @Override
    public HistoryPage history(String sub, int limit, Optional<String> after) {
        // One more than the page: whether there is a next page is known without an empty last page.
        QueryResponse answer = AwsCalls.guard("Query", () -> dynamo.query(q -> {
            q.tableName(tables.downloads()).keyConditionExpression("#sub = :sub")
                    .expressionAttributeNames(Map.of("#sub", "sub"))
                    .expressionAttributeValues(Map.of(":sub", s(sub)))
                    .scanIndexForward(false).limit(limit + 1);
            after.ifPresent(position -> q.exclusiveStartKey(Map.of("sub", s(sub), "downloadId", s(position))));
        }));
        List<Map<String, AttributeValue>> items = answer.items();
        List<Past> page = items.stream().limit(limit).map(item -> new Past(string(item, "videoId"), string(item, "title"),
                string(item, "rendition"), string(item, "filename"), number(item, "sizeBytes"), string(item, "sha256"),
                Instant.parse(string(item, "at")))).toList();
        Optional<String> next = items.size() > limit ? Optional.of(string(items.get(limit - 1), "downloadId")) : Optional.empty();
        return new HistoryPage(page, next);
    }

    /** Whether the action at {@code index} failed its condition (a full counter); -1: no such action. */
    private static boolean refused(List<CancellationReason> reasons, int index) {
        return index >= 0 && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static String grantKey(String sub, FileKey file) {
        return "grant#" + sub + "#" + file.videoId() + "#" + file.rendition();
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, tables.downloads(), Map.of("sub", s(Items.PRIMING_KEY), "downloadId", s(Items.PRIMING_KEY)));
    }
}
