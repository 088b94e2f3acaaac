package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.account.FailureCounters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.multimedia.aws.Items.instant;
import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.millis;
import static org.multimedia.aws.Items.n;
import static org.multimedia.aws.Items.number;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.ttl;

/** Failure counters in the rate-limit table: {@code pk, failures, windowStart, ttl}. */
@Singleton
public class DynamoFailureCounters implements FailureCounters {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoFailureCounters(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.rateLimits();
    }

    @Override
    public Optional<Count> find(String key) {
        return Items.latest(dynamo, table, key).map(item -> new Count((int) number(item, "failures"), instant(item, "windowStart")));
    }

    @Override
    public void increment(String key, Instant now, Instant windowCutoff, Instant forgetAfter) {
        AwsCalls.run("UpdateItem", () -> {
            try {
                // Atomic ADD within the current window, so parallel failures are all counted.
                dynamo.updateItem(r -> r.tableName(table).key(key("pk", key))
                        .updateExpression("ADD failures :one")
                        .conditionExpression("windowStart > :cutoff")
                        .expressionAttributeValues(Map.of(":one", n(1), ":cutoff", millis(windowCutoff))));
            } catch (ConditionalCheckFailedException noCurrentWindow) {
                dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(key), "failures", n(1),
                        "windowStart", millis(now), "ttl", ttl(forgetAfter))));
            }
        });
    }

    @Override
    public void reset(String key) {
        AwsCalls.run("DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(table).key(key("pk", key))));
    }
}
