package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.video.Rendition;
import org.multimedia.video.Video;
import org.multimedia.video.VideoStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.multimedia.aws.Items.n;
import static org.multimedia.aws.Items.number;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.string;

/**
 * The catalogue table: one item per video, {@code id, title, summary, description, publishedAt,
 * durationSeconds, renditions (name, label, mimeType, sizeBytes, filename, sha256), status, updatedAt,
 * translations (fr: title, summary, description), poster and preview (filename, mimeType, sizeBytes, sha256,
 * width, height, durationSeconds)}, plus {@code listed = "published"} on published and scheduled
 * items only, so the {@code catalogue} index (listed, publishedAt) holds exactly the videos that
 * are or will be public (a key condition {@code publishedAt <= now} gives those visible now), and
 * {@code editorial = "draft"} on drafts only (the {@code drafts} index). {@code publishedAt} is
 * ISO-8601 to the second, which sorts as text.
 */
@Singleton
public class DynamoVideoStore implements VideoStore, Primed {

    static final String INDEX = "catalogue";
    static final String DRAFTS_INDEX = "drafts";
    private static final String LISTED = "published";
    private static final String DRAFT = "draft";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoVideoStore(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.videos();
        this.clock = clock;
    }

    @Override
    public Optional<Video> find(String id) {
        Map<String, AttributeValue> item = AwsCalls.guard("GetItem",
                () -> dynamo.getItem(r -> r.tableName(table).key(Map.of("id", s(id))).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(video(item));
    }

    @Override
    public List<Video> visible(Instant now, int limit, Optional<Position> after) {
        return query(INDEX, "listed = :key AND publishedAt <= :now", LISTED, Optional.of(now), false, limit, after);
    }

    @Override
    public Optional<Instant> nextRelease(Instant now) {
        return query(INDEX, "listed = :key AND publishedAt > :now", LISTED, Optional.of(now), true, 1, Optional.empty())
                .stream().findFirst().map(Video::publishedAt);
    }

    @Override
    public List<Video> listed(int limit, Optional<Position> after) {
        return query(INDEX, "listed = :key", LISTED, Optional.empty(), false, limit, after);
    }

    @Override
    public List<Video> scheduled(Instant now, int limit, Optional<Position> after) {
        return query(INDEX, "listed = :key AND publishedAt > :now", LISTED, Optional.of(now), false, limit, after);
    }

    @Override
    public List<Video> drafts(int limit, Optional<Position> after) {
        return query(DRAFTS_INDEX, "editorial = :key", DRAFT, Optional.empty(), false, limit, after);
    }

    /**
     * One page of a sparse index whose hash key ({@code listed} or {@code editorial}) holds one
     * value and whose range key is {@code publishedAt} (ISO-8601 to the second: sorts as text).
     */
    private List<Video> query(String index, String condition, String key, Optional<Instant> now, boolean oldestFirst,
                              int limit, Optional<Position> after) {
        String hashKey = index.equals(INDEX) ? "listed" : "editorial";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":key", s(key)));
        now.ifPresent(instant -> values.put(":now", s(instant.truncatedTo(ChronoUnit.SECONDS).toString())));
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(index)
                .keyConditionExpression(condition)
                .expressionAttributeValues(values)
                .scanIndexForward(oldestFirst)
                .limit(limit);
        after.ifPresent(position -> query.exclusiveStartKey(Map.of(
                "id", s(position.id()), hashKey, s(key), "publishedAt", s(position.publishedAt().toString()))));
        return AwsCalls.guard("Query", () -> dynamo.query(query.build()).items().stream().map(DynamoVideoStore::video).toList());
    }

    @Override
    public List<Video> find(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        return Items.batchGet(dynamo, table, distinct.stream().map(id -> Map.of("id", s(id))).toList()).stream()
                .map(DynamoVideoStore::video).toList();
    }

