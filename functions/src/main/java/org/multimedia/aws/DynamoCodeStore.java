package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.account.codes.CodeStore;
import org.multimedia.account.codes.PendingCode;
import org.multimedia.core.Primed;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.multimedia.aws.Items.instant;
import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.millis;
import static org.multimedia.aws.Items.n;
import static org.multimedia.aws.Items.number;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.string;
import static org.multimedia.aws.Items.ttl;

/** Pending codes in the codes table: {@code pk, codeHash, expiresAt, attemptsLeft, attrs, ttl}. */
@Singleton
public class DynamoCodeStore implements CodeStore, Primed {

    /** Records stay a day past their expiry so "expired" can still be told apart from "wrong". */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCodeStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.codes();
    }

    @Override
    public void put(PendingCode code) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(code.key()));
        item.put("codeHash", s(code.codeHash()));
        item.put("expiresAt", millis(code.expiresAt()));
        item.put("attemptsLeft", n(code.attemptsLeft()));
        item.put("attrs", AttributeValue.fromM(code.attributes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> s(e.getValue())))));
        item.put("ttl", ttl(code.expiresAt().plus(KEEP_AFTER_EXPIRY)));
        AwsCalls.run("PutItem", () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public Optional<PendingCode> find(String key) {
        return Items.latest(dynamo, table, key).map(item -> pendingCode(key, item));
    }

    @Override
    public Optional<PendingCode> takeAttempt(String key, int maxAttempts, Instant expiresAtIfNew) {
        return AwsCalls.guard("UpdateItem", () -> {
            try {
                Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table).key(key("pk", key))
                        .updateExpression("SET attemptsLeft = if_not_exists(attemptsLeft, :max) - :one, "
                                + "expiresAt = if_not_exists(expiresAt, :expires), #ttl = if_not_exists(#ttl, :ttl)")
                        .conditionExpression("attribute_not_exists(pk) OR attemptsLeft > :zero")
                        .expressionAttributeNames(Map.of("#ttl", "ttl"))
                        .expressionAttributeValues(Map.of(":max", n(maxAttempts), ":one", n(1), ":zero", n(0),
                                ":expires", millis(expiresAtIfNew), ":ttl", ttl(expiresAtIfNew.plus(KEEP_AFTER_EXPIRY))))
                        .returnValues(ReturnValue.ALL_NEW)).attributes();
                return Optional.of(pendingCode(key, updated));
            } catch (ConditionalCheckFailedException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean consume(String key, String codeHash) {
        return AwsCalls.guard("DeleteItem", () -> {
            try {
                dynamo.deleteItem(r -> r.tableName(table).key(key("pk", key))
                        .conditionExpression("codeHash = :hash")
                        .expressionAttributeValues(Map.of(":hash", s(codeHash))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    private static PendingCode pendingCode(String key, Map<String, AttributeValue> item) {
        AttributeValue attrs = item.get("attrs");
        Map<String, String> attributes = attrs == null || !attrs.hasM() ? Map.of() : attrs.m().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
        return new PendingCode(key, string(item, "codeHash"), instant(item, "expiresAt"),
                (int) number(item, "attemptsLeft"), attributes);
    }

    @Override
    public void delete(String key) {
        AwsCalls.run("DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(table).key(key("pk", key))));
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, table, key("pk", Items.PRIMING_KEY));
    }
}
