package org.multimedia.core;

import io.micronaut.function.aws.MicronautRequestHandler;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SnapStart hook of every function of template.yaml, against the emulator: each primes its
 * own beans and request path without a failure, and leaves nothing behind (no item in any
 * table, no message in any queue, no user, no mail).
 *
 * <p>In a stack of its own ({@link TestAws#isolated}): the counts compared are of tables, queues and
 * a user pool that no other test writes to, so a message another test left behind (turning from
 * in flight to visible, or dead-lettered, during this test) cannot change them.
 */
class PrimingIntegrationTest {

    private final TestAws aws = TestAws.isolated("priming");

    @Test
    void everyFunctionPrimesWithoutFailureAndLeavesNoRecordBehind() throws Exception {
        Map<String, String> before = records();
        assertTrue(before.values().stream().allMatch("0"::equals), "a stack of its own starts empty: " + before);
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> primedByFunction = new TreeMap<>();
        for (Template.Resource function : functions()) {
            Class<?> type = Class.forName((String) function.properties().get("Handler"));
            @SuppressWarnings("unchecked")
            MicronautRequestHandler<?, ?> handler = aws.handler((Class<MicronautRequestHandler<?, ?>>) type, function.logicalId());
            try (handler) {
                List<String> primed = ((FunctionHandler<?, ?>) handler).priming().prime();
                primedByFunction.put(function.logicalId(), primed);
                primed.stream().filter(step -> step.contains("(failed")).forEach(step -> problems.add(function.logicalId() + ": " + step));
                ((FunctionHandler<?, ?>) handler).priming().refresh();
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(before, records(), "priming left records behind");
        assertTrue(aws.mailTo("priming@example.invalid").isEmpty());

        // What a function primes is what it uses: sign-up its stores, identities, client secret, keys and outbox.
        assertEquals(List.of("ClientSecret", "CognitoAuthenticator", "CognitoIdentities", "DynamoCodeStore", "DynamoMailingList", "DynamoQuotaStore", "DynamoWindowCounters", "SecretsManagerHmacKeys",
                "SecretsManagerOriginSecrets", "SqsMailOutbox", "request path"), primedByFunction.get("SignUpFunction").stream().sorted().toList());
        // ... and not what it does not: the video list calls neither Cognito nor SQS.
        assertFalse(primedByFunction.get("ListVideosFunction").stream().anyMatch(step -> step.startsWith("Cognito") || step.startsWith("Sqs")),
                primedByFunction.get("ListVideosFunction").toString());
        assertTrue(primedByFunction.get("MailWorkerFunction").containsAll(List.of("MailTemplates", "SesMailer")),
                primedByFunction.get("MailWorkerFunction").toString());
    }

    private List<Template.Resource> functions() {
        return aws.stack().template().resources().values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::Function")).toList();
    }

    /** Items per table, messages per queue, users in the pool. */
    private Map<String, String> records() {
        Map<String, String> counts = new TreeMap<>();
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder());
             SqsClient sqs = aws.aws().client(SqsClient.builder());
             CognitoIdentityProviderClient cognito = aws.aws().client(CognitoIdentityProviderClient.builder())) {
            for (Template.Resource resource : aws.stack().template().resources().values()) {
                String id = aws.stack().physicalId(resource.logicalId());
                switch (resource.type()) {
                    case "AWS::DynamoDB::Table" -> counts.put(resource.logicalId(),
                            Integer.toString(dynamo.scan(r -> r.tableName(id).select(Select.COUNT).consistentRead(true)).count()));
                    // What priming could have changed is whether a message was sent, not its state: visible,
                    // in flight and delayed together (a message turns from one to another by itself).
                    case "AWS::SQS::Queue" -> counts.put(resource.logicalId(), Integer.toString(sqs.getQueueAttributes(r -> r.queueUrl(id)
                                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                            .attributes().values().stream().mapToInt(Integer::parseInt).sum()));
                    default -> { }
                }
            }
            counts.put("users", Integer.toString(cognito.listUsers(r -> r.userPoolId(aws.stack().userPoolId())).users().size()));
        }
        return counts;
    }
}
