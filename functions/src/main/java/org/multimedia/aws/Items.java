package org.multimedia.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import java.util.Optional;

/** Small helpers to read and write DynamoDB attribute values. */
final class Items {

    /** The key priming reads: no item of ours has it (ids are UUIDs, emails have an @, keys a prefix). */
    static final String PRIMING_KEY = "#priming";

    private Items() {
    }

    /**
     * Priming before a snapshot, on a key that never exists: a consistent GetItem, then a PutItem,
     * an UpdateItem and a DeleteItem each conditional on that item existing, so DynamoDB refuses
     * them (ConditionalCheckFailed) and nothing is written. The client, each operation's
     * marshallers, the refusal's unmarshalling and the HTTP path are loaded. A call the function's
     * role does not allow is refused too (AccessDenied) and loads as much; each is tried on its own.
     */
    static void prime(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key) {
        String someKey = key.keySet().iterator().next();
        Map<String, String> names = Map.of("#k", someKey);
        refused(() -> dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)));
        refused(() -> dynamo.putItem(r -> r.tableName(table).item(key).conditionExpression("attribute_exists(#k)")
                .expressionAttributeNames(names)));
        refused(() -> dynamo.updateItem(r -> r.tableName(table).key(key).updateExpression("SET #p = :p")
                .conditionExpression("attribute_exists(#k)")
                .expressionAttributeNames(Map.of("#k", someKey, "#p", "priming"))
                .expressionAttributeValues(Map.of(":p", n(1)))));
        refused(() -> dynamo.deleteItem(r -> r.tableName(table).key(key).conditionExpression("attribute_exists(#k)")
                .expressionAttributeNames(names)));
    }

    /** One priming call: its answer or its refusal (the condition, or the role) is all the same. */
    private static void refused(Runnable call) {
        try {
            call.run();
        } catch (DynamoDbException expected) {
            // ConditionalCheckFailed (nothing written) or AccessDenied: loaded either way
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue millis(Instant instant) {
        return n(instant.toEpochMilli());
    }

    /** A TTL attribute: epoch seconds, when DynamoDB may delete the item (expiry itself is checked in code). */
    static AttributeValue ttl(Instant instant) {
        return n(instant.getEpochSecond());
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.ofEpochMilli(number(item, name));
    }

    static Map<String, AttributeValue> key(String name, String value) {
        return Map.of(name, s(value));
    }

    /** The item under the {@code pk} key, read consistently (counters and codes must see the latest write). */
    static Optional<Map<String, AttributeValue>> latest(DynamoDbClient dynamo, String table, String pk) {
        Map<String, AttributeValue> item = AwsCalls.guard("GetItem",
                () -> dynamo.getItem(r -> r.tableName(table).key(key("pk", pk)).consistentRead(true)).item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** BatchGetItem's limit: 100 keys a call (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html). */
    static final int MAX_BATCH_GET = 100;
    private static final int MAX_BATCH_ATTEMPTS = 5;

    /**
     * The items under {@code keys} (at most {@link #MAX_BATCH_GET}), read consistently, in any
     * order; absent ones are left out. Unprocessed keys (throttling, the 16 MB answer limit) are
     * asked again, a few times.
     */
    static List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys) {
        if (keys.size() > MAX_BATCH_GET) {
            throw new IllegalArgumentException("BatchGetItem reads at most " + MAX_BATCH_GET + " keys: " + keys.size());
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = keys.isEmpty() ? Map.of()
                : Map.of(table, KeysAndAttributes.builder().consistentRead(true).keys(keys).build());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == MAX_BATCH_ATTEMPTS) {
                throw new IllegalStateException("BatchGetItem left keys unprocessed " + MAX_BATCH_ATTEMPTS + " times");
            }
            Map<String, KeysAndAttributes> asked = pending;
            BatchGetItemResponse answer = AwsCalls.guard("BatchGetItem", () -> dynamo.batchGetItem(r -> r.requestItems(asked)));
            found.addAll(answer.responses().getOrDefault(table, List.of()));
            pending = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
        }
        return found;
    }
}
