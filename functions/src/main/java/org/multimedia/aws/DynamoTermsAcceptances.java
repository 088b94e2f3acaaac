package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.Primed;
import org.multimedia.identity.TermsAcceptances;
import org.multimedia.identity.TermsOfUse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

import static org.multimedia.aws.Items.s;

/**
 * One item per member in the downloads table, in a partition of its own ({@code sub = "terms#" +
 * sub}, {@code downloadId = "accepted"}, {@code version}, {@code acceptedAt}): the conditions govern
 * downloads, and like the source-IP items it stays out of the member's history (a query by
 * {@code sub}) and, without {@code videoId}, out of the {@code by-video} index.
 */
@Singleton
public class DynamoTermsAcceptances implements TermsAcceptances, Primed {

    static final String PREFIX = "terms#";
    private static final String SORT = "accepted";

    private final DynamoDbClient dynamo;
    private final TableNames tables;

    public DynamoTermsAcceptances(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    @Override
    public Optional<TermsOfUse.Acceptance> find(String sub) {
        Map<String, AttributeValue> item = AwsCalls.guard("GetItem", () -> dynamo.getItem(g -> g
                .tableName(tables.downloads()).key(key(sub)).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TermsOfUse.Acceptance(Items.string(item, "version"), Items.string(item, "acceptedAt")));
    }

    @Override
    public void save(String sub, TermsOfUse.Acceptance acceptance) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(sub));
        item.put("version", s(acceptance.version()));
        item.put("acceptedAt", s(acceptance.acceptedAt()));
        AwsCalls.guard("PutItem", () -> dynamo.putItem(p -> p.tableName(tables.downloads()).item(item)));
    }

    private static Map<String, AttributeValue> key(String sub) {
        return Map.of("sub", s(PREFIX + sub), "downloadId", s(SORT));
    }

    @Override
    public void prime() {
        Items.prime(dynamo, tables.downloads(), key(Items.PRIMING_KEY));
    }
}
