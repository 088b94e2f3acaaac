package org.multimedia.aws;

import org.multimedia.core.Primed;
import jakarta.inject.Singleton;
import org.multimedia.newsletter.CampaignStatus;
import org.multimedia.newsletter.Campaigns;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.multimedia.aws.Items.key;
import static org.multimedia.aws.Items.millis;
import static org.multimedia.aws.Items.n;
import static org.multimedia.aws.Items.number;
import static org.multimedia.aws.Items.s;
import static org.multimedia.aws.Items.string;

/**
 * CampaignsTable: {@code campaignId, status, subject, html, text, language?, testRecipients?,
 * createdBy, createdAt, recipients, sent, failed, suppressed, pending, pagesDone, pagingDone, sentAt?}.
 */
@Singleton
public class DynamoCampaigns implements Campaigns, Primed {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCampaigns(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.campaigns();
    }

    @Override
    public boolean create(Content content, CampaignStatus status, String createdBy, Instant at) {
        long testCount = content.testRecipients().size();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("campaignId", s(content.campaignId()));
        item.put("status", s(status.value()));
        item.put("subject", s(content.subject()));
        item.put("html", s(content.html()));
        item.put("text", s(content.text()));
        if (content.language() != null) {
            item.put("language", s(content.language()));
        }
        if (content.test()) {
            item.put("testRecipients", AttributeValue.fromL(content.testRecipients().stream().map(Items::s).toList()));
        }
        item.put("createdBy", s(createdBy));
        item.put("createdAt", millis(at));
        // A test campaign knows its recipients now; a real one counts them page by page.
        item.put("recipients", n(testCount));
        item.put("pending", n(testCount));
        item.put("sent", n(0));
        item.put("failed", n(0));
        item.put("suppressed", n(0));
        item.put("pagesDone", n(content.test() ? 1 : 0));
        item.put("pagingDone", AttributeValue.fromBool(content.test()));
        return AwsCalls.guard("PutItem", () -> {
            try {
                dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(campaignId)"));
                return true;
            } catch (ConditionalCheckFailedException exists) {
                return false;
            }
        });
    }

    @Override
    public boolean changeStatus(String campaignId, Set<CampaignStatus> from, CampaignStatus to) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(to.value()));
        String fromCondition = statusIn(from, values);
        return conditional("UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table).key(key("campaignId", campaignId))
                .updateExpression("SET #status = :to")
                .conditionExpression(fromCondition)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)));
    }

    @Override
    public Optional<Campaign> find(String campaignId) {
        Map<String, AttributeValue> item = AwsCalls.guard("GetItem", () -> dynamo.getItem(r -> r.tableName(table)
                .key(key("campaignId", campaignId)).consistentRead(true)).item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue tests = item.get("testRecipients");
        List<String> testRecipients = tests == null || !tests.hasL() ? List.of() : tests.l().stream().map(AttributeValue::s).toList();
        Content content = new Content(campaignId, string(item, "subject"), string(item, "html"), string(item, "text"),
                string(item, "language"), testRecipients);
        return Optional.of(new Campaign(content, CampaignStatus.of(string(item, "status")), number(item, "recipients"),
                number(item, "sent"), number(item, "failed"), number(item, "suppressed")));
    }

    @Override
    public boolean countPage(String campaignId, int page, int recipients, boolean last) {
        return conditional("UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table).key(key("campaignId", campaignId))
                .updateExpression("SET pagesDone = :next, pagingDone = :last ADD recipients :n, pending :n")
                .conditionExpression("pagesDone = :page")
                .expressionAttributeValues(Map.of(":next", n(page + 1L), ":page", n(page), ":n", n(recipients),
                        ":last", AttributeValue.fromBool(last)))));
    }

    @Override
    public boolean finishIfDone(String campaignId, Set<CampaignStatus> from, CampaignStatus to, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(to.value()));
        values.put(":at", millis(at));
        values.put(":true", AttributeValue.fromBool(true));
        values.put(":zero", n(0));
        String fromCondition = statusIn(from, values);
        return conditional("UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table).key(key("campaignId", campaignId))
                .updateExpression("SET #status = :to, sentAt = :at")
                .conditionExpression("pagingDone = :true AND pending <= :zero AND " + fromCondition)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)));
    }

    /** {@code (#status = :from0 OR #status = :from1 ...)}, its values added to {@code values}. */
    private static String statusIn(Set<CampaignStatus> from, Map<String, AttributeValue> values) {
        if (from.isEmpty()) {
            throw new IllegalArgumentException("A status change needs the statuses it may come from");
        }
        List<String> terms = new ArrayList<>();
        for (CampaignStatus status : from) {
            String name = ":from" + terms.size();
            values.put(name, s(status.value()));
            terms.add("#status = " + name);
        }
        return "(" + String.join(" OR ", terms) + ")";
    }

    /** A conditional write: {@code false} when its condition did not hold (nothing changed). */
    private static boolean conditional(String operation, Runnable call) {
        return AwsCalls.guard(operation, () -> {
            try {
                call.run();
                return true;
            } catch (ConditionalCheckFailedException notNow) {
                return false;
            }
        });
    }

    /** Before a snapshot: a consistent read of a key that never exists; nothing is written. */
    @Override
    public void prime() {
        Items.prime(dynamo, table, key("campaignId", Items.PRIMING_KEY));
    }
}
