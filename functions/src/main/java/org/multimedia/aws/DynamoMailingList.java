package org.multimedia.aws;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.Primed;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.newsletter.MailingList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.millis;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.string;

/**
 * The mailing list: SubscriptionsTable, key {@code email}: {@code subscribed} (BOOL), {@code language},
 * {@code subscriberId} (128 random bits, base64url; made at the first subscription and kept while
 * the same identity subscribes), {@code sub} (the Cognito identity that subscribed; absent on rows
 * written before it was recorded),
 * the consent ({@code consentAt} epoch ms, {@code consentSource}, {@code consentLanguage}),
 * {@code unsubscribedAt} (epoch ms, the last time it ended), and {@code listLanguage}, present
 * only while subscribed: the sparse GSI {@code subscribed} (HASH listLanguage, RANGE email)
 * holds exactly the subscribed addresses; GSI {@code by-subscriber} maps a subscriber id back.
 */
@Singleton
public class DynamoMailingList implements MailingList, Primed {

    static final String SUBSCRIBED_INDEX = "subscribed";
    static final String BY_SUBSCRIBER_INDEX = "by-subscriber";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final SecureRandom random;

    public DynamoMailingList(DynamoDbClient dynamo, TableNames tables, Clock clock, SecureRandom random) {
        this.dynamo = dynamo;
        this.table = tables.subscriptions();
        this.clock = clock;
        this.random = random;
    }

