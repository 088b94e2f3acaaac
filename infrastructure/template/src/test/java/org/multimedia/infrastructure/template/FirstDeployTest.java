package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.template.DeployedTemplate.Function;
import org.multimedia.infrastructure.template.DeployedTemplate.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the first {@code sam deploy} into a fresh AWS account meets and moto lets through. Each
 * test is one of AWS's rules, checked on the template as CloudFormation receives it, with the
 * rule's public source.
 */
class FirstDeployTest {

    private static final Map<String, DeployedTemplate> DEPLOYMENTS = TemplateTest.deployments();

    /**
     * Cognito refuses an app client that cannot write a required attribute ("Invalid write
     * attributes specified while creating a client", aws-cdk issue #2608), and SignUp through a
     * client refuses attributes it may not write ("A client attempted to write unauthorized
     * attribute"): our SignUp sends {@code email} and {@code locale} (aws/CognitoIdentities).
     * The client's write right must not let an access token change the address unproved
     * (UpdateUserAttributes needs only the token): the address is immutable, or Cognito keeps the
     * old one until the new one is verified (which it allows only for auto-verified attributes:
     * "All attributes in AttributesRequireVerificationBeforeUpdate must exist in
     * AutoVerifiedAttributes", aws-cli issue #7151).
     */
    @Test
    void theAppClientCanWriteEveryRequiredAttributeAndNobodyChangesTheirAddressUnproved() {
        DEPLOYMENTS.forEach((name, deployment) -> {
            JsonNode pool = only(deployment, "AWS::Cognito::UserPool").path("Properties");
            JsonNode client = only(deployment, "AWS::Cognito::UserPoolClient").path("Properties");
            Set<String> required = new TreeSet<>();
            Map<String, Boolean> mutable = new LinkedHashMap<>();
            pool.path("Schema").forEach(attribute -> {
                if (attribute.path("Required").asBoolean(false)) {
                    required.add(attribute.path("Name").asText());
                }
                mutable.put(attribute.path("Name").asText(), attribute.path("Mutable").asBoolean(true));
            });
            Set<String> writable = texts(client.path("WriteAttributes"));
            assertTrue(writable.containsAll(required), name + ": the client writes " + writable
                    + " but the pool requires " + required + " (Invalid write attributes specified while creating a client)");
            assertTrue(writable.containsAll(Set.of("email", "locale")), name + ": SignUp sends email and locale");

            boolean immutable = !mutable.getOrDefault("email", true);
            Set<String> verifiedFirst = texts(pool.path("UserAttributeUpdateSettings").path("AttributesRequireVerificationBeforeUpdate"));
            Set<String> autoVerified = texts(pool.path("AutoVerifiedAttributes"));
            assertTrue(autoVerified.containsAll(verifiedFirst), name
                    + ": All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes");
            assertTrue(immutable || verifiedFirst.contains("email"),
                    name + ": an access token could set any address on its account (UpdateUserAttributes)");
        });
    }

    /**
     * A new account's Lambda concurrency quota is often 10, and Lambda keeps 100 unreserved
     * ("Specified ReservedConcurrentExecutions for function decreases account's
     * UnreservedConcurrentExecution below its minimum value of [100]"): no reservation unless the
     * operator asks for one. The newsletter's send rate is bounded by the event source's
     * MaximumConcurrency, which reserves nothing.
     */
    @Test
    void noFunctionReservesConcurrencyUnlessTheOperatorAsks() {
        DEPLOYMENTS.forEach((name, deployment) -> deployment.resources("AWS::Lambda::Function").forEach((id, function) ->
                assertFalse(function.path("Properties").has("ReservedConcurrentExecutions"), name + ": " + id + " reserves concurrency")));
        for (DeployedTemplate deployment : DEPLOYMENTS.values()) {
            JsonNode sendWorker = eventSources(deployment).get("CampaignSendWorkerFunction");
            assertEquals(Set.of("NewsletterSendConcurrency"),
                    DeployedTemplate.references(sendWorker.path("ScalingConfig").path("MaximumConcurrency")));
        }

        Map<String, String> reserving = new LinkedHashMap<>(TemplateTest.profileParameters(TemplateTest.samconfig(), "prod"));
        reserving.put("ReserveNewsletterSendConcurrency", "true");
        DeployedTemplate reserved = DeployedTemplate.transform(TemplateTest.ROOT, reserving);
        assertEquals(Set.of("NewsletterSendConcurrency"), DeployedTemplate.references(reserved.resources()
                .get("CampaignSendWorkerFunction").path("Properties").path("ReservedConcurrentExecutions")));
    }

