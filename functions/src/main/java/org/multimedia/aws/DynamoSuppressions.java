package org.multimedia.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.inject.Singleton;
import org.multimedia.newsletter.Suppressions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.Map;

import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.millis;
import static org.multimedia.aws.Items.s;

/**
 * STAND-IN of the campaigns branch (issue 8): the subscriptions part owns and implements
 * {@link Suppressions} (SuppressionsTable, key email: reason, at, feedbackId); the merge keeps
 * theirs and deletes this file.
 */
@Singleton
public class DynamoSuppressions implements Suppressions {

    /** {@code TABLES_SUPPRESSIONS}. */
    @ConfigurationProperties("tables")
    public record SuppressionTable(String suppressions) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSuppressions(DynamoDbClient dynamo, SuppressionTable tables) {
        this.dynamo = dynamo;
        this.table = tables.suppressions();
    }

    @Override
    public boolean isSuppressed(String email) {
        var item = AwsCalls.guard("GetItem", () -> dynamo.getItem(r -> r.tableName(table).key(key("email", email))).item());
        return item != null && !item.isEmpty();
    }

    @Override
    public void suppress(String email, String reason, String feedbackId) {
        AwsCalls.run("PutItem", () -> dynamo.putItem(r -> r.tableName(table).item(Map.of("email", s(email),
                "reason", s(reason), "at", millis(Instant.now()), "feedbackId", s(feedbackId)))));
    }
}
