package org.multimedia.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Small helpers to read and write DynamoDB attribute values. */
final class Items {

    /** The key priming reads: no item of ours has it (ids are UUIDs, emails have an @, keys a prefix). */
    static final String PRIMING_KEY = "#priming";

    private Items() {
    }

    /**
     * Priming before a snapshot: one consistent GetItem of a key that never exists, so the client,
     * its marshallers and the HTTP path are loaded; nothing is written. Its outcome does not matter.
     */
    static void prime(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key) {
        dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true));
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
}
