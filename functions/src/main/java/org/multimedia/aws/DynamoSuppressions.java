package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.newsletter.Suppressions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Map;

import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.millis;
import static org.multimedia.aws.Items.s;

/** The suppression list, key {@code email}: {@code reason} ("bounce" | "complaint"), {@code at} (epoch ms), {@code feedbackId}. */
@Singleton
public class DynamoSuppressions implements Suppressions, Primed {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoSuppressions(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.suppressions();
        this.clock = clock;
    }

    @Override
    public boolean isSuppressed(String email) {
        var item = AwsCalls.guard("GetItem", () -> dynamo.getItem(r -> r.tableName(table).key(key("email", email))
                .consistentRead(true)).item());
        return item != null && !item.isEmpty();
    }

    @Override
    public void suppress(String email, String reason, String feedbackId) {
        AwsCalls.run("PutItem", () -> {
            try {
                dynamo.putItem(r -> r.tableName(table)
                        .item(Map.of("email", s(email), "reason", s(reason), "at", millis(clock.instant()),
                                "feedbackId", s(feedbackId == null || feedbackId.isBlank() ? "unknown" : feedbackId)))
                        .conditionExpression("attribute_not_exists(email)"));
            } catch (ConditionalCheckFailedException alreadySuppressed) {
                // idempotent (SNS delivers at least once): the first reason stays
            }
        });
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, table, key("email", Items.PRIMING_KEY));
    }
}
