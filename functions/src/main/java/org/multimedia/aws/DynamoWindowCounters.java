package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.core.WindowCounters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;

import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.n;
import static org.multimedia.aws.Items.ttl;

/** Window counters in the rate-limit table: {@code pk} (the key names its window), {@code count}, {@code ttl}. */
@Singleton
public class DynamoWindowCounters implements WindowCounters, Primed {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWindowCounters(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.rateLimits();
    }

    @Override
    public boolean tryIncrement(String key, int max, Instant forgetAfter) {
        return AwsCalls.guard("UpdateItem", () -> {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key("pk", key))
                        .updateExpression("ADD #count :one SET #ttl = :ttl")
                        .conditionExpression("attribute_not_exists(#count) OR #count < :max")
                        .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
                        .expressionAttributeValues(Map.of(":one", n(1), ":max", n(max), ":ttl", ttl(forgetAfter))));
                return true;
            } catch (ConditionalCheckFailedException full) {
                return false;
            }
        });
    }

    @Override
    public void decrement(String key) {
        AwsCalls.run("UpdateItem", () -> {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key("pk", key))
                        .updateExpression("ADD #count :minusOne")
                        .conditionExpression("#count > :zero")
                        .expressionAttributeNames(Map.of("#count", "count"))
                        .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0))));
            } catch (ConditionalCheckFailedException alreadyZero) {
                // reset meanwhile: nothing to give back
            }
        });
    }

    @Override
    public void reset(String key) {
        AwsCalls.run("DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(table).key(key("pk", key))));
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, table, key("pk", Items.PRIMING_KEY));
    }
}