    @Override
    public boolean create(Video draft) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(draft.id()));
        item.put("title", s(draft.title()));
        item.put("summary", s(draft.summary()));
        item.put("description", s(draft.description()));
        item.put("publishedAt", s(draft.publishedAt().toString()));
        item.put("durationSeconds", n(draft.durationSeconds()));
        item.put("renditions", AttributeValue.fromL(draft.renditions().stream().map(DynamoVideoStore::rendition).toList()));
        item.put("status", s(status(draft.status())));
        item.put("editorial", s(DRAFT));
        if (!draft.translations().isEmpty()) {
            Map<String, AttributeValue> translations = new HashMap<>();
            draft.translations().forEach((language, t) -> translations.put(language, translation(t)));
            item.put("translations", AttributeValue.fromM(translations));
        }
        if (draft.poster() != null) {
            item.put("poster", media(draft.poster()));
        }
        if (draft.preview() != null) {
            item.put("preview", media(draft.preview()));
        }
        item.put("updatedAt", s(clock.instant().toString()));
        return AwsCalls.guard("PutItem", () -> {
            try {
                dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));
                return true;
            } catch (ConditionalCheckFailedException taken) {
                return false;
            }
        });
    }

    @Override
    public boolean release(Video released) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", s(status(released.status())), ":now", s(clock.instant().toString()),
                ":listed", s(LISTED), ":publishedAt", s(released.publishedAt().toString())));
        StringBuilder update = new StringBuilder("SET #status = :status, updatedAt = :now, listed = :listed, publishedAt = :publishedAt");
        if (released.poster() != null) {
            values.put(":poster", media(released.poster()));
            update.append(", poster = :poster");
        }
        if (released.preview() != null) {
            values.put(":preview", media(released.preview()));
            update.append(", preview = :preview");
        }
        return update(released.id(), update.append(" REMOVE editorial").toString(), values);
    }

    /** Unpublished (or any status but released ones): out of the listed index. */
    @Override
    public boolean setStatus(String id, Video.Status status) {
        boolean listed = status == Video.Status.PUBLISHED;
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", s(status(status)), ":now", s(clock.instant().toString())));
        if (listed) {
            values.put(":listed", s(LISTED));
        }
        return update(id, "SET #status = :status, updatedAt = :now" + (listed ? ", listed = :listed" : " REMOVE listed"), values);
    }

    private boolean update(String id, String expression, Map<String, AttributeValue> values) {
        return AwsCalls.guard("UpdateItem", () -> {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(Map.of("id", s(id)))
                        .conditionExpression("attribute_exists(id)")
                        .updateExpression(expression)
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException unknown) {
                return false;
            }
        });
    }

    private static Video video(Map<String, AttributeValue> item) {
        List<Rendition> renditions = item.getOrDefault("renditions", AttributeValue.fromL(List.of())).l().stream()
                .map(AttributeValue::m)
                .map(r -> new Rendition(string(r, "name"), string(r, "label"), string(r, "mimeType"),
                        number(r, "sizeBytes"), string(r, "filename"), string(r, "sha256")))
                .toList();
        Map<String, Video.Translation> translations = new HashMap<>();
        item.getOrDefault("translations", AttributeValue.fromM(Map.of())).m().forEach((language, t) -> translations.put(
                language, new Video.Translation(string(t.m(), "title"), string(t.m(), "summary"), string(t.m(), "description"))));
        return new Video(string(item, "id"), string(item, "title"), string(item, "summary"), string(item, "description"),
                Instant.parse(string(item, "publishedAt")), (int) number(item, "durationSeconds"), renditions,
                Video.Status.valueOf(string(item, "status").toUpperCase(Locale.ROOT)), translations,
                media(item.get("poster")), media(item.get("preview")));
    }

    /** Only the fields given: a translation may leave any of them to English. */
    private static AttributeValue translation(Video.Translation t) {
        Map<String, AttributeValue> map = new HashMap<>();
        if (t.title() != null) {
            map.put("title", s(t.title()));
        }
        if (t.summary() != null) {
            map.put("summary", s(t.summary()));
        }
        if (t.description() != null) {
            map.put("description", s(t.description()));
        }
        return AttributeValue.fromM(map);
    }

    /** {@code sha256}: absent when not declared (it is recorded at publish). */
    static AttributeValue media(Video.Media m) {
        Map<String, AttributeValue> map = new HashMap<>(Map.of("filename", s(m.filename()), "mimeType", s(m.mimeType()),
                "sizeBytes", n(m.sizeBytes()), "width", n(m.width()), "height", n(m.height()),
                "durationSeconds", n(m.durationSeconds())));
        if (m.sha256() != null) {
            map.put("sha256", s(m.sha256()));
        }
        return AttributeValue.fromM(map);
    }

    private static Video.Media media(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new Video.Media(string(m, "filename"), string(m, "mimeType"), number(m, "sizeBytes"), string(m, "sha256"),
                (int) number(m, "width"), (int) number(m, "height"), (int) number(m, "durationSeconds"));
    }

    /** {@code sha256}: absent on renditions declared before SHA-256s were. */
    private static AttributeValue rendition(Rendition r) {
        Map<String, AttributeValue> map = new HashMap<>(Map.of("name", s(r.name()), "label", s(r.label()),
                "mimeType", s(r.mimeType()), "sizeBytes", n(r.sizeBytes()), "filename", s(r.filename())));
        if (r.sha256() != null) {
            map.put("sha256", s(r.sha256()));
        }
        return AttributeValue.fromM(map);
    }

    private static String status(Video.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, table, Items.key("id", Items.PRIMING_KEY));
        visible(clock.instant(), 1, Optional.empty()); // the public list's first item: a read
    }
}
