package org.multimedia.aws;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.multimedia.newsletter.Subscribers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.string;

/**
 * STAND-IN of the campaigns branch (issue 8): the subscriptions part owns and implements
 * {@link Subscribers}; the merge keeps theirs and deletes this file. It reads the design's item
 * shape: the sparse GSI {@code subscribed} (HASH listLanguage, RANGE email, INCLUDE subscriberId).
 */
@Singleton
public class DynamoSubscribers implements Subscribers {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSubscribers(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.subscriptions();
    }

    @Override
    public Page subscribed(String language, @Nullable String cursor, int limit) {
        QueryResponse response = AwsCalls.guard("Query", () -> dynamo.query(r -> {
            r.tableName(table).indexName("subscribed").limit(limit)
                    .keyConditionExpression("listLanguage = :language")
                    .expressionAttributeValues(Map.of(":language", s(language)));
            if (cursor != null) {
                String email = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                r.exclusiveStartKey(Map.of("listLanguage", s(language), "email", s(email)));
            }
        }));
        var subscribers = response.items().stream()
                .map(item -> new Subscriber(string(item, "email"), string(item, "subscriberId"), language)).toList();
        Map<String, AttributeValue> last = response.lastEvaluatedKey();
        String next = last == null || last.isEmpty() ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(string(last, "email").getBytes(StandardCharsets.UTF_8));
        return new Page(subscribers, next);
    }

    @Override
    public boolean isSubscribed(String email) {
        var item = AwsCalls.guard("GetItem", () -> dynamo.getItem(r -> r.tableName(table).key(key("email", email)).consistentRead(true)).item());
        return item != null && item.containsKey("subscribed") && Boolean.TRUE.equals(item.get("subscribed").bool());
    }
}
