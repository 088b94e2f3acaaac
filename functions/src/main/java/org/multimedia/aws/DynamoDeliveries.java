package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.newsletter.Deliveries;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static org.multimedia.aws.Items.millis;
import static org.multimedia.aws.Items.n;
import static org.multimedia.aws.Items.number;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.string;

/**
 * DeliveriesTable ({@code campaignId}, {@code email}): {@code state} = claimed | retry | sent |
 * failed | suppressed, {@code claimedAt}, {@code attempts}, {@code reason}, {@code doneAt}. The
 * claim is a conditional put; the outcome and the campaign's counters change in one transaction.
 */
@Singleton
public class DynamoDeliveries implements Deliveries, Primed {

    private static final String CLAIMED = "claimed";
    private static final String RETRY = "retry";

    private final DynamoDbClient dynamo;
    private final TableNames tables;

    public DynamoDeliveries(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    private static Map<String, AttributeValue> key(String campaignId, String email) {
        return Map.of("campaignId", s(campaignId), "email", s(email));
    }

    @Override
    public Claim claim(String campaignId, String email, Instant now, Duration lease) {
        Map<String, AttributeValue> existing = AwsCalls.guard("UpdateItem", () -> {
            try {
                dynamo.updateItem(r -> r.tableName(tables.deliveries()).key(key(campaignId, email))
                        .updateExpression("SET #state = :claimed, claimedAt = :now ADD attempts :one")
                        .conditionExpression("attribute_not_exists(#state) OR #state = :retry")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":claimed", s(CLAIMED), ":retry", s(RETRY),
                                ":now", millis(now), ":one", n(1))));
                return null;
            } catch (ConditionalCheckFailedException taken) {
                return dynamo.getItem(r -> r.tableName(tables.deliveries()).key(key(campaignId, email)).consistentRead(true)).item();
            }
        });
        if (existing == null) {
            return Claim.CLAIMED;
        }
        if (!CLAIMED.equals(string(existing, "state"))) {
            return Claim.DONE;
        }
        return number(existing, "claimedAt") < now.minus(lease).toEpochMilli() ? Claim.ABANDONED : Claim.HELD;
    }

    @Override
    public void record(String campaignId, String email, Outcome outcome, String reason, Instant at) {
        String state = outcome.name().toLowerCase(Locale.ROOT);
        AwsCalls.run("TransactWriteItems", () -> {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(
                        item -> item.update(u -> u.tableName(tables.deliveries()).key(key(campaignId, email))
                                .updateExpression("SET #state = :state, reason = :reason, doneAt = :at")
                                .conditionExpression("#state = :claimed")
                                .expressionAttributeNames(Map.of("#state", "state"))
                                .expressionAttributeValues(Map.of(":state", s(state), ":reason", s(reason),
                                        ":at", millis(at), ":claimed", s(CLAIMED)))),
                        item -> item.update(u -> u.tableName(tables.campaigns()).key(Map.of("campaignId", s(campaignId)))
                                .updateExpression("ADD #outcome :one, pending :minus")
                                .expressionAttributeNames(Map.of("#outcome", state))
                                .expressionAttributeValues(Map.of(":one", n(1), ":minus", n(-1))))));
            } catch (TransactionCanceledException e) {
                boolean alreadyRecorded = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                        && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
                if (!alreadyRecorded) {
                    throw e;
                }
                // Another attempt recorded this claim's outcome (and counted it): nothing more to count.
            }
        });
    }

    @Override
    public void release(String campaignId, String email) {
        AwsCalls.run("UpdateItem", () -> {
            try {
                dynamo.updateItem(r -> r.tableName(tables.deliveries()).key(key(campaignId, email))
                        .updateExpression("SET #state = :retry")
                        .conditionExpression("#state = :claimed")
                        .expressionAttributeNames(Map.of("#state", "state"))
                        .expressionAttributeValues(Map.of(":retry", s(RETRY), ":claimed", s(CLAIMED))));
            } catch (ConditionalCheckFailedException gone) {
                // no longer ours (recorded meanwhile): nothing to release
            }
        });
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, tables.deliveries(), key(Items.PRIMING_KEY, Items.PRIMING_KEY));
    }
}
