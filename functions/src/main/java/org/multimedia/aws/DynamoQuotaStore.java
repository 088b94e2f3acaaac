package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.account.codes.QuotaStore;
import org.multimedia.account.codes.SendQuota;
import org.multimedia.core.Primed;
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

/** Send quotas in the rate-limit table: {@code pk, windowStart, sent, lastSentAt, version, ttl}. */
@Singleton
public class DynamoQuotaStore implements QuotaStore, Primed {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoQuotaStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.rateLimits();
    }

    @Override
    public Optional<SendQuota.State> find(String key) {
        return Items.latest(dynamo, table, key).map(item -> new SendQuota.State(instant(item, "windowStart"),
                (int) number(item, "sent"), instant(item, "lastSentAt"), number(item, "version")));
    }

    @Override
    public boolean save(String key, SendQuota.State state, Instant forgetAfter) {
        boolean first = state.version() == 1;
        return AwsCalls.guard("PutItem", () -> {
            try {
                dynamo.putItem(r -> {
                    r.tableName(table).item(Map.of(
                            "pk", s(key),
                            "windowStart", millis(state.windowStart()),
                            "sent", n(state.sentInWindow()),
                            "lastSentAt", millis(state.lastSentAt()),
                            "version", n(state.version()),
                            "ttl", ttl(forgetAfter)));
                    if (first) {
                        r.conditionExpression("attribute_not_exists(pk)");
                    } else {
                        r.conditionExpression("version = :previous")
                                .expressionAttributeValues(Map.of(":previous", n(state.version() - 1)));
                    }
                });
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, table, key("pk", Items.PRIMING_KEY));
    }
}
