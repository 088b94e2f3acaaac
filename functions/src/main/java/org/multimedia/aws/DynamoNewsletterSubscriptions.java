package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.account.EmailAddress;
import org.multimedia.account.Language;
import org.multimedia.account.NewsletterSubscriptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.Map;

import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.millis;
import static org.multimedia.aws.Items.s;

/** Subscriptions table: {@code email, subscribed, language, source, subscribedAt}. */
@Singleton
public class DynamoNewsletterSubscriptions implements NewsletterSubscriptions {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoNewsletterSubscriptions(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.subscriptions();
        this.clock = clock;
    }

    @Override
    public void subscribe(EmailAddress email, Language language, String source) {
        // Idempotent: subscribing again keeps the first date and source.
        AwsCalls.run("UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table).key(key("email", email.value()))
                .updateExpression("SET subscribed = :yes, #language = :language, "
                        + "subscribedAt = if_not_exists(subscribedAt, :now), #source = if_not_exists(#source, :source)")
                .expressionAttributeNames(Map.of("#language", "language", "#source", "source"))
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true),
                        ":language", s(language.tag()), ":now", millis(clock.instant()), ":source", s(source)))));
    }

    @Override
    public boolean isSubscribed(EmailAddress email) {
        var item = AwsCalls.guard("GetItem", () -> dynamo.getItem(r -> r.tableName(table).key(key("email", email.value()))).item());
        return item != null && item.containsKey("subscribed") && Boolean.TRUE.equals(item.get("subscribed").bool());
    }

    @Override
    public void remove(EmailAddress email) {
        AwsCalls.run("DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(table).key(key("email", email.value()))));
    }
}