    /**
     * SAM gives every SQS consumer AWSLambdaSQSQueueExecutionRole: receive and delete on every
     * queue of the account (the mail queue's messages carry verification codes). A consumer may
     * reach its own queue only, and needs what Lambda's event source mapping calls there
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html: ReceiveMessage,
     * DeleteMessage, GetQueueAttributes). Managed policies count with their documents.
     */
    @Test
    void noQueueConsumerReachesAnotherQueue() {
        List<String> problems = new ArrayList<>();
        DEPLOYMENTS.forEach((name, deployment) -> {
            Map<String, JsonNode> sources = eventSources(deployment);
            for (Function function : deployment.functions()) {
                Set<String> own = sources.containsKey(function.logicalId())
                        ? DeployedTemplate.references(sources.get(function.logicalId()).path("EventSourceArn")) : Set.of();
                for (String action : List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:PurgeQueue", "sqs:GetQueueAttributes")) {
                    Set<String> reach = reach(deployment, function, action);
                    Set<String> beyond = new TreeSet<>(reach);
                    beyond.removeAll(own);
                    if (!beyond.isEmpty() && !action.equals("sqs:GetQueueAttributes")) {
                        problems.add(name + ": " + function.logicalId() + " may " + action + " on " + beyond);
                    }
                    boolean mappingNeeds = !action.equals("sqs:ChangeMessageVisibility") && !action.equals("sqs:PurgeQueue");
                    if (!own.isEmpty() && mappingNeeds && !reach.containsAll(own)) {
                        problems.add(name + ": " + function.logicalId() + " consumes " + own + " but may not " + action + " there");
                    }
                    if (reach.contains("*")) {
                        problems.add(name + ": " + function.logicalId() + " may " + action + " on every queue");
                    }
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    /**
     * A message must stay hidden while a batch is retried: AWS's guidance for an SQS event source
     * is a visibility timeout of at least six times the function's timeout
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html), and below one
     * times the mapping is refused.
     */
    @Test
    void everyQueueEventSourceHidesAMessageSixTimesItsFunctionsTimeout() {
        DEPLOYMENTS.forEach((name, deployment) -> eventSources(deployment).forEach((functionId, source) -> {
            String queue = DeployedTemplate.references(source.path("EventSourceArn")).iterator().next();
            int visibility = deployment.resources().get(queue).path("Properties").path("VisibilityTimeout").asInt(30);
            int timeout = deployment.resources().get(functionId).path("Properties").path("Timeout").asInt(3);
            assertTrue(visibility >= 6 * timeout, name + ": " + queue + " hides a message " + visibility + " s, "
                    + functionId + " may run " + timeout + " s: at least " + 6 * timeout + " s");
        }));
    }

    /**
     * Rotation without an outage: CloudFront cannot change a public key in place, so the key
     * group holds two keys while the signing key moves from one to the other.
     */
    @Test
    void theVideoKeyGroupHoldsTwoKeysWhileTheSigningKeyMoves() {
        Map<String, String> both = new LinkedHashMap<>(TemplateTest.profileParameters(TemplateTest.samconfig(), "prod"));
        both.put("CloudFrontPrivateKeySecretArn", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:video-signing-key-2-AbCdEf");
        both.put("CloudFrontPublicKey", "-----BEGIN PUBLIC KEY-----\nMIIB1...\n-----END PUBLIC KEY-----");
        both.put("CloudFrontPublicKey2", "-----BEGIN PUBLIC KEY-----\nMIIB2...\n-----END PUBLIC KEY-----");
        both.put("CloudFrontSigningKey", "2");
        DeployedTemplate rotating = DeployedTemplate.transform(TemplateTest.ROOT, both);
        assertEquals(Set.of("VideoPublicKey", "VideoPublicKey2"), keyGroupKeys(rotating));
        assertEquals(Set.of("VideoPublicKey2"), signingKey(rotating));

        Map<String, String> secondOnly = new LinkedHashMap<>(both);
        secondOnly.put("CloudFrontPublicKey", "");
        DeployedTemplate rotated = DeployedTemplate.transform(TemplateTest.ROOT, secondOnly);
        assertEquals(Set.of("VideoPublicKey2"), keyGroupKeys(rotated));
        assertEquals(Set.of("VideoPublicKey2"), signingKey(rotated));
        assertFalse(rotated.resources().containsKey("VideoPublicKey"));

        assertEquals(Set.of("VideoPublicKey"), keyGroupKeys(DEPLOYMENTS.get("prod with CloudFront")));
        assertEquals(Set.of("VideoPublicKey"), signingKey(DEPLOYMENTS.get("prod with CloudFront")));
    }

    /** A value the operator must own (a certificate, a domain) is empty unless set: an example one fails the deploy. */
    @Test
    void theProdProfileHasNoPlaceholderThatFailsTheDeploy() {
        Map<String, String> prod = TemplateTest.profileParameters(TemplateTest.samconfig(), "prod");
        prod.forEach((parameter, value) -> assertFalse(value.startsWith("arn:"), parameter + " is an example ARN: " + value));
        assertTrue(prod.getOrDefault("ApiDomainName", "").isEmpty(), "ApiDomainName needs a certificate of the operator's");
    }

    /**
     * {@code sam deploy --guided} asks about every function with a route that has no authorizer
     * ("... has no authentication. Is this okay?"): the README names exactly those, with why.
     */
    @Test
    void theReadmeNamesEveryPublicFunctionGuidedDeployAsksAbout() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(TemplateTest.ROOT.resolve("README.md"));
        int from = readme.indexOf("asked once per public route");
        int to = readme.indexOf("Every other route requires the access token", from);
        assertTrue(from > 0 && to > from, "README, Deploy: the guided deploy's questions");
        Set<String> named = new TreeSet<>();
        java.util.regex.Matcher function = Pattern.compile("`(\\w+Function)`").matcher(readme.substring(from, to));
        while (function.find()) {
            named.add(function.group(1));
        }
        DeployedTemplate prod = DEPLOYMENTS.get("prod");
        Set<String> publicFunctions = new TreeSet<>();
        prod.resources("AWS::ApiGatewayV2::Api").values().forEach(api ->
                api.path("Properties").path("Body").path("paths").forEach(path -> path.forEach(operation -> {
                    if (operation.path("security").isEmpty()) {
                        Set<String> target = DeployedTemplate.references(operation.path("x-amazon-apigateway-integration").path("uri"));
                        prod.functions().stream().map(Function::logicalId)
                                .filter(id -> target.stream().anyMatch(t -> t.startsWith(id))).forEach(publicFunctions::add);
                    }
                })));
        assertEquals(publicFunctions, named);
    }

    // ------------------------------------------------------------------ helpers

    /** The SQS event source of each function that has one, by function. */
    private static Map<String, JsonNode> eventSources(DeployedTemplate deployment) {
        Map<String, JsonNode> sources = new LinkedHashMap<>();
        Set<String> functions = deployment.resources("AWS::Lambda::Function").keySet();
        deployment.resources("AWS::Lambda::EventSourceMapping").values().forEach(mapping -> {
            JsonNode properties = mapping.path("Properties");
            String target = DeployedTemplate.references(properties.path("FunctionName")).iterator().next();
            String function = functions.stream().filter(target::startsWith).findFirst()
                    .orElseThrow(() -> new AssertionError("event source of no function: " + target));
            sources.put(function, properties);
        });
        return sources;
    }

    /**
     * What the AWS managed policies SAM attaches allow on SQS (their documents, AWS Managed Policy
     * reference). An unknown one fails the test: add its document here first.
     */
    private static final Map<String, List<String>> MANAGED_SQS_ACTIONS = Map.of(
            "AWSLambdaBasicExecutionRole", List.of(),
            "AWSXrayWriteOnlyAccess", List.of(),
            "AWSLambdaSQSQueueExecutionRole", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"));

    /** The queues (logical ids, or "*") the function's role allows the action on. */
    private static Set<String> reach(DeployedTemplate deployment, Function function, String action) {
        Set<String> queues = new TreeSet<>();
        for (Statement statement : function.statements()) {
            if (statement.actions().stream().anyMatch(a -> matches(a, action))) {
                statement.resources().forEach(r -> {
                    if (r.isTextual() && r.asText().equals("*")) {
                        queues.add("*");
                    }
                    queues.addAll(DeployedTemplate.references(r));
                });
            }
        }
        String role = function.properties().path("Role").path("Fn::GetAtt").path(0).asText();
        for (JsonNode managed : deployment.resources().get(role).path("Properties").path("ManagedPolicyArns")) {
            String arn = managed.has("Fn::Sub") ? managed.get("Fn::Sub").asText() : managed.asText();
            String policy = arn.replaceFirst(".*/", "");
            assertTrue(MANAGED_SQS_ACTIONS.containsKey(policy), function.logicalId() + ": managed policy " + policy + " not known");
            if (MANAGED_SQS_ACTIONS.get(policy).contains(action)) {
                queues.add("*");
            }
        }
        queues.removeIf(id -> !id.equals("*") && !deployment.resources().containsKey(id));
        queues.removeIf(id -> !id.equals("*") && !deployment.resources().get(id).path("Type").asText().equals("AWS::SQS::Queue"));
        return queues;
    }

    private static Set<String> keyGroupKeys(DeployedTemplate deployment) {
        return DeployedTemplate.references(only(deployment, "AWS::CloudFront::KeyGroup").path("Properties").path("KeyGroupConfig").path("Items"));
    }

    private static Set<String> signingKey(DeployedTemplate deployment) {
        return DeployedTemplate.references(deployment.resources().get("DownloadVideoFunction")
                .path("Properties").path("Environment").path("Variables").path("VIDEOS_CLOUDFRONT_KEY_PAIR_ID"));
    }

    private static JsonNode only(DeployedTemplate deployment, String type) {
        Map<String, JsonNode> found = deployment.resources(type);
        assertEquals(1, found.size(), type + ": " + found.keySet());
        return found.values().iterator().next();
    }

    private static Set<String> texts(JsonNode list) {
        Set<String> values = new TreeSet<>();
        list.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static boolean matches(String pattern, String action) {
        return Pattern.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"), action);
    }
}