    /**
     * One conditional write for the usual cases (no row, a row without a sub, this identity's row
     * not subscribed now: fresh consent, the subscriber id kept or made); when the row is another
     * identity's (left by one deleted with Cognito's own DeleteUser), a second one replaces it with
     * a new subscriber id. This identity's row already subscribed: nothing (the first consent stays).
     */
    @Override
    public void subscribe(EmailAddress email, String sub, Language language, String consentSource) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        Map<String, AttributeValue> values = Map.of(":yes", AttributeValue.fromBool(true),
                ":language", s(language.tag()), ":id", s(BASE64URL.encodeToString(id)),
                ":now", millis(clock.instant()), ":source", s(consentSource), ":sub", s(sub));
        String set = "SET subscribed = :yes, #language = :language, listLanguage = :language, consentAt = :now, "
                + "consentSource = :source, consentLanguage = :language, #sub = :sub, ";
        AwsCalls.run("UpdateItem", () -> {
            try {
                // No row, a row without a sub (written before subscriptions recorded it: the
                // identity subscribing now gives its own consent), or this identity's row not subscribed now.
                dynamo.updateItem(r -> r.tableName(table).key(key("email", email.value()))
                        .updateExpression(set + "subscriberId = if_not_exists(subscriberId, :id)")
                        .conditionExpression("attribute_not_exists(#sub) OR (#sub = :sub AND attribute_not_exists(listLanguage))")
                        .expressionAttributeNames(Map.of("#language", "language", "#sub", "sub"))
                        .expressionAttributeValues(values));
                return;
            } catch (ConditionalCheckFailedException subscribedOrOthers) {
                // this identity already subscribed, or another identity's row
            }
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key("email", email.value()))
                        .updateExpression(set + "subscriberId = :id REMOVE unsubscribedAt")
                        .conditionExpression("attribute_exists(#sub) AND #sub <> :sub")
                        .expressionAttributeNames(Map.of("#language", "language", "#sub", "sub"))
                        .expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException alreadySubscribed) {
                // idempotent: this identity is subscribed, its first consent stays
            }
        });
    }

    @Override
    public Optional<Subscription> subscription(EmailAddress email) {
        var item = AwsCalls.guard("GetItem", () -> dynamo.getItem(r -> r.tableName(table).key(key("email", email.value()))
                .consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue consentAt = item.get("consentAt");
        return Optional.of(new Subscription(item.containsKey("subscribed") && Boolean.TRUE.equals(item.get("subscribed").bool()),
                string(item, "sub"), consentAt == null || consentAt.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(consentAt.n()))));
    }

    @Override
    public void adopt(EmailAddress email, String sub, Subscription legacy) {
        if (sub == null) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":sub", s(sub)));
        String sameConsent = sameConsent(legacy, values);
        AwsCalls.run("UpdateItem", () -> {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key("email", email.value()))
                        .updateExpression("SET #sub = :sub")
                        .conditionExpression("attribute_exists(email) AND attribute_not_exists(#sub) AND " + sameConsent)
                        .expressionAttributeNames(Map.of("#sub", "sub"))
                        .expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                // a subscribe or an unsubscribe came first: that one stands
            }
        });
    }

    @Override
    public void forget(EmailAddress email, Subscription stale) {
        Map<String, AttributeValue> values = new HashMap<>();
        String sameConsent = sameConsent(stale, values);
        String sameIdentity;
        if (stale.sub() == null) {
            sameIdentity = "attribute_not_exists(#sub)";
        } else {
            sameIdentity = "#sub = :stale";
            values.put(":stale", s(stale.sub()));
        }
        String condition = "attribute_exists(email) AND " + sameIdentity + " AND " + sameConsent;
        AwsCalls.run("DeleteItem", () -> {
            try {
                dynamo.deleteItem(r -> r.tableName(table).key(key("email", email.value()))
                        .conditionExpression(condition)
                        .expressionAttributeNames(Map.of("#sub", "sub"))
                        .expressionAttributeValues(values.isEmpty() ? null : values));
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                // forgotten already, or a new identity subscribed meanwhile: its row stays
            }
        });
    }

    /**
     * One conditional write: the same identity (sub, or none), the same consent time and the same
     * state as {@code seen}. Subscribed: {@code language} and {@code listLanguage} (the sparse GSI
     * moves the address to that language's list); not subscribed: {@code language} only, so the
     * address stays off the lists.
     */
    @Override
    public boolean followLanguage(EmailAddress email, Subscription seen, Language language) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":language", s(language.tag()),
                ":yes", AttributeValue.fromBool(true)));
        String sameConsent = sameConsent(seen, values);
        String sameIdentity;
        if (seen.sub() == null) {
            sameIdentity = "attribute_not_exists(#sub)";
        } else {
            sameIdentity = "#sub = :seen";
            values.put(":seen", s(seen.sub()));
        }
        String update = seen.subscribed() ? "SET #language = :language, listLanguage = :language" : "SET #language = :language";
        String sameState = seen.subscribed() ? "subscribed = :yes" : "(attribute_not_exists(subscribed) OR subscribed <> :yes)";
        String condition = "attribute_exists(email) AND " + sameIdentity + " AND " + sameConsent + " AND " + sameState;
        return AwsCalls.guard("UpdateItem", () -> {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key("email", email.value()))
                        .updateExpression(update)
                        .conditionExpression(condition)
                        .expressionAttributeNames(Map.of("#language", "language", "#sub", "sub"))
                        .expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                return false;
            }
        });
    }

    private static String sameConsent(Subscription seen, Map<String, AttributeValue> values) {
        if (seen.consentAt() == null) {
            return "attribute_not_exists(consentAt)";
        }
        values.put(":consentAt", millis(seen.consentAt()));
        return "consentAt = :consentAt";
    }

    @Override
    public void unsubscribe(EmailAddress email) {
        AwsCalls.run("UpdateItem", () -> {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(key("email", email.value()))
                        .updateExpression("SET subscribed = :no, unsubscribedAt = :now REMOVE listLanguage")
                        .conditionExpression("attribute_exists(email) AND subscribed = :yes")
                        .expressionAttributeValues(Map.of(":no", AttributeValue.fromBool(false),
                                ":yes", AttributeValue.fromBool(true), ":now", millis(clock.instant()))));
            } catch (ConditionalCheckFailedException notSubscribed) {
                // idempotent: already ended (its first end time stays), or never on the list
            }
        });
    }

    @Override
    public Optional<Subscriber> bySubscriberId(String subscriberId) {
        List<Map<String, AttributeValue>> keys = AwsCalls.guard("Query", () -> dynamo.query(r -> r.tableName(table)
                .indexName(BY_SUBSCRIBER_INDEX)
                .keyConditionExpression("subscriberId = :id")
                .expressionAttributeValues(Map.of(":id", s(subscriberId)))
                .limit(1)).items());
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String email = string(keys.get(0), "email");
        // The index is eventually consistent and holds keys only: the item itself says the rest.
        var item = AwsCalls.guard("GetItem", () -> dynamo.getItem(r -> r.tableName(table).key(key("email", email))
                .consistentRead(true)).item());
        if (item == null || item.isEmpty() || !subscriberId.equals(string(item, "subscriberId"))) {
            return Optional.empty();
        }
        return Optional.of(new Subscriber(new EmailAddress(email), subscriberId, Language.orDefault(string(item, "language")),
                item.containsKey("subscribed") && Boolean.TRUE.equals(item.get("subscribed").bool())));
    }

    @Override
    public void remove(EmailAddress email) {
        AwsCalls.run("DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(table).key(key("email", email.value()))));
    }

    @Override
    public Page subscribed(Language language, @Nullable String cursor, int limit) {
        return subscribed(language.tag(), cursor, limit);
    }

    private Page subscribed(String language, @Nullable String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null : startAfter(language, cursor);
        QueryResponse page = AwsCalls.guard("Query", () -> dynamo.query(r -> r.tableName(table)
                .indexName(SUBSCRIBED_INDEX)
                .keyConditionExpression("listLanguage = :language")
                .expressionAttributeValues(Map.of(":language", s(language)))
                .exclusiveStartKey(start)
                .limit(limit)));
        List<Subscriber> subscribers = page.items().stream()
                .map(item -> new Subscriber(new EmailAddress(string(item, "email")), string(item, "subscriberId"),
                        Language.orDefault(language), true))
                .toList();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        String next = last == null || last.isEmpty() ? null
                : BASE64URL.encodeToString(string(last, "email").getBytes(StandardCharsets.UTF_8));
        return new Page(subscribers, next);
    }

    /** The cursor is the last address of the previous page (base64url): the GSI and table keys follow from it. */
    private static Map<String, AttributeValue> startAfter(String language, String cursor) {
        String email;
        try {
            email = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalidRequest("Not a subscribers cursor.");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("email", s(email));
        key.put("listLanguage", s(language));
        return key;
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, table, key("email", Items.PRIMING_KEY));
        subscribed(Items.PRIMING_KEY, null, 1); // a list nobody is on: an empty page
    }
}
