package org.multimedia.infrastructure.emulator;

import static org.multimedia.infrastructure.emulator.ResolvedStack.list;
import static org.multimedia.infrastructure.emulator.ResolvedStack.map;
import static org.multimedia.infrastructure.emulator.ResolvedStack.strings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The rules AWS enforces that moto does not, for everything this template can meet: one method
 * per rule, each with the public source of the rule, each violation carrying AWS's own error
 * text where AWS has one. They look at the stack as AWS would when asked to create it
 * ({@link ResolvedStack}: parameters given, conditions decided) and report every violation at
 * once, before anything is created. The list is in the README ("What the local system refuses,
 * as AWS would").
 */
final class AwsRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResolvedStack stack;
    private final int lambdaConcurrencyQuota;
    private final Supplier<IamActions> iamActions;
    private final List<Violation> violations = new ArrayList<>();

    /**
     * @param iamActions read only when the template has a policy statement (cfn-lint's list is
     *                   loaded from a Python package)
     */
    AwsRules(Stack stack, int lambdaConcurrencyQuota, Supplier<IamActions> iamActions) {
        this.stack = new ResolvedStack(stack);
        this.lambdaConcurrencyQuota = lambdaConcurrencyQuota;
        this.iamActions = iamActions;
    }

    /** Every violation, in rule order; empty when AWS would accept the stack. */
    List<Violation> violations() {
        violations.clear();
        referencesReachActiveResources();
        clientsWriteTheRequiredAttributes();
        verificationBeforeUpdateIsAutoVerified();
        reservedConcurrencyLeavesTheUnreservedMinimum();
        queueVisibilityCoversTheFunctionTimeout();
        queueEventSourcesAreWithinLambdasRanges();
        lambdaTimeoutAndMemoryAreWithinRange();
        lambdaDescriptionsFit();
        lambdaEnvironmentFits();
        sesConfigurationSetsExist();
        sendersAreVerifiedIdentities();
        keyGroupsHoldDeclaredPublicKeys();
        distributionsTrustDeclaredKeyGroups();
        cachePolicyTtlsAreOrdered();
        cachePolicyKeysNameAtMostTheQuota();
        cloudFrontFunctionsFit();
        functionAssociationsAreOnePerViewerEvent();
        viewerCertificatesAreInUsEast1();
        contentSecurityPoliciesFit();
        distributionsHaveAtMostTheQuotaOfCacheBehaviours();
        originCustomHeadersAreOnesCloudFrontMayAdd();
        policyActionsExist();
        deadLetterTargetsAreDeclaredQueues();
        tableKeysAreExactlyTheDefinedAttributes();
        return List.copyOf(violations);
    }

    private void refuse(String resource, String message) {
        violations.add(new Violation(resource, message));
    }

    // ------------------------------------------------------------------ CloudFormation

    /**
     * A Ref, Fn::GetAtt or ${} outside the branch of an Fn::If that the conditions skip must
     * reach a resource that is created: one whose Condition is false does not exist. The same
     * for DependsOn and for Outputs. CloudFormation: "Template format error: Unresolved resource
     * dependencies [X] in the Resources block of the template"
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html).
     */
    private void referencesReachActiveResources() {
        for (ResolvedStack.Resolved resource : stack.all()) {
            Set<String> reached = new LinkedHashSet<>(resource.reached());
            reached.addAll(stack.dependsOn(resource.id()));
            if (resource.type().equals("AWS::Serverless::Function")) {
                reached.addAll(stack.reachedFromGlobals());
            }
            reached.retainAll(stack.inactive());
            if (!reached.isEmpty()) {
                refuse(resource.id(), "Template format error: Unresolved resource dependencies " + reached
                        + " in the Resources block of the template (their Condition is false)");
            }
        }
        stack.activeOutputs().forEach((output, reached) -> {
            Set<String> missing = new LinkedHashSet<>(reached);
            missing.retainAll(stack.inactive());
            if (!missing.isEmpty()) {
                refuse("Outputs." + output, "Template format error: Unresolved resource dependencies " + missing
                        + " in the Outputs block of the template (their Condition is false)");
            }
        });
    }

    // ------------------------------------------------------------------ Cognito

    /**
     * An app client that lists WriteAttributes must be able to write every required attribute of
     * its pool. Cognito: "InvalidParameterException: Invalid write attributes specified while
     * creating a client" (reported in https://github.com/aws/aws-cdk/issues/2608).
     */
    private void clientsWriteTheRequiredAttributes() {
        for (ResolvedStack.Resolved client : stack.ofType("AWS::Cognito::UserPoolClient")) {
            if (!client.properties().containsKey("WriteAttributes")) {
                continue; // none listed: the client may write every writable attribute
            }
            List<String> writable = strings(client.properties().get("WriteAttributes"));
            for (ResolvedStack.Resolved pool : poolOf(client)) {
                List<String> missing = requiredAttributes(pool).stream().filter(a -> !writable.contains(a)).toList();
                if (!missing.isEmpty()) {
                    refuse(client.id(), "InvalidParameterException: Invalid write attributes specified while"
                            + " creating a client (" + pool.id() + " requires " + missing + ", WriteAttributes is "
                            + writable + ")");
                }
            }
        }
    }

    private List<ResolvedStack.Resolved> poolOf(ResolvedStack.Resolved client) {
        String poolId = String.valueOf(client.properties().get("UserPoolId"));
        return stack.ofType("AWS::Cognito::UserPool").stream().filter(p -> stack.ref(p.id()).equals(poolId)).toList();
    }

    /** Schema attributes with Required: true, as a client names them (custom ones with "custom:"). */
    private static List<String> requiredAttributes(ResolvedStack.Resolved pool) {
        List<String> required = new ArrayList<>();
        for (Object attribute : list(pool.properties().get("Schema"))) {
            Map<String, Object> a = map(attribute);
            if (Boolean.parseBoolean(String.valueOf(a.get("Required")))) {
                String name = String.valueOf(a.get("Name"));
                required.add(STANDARD_ATTRIBUTES.contains(name) || name.startsWith("custom:") ? name : "custom:" + name);
            }
        }
        return required;
    }

    private static final Set<String> STANDARD_ATTRIBUTES = Set.of("address", "birthdate", "email", "family_name",
            "gender", "given_name", "locale", "middle_name", "name", "nickname", "phone_number", "picture",
            "preferred_username", "profile", "updated_at", "website", "zoneinfo");

    /**
     * Cognito keeps an old value until the new one is verified only for attributes it verifies
     * itself: "InvalidParameterException: All attributes in AttributesRequireVerificationBeforeUpdate
     * must exist in AutoVerifiedAttributes" (reported in https://github.com/aws/aws-cli/issues/7151).
     */
    private void verificationBeforeUpdateIsAutoVerified() {
        for (ResolvedStack.Resolved pool : stack.ofType("AWS::Cognito::UserPool")) {
            List<String> verifiedFirst = strings(map(pool.properties().get("UserAttributeUpdateSettings"))
                    .get("AttributesRequireVerificationBeforeUpdate"));
            List<String> autoVerified = strings(pool.properties().get("AutoVerifiedAttributes"));
            if (!autoVerified.containsAll(verifiedFirst)) {
                refuse(pool.id(), "InvalidParameterException: All attributes in AttributesRequireVerificationBeforeUpdate"
                        + " must exist in AutoVerifiedAttributes (" + verifiedFirst + " vs " + autoVerified + ")");
            }
        }
    }

    // ------------------------------------------------------------------ Lambda

    /** Lambda keeps this much of the account's concurrency unreserved. */
    static final int UNRESERVED_MINIMUM = 100;

    /**
     * Lambda keeps 100 concurrent executions of the account unreserved, so reservations may add
     * up to the quota minus 100 (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).
     * Lambda: "Specified ReservedConcurrentExecutions for function decreases account's
     * UnreservedConcurrentExecution below its minimum value of [100]."
     */
    private void reservedConcurrencyLeavesTheUnreservedMinimum() {
        int reserved = 0;
        for (ResolvedStack.Resolved function : functions()) {
            Object reservation = stack.functionSetting(function, "ReservedConcurrentExecutions");
            if (reservation == null) {
                continue;
            }
            reserved += Integer.parseInt(String.valueOf(reservation));
            if (lambdaConcurrencyQuota - reserved < UNRESERVED_MINIMUM) {
                refuse(function.id(), "Specified ReservedConcurrentExecutions for function decreases account's"
                        + " UnreservedConcurrentExecution below its minimum value of [" + UNRESERVED_MINIMUM + "]."
                        + " (reserved " + reserved + " of an account quota of " + lambdaConcurrencyQuota + "; "
                        + StrictMode.QUOTA_VARIABLE + " sets the quota)");
            }
        }
    }

    /**
     * An SQS event source needs the queue's visibility timeout to cover the function's timeout,
     * or Lambda refuses the mapping: "Queue visibility timeout: X seconds is less than Function
     * timeout: Y seconds". AWS's guidance goes further, and strict mode holds to it: at least six
     * times the function timeout plus MaximumBatchingWindowInSeconds, so a throttled batch is
     * retried before the message comes back
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
     */
    private void queueVisibilityCoversTheFunctionTimeout() {
        for (QueueEventSource source : queueEventSources()) {
            Optional<ResolvedStack.Resolved> queue = queueWithArn(String.valueOf(source.properties().get("Queue")));
            if (queue.isEmpty()) {
                continue; // a queue of another stack: its timeout is not in this template
            }
            String function = source.function().id();
            int timeout = functionTimeout(source.function());
            int visibility = integer(queue.get().properties().get("VisibilityTimeout"), 30);
            int window = integer(source.properties().get("MaximumBatchingWindowInSeconds"), 0);
            if (visibility < timeout) {
                refuse(function, "Queue visibility timeout: " + visibility + " seconds is less than Function"
                        + " timeout: " + timeout + " seconds (" + queue.get().id() + ")");
            } else if (visibility < 6 * timeout + window) {
                refuse(function, queue.get().id() + "'s visibility timeout (" + visibility + " s) is less than"
                        + " six times the function timeout plus the batching window (6 x " + timeout + " + " + window
                        + " = " + (6 * timeout + window) + " s), as AWS recommends for an SQS event source");
            }
        }
    }

    /**
     * An SQS event source's settings are within what CreateEventSourceMapping takes: BatchSize 1 to
     * 10,000 (10 for a FIFO queue), a batching window of at least 1 s above a batch of 10, and a
     * ScalingConfig.MaximumConcurrency of 2 to 1,000
     * (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html,
     * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html). Lambda: "Maximum batch
     * window in seconds must be greater than 0 if maximum batch size is greater than 10", and
     * for a value out of range "1 validation error detected: Value 'X' at 'Y' failed to satisfy
     * constraint: Member must have value ...".
     */
    private void queueEventSourcesAreWithinLambdasRanges() {
        for (QueueEventSource source : queueEventSources()) {
            String function = source.function().id();
            Map<String, Object> settings = source.properties();
            boolean fifo = queueWithArn(String.valueOf(settings.get("Queue")))
                    .map(q -> Boolean.parseBoolean(String.valueOf(q.properties().get("FifoQueue")))).orElse(false);
            int batch = integer(settings.get("BatchSize"), 10);
            within(function, "batchSize", batch, 1, fifo ? 10 : 10_000);
            if (batch > 10 && integer(settings.get("MaximumBatchingWindowInSeconds"), 0) < 1) {
                refuse(function, "Maximum batch window in seconds must be greater than 0 if maximum batch size"
                        + " is greater than 10 (BatchSize " + batch + ")");
            }
            Object maximum = map(settings.get("ScalingConfig")).get("MaximumConcurrency");
            if (maximum != null) {
                within(function, "scalingConfig.maximumConcurrency", integer(maximum, 0), 2, 1000);
            }
        }
    }

    /** A function's SQS event, resolved: its {@code Properties} (Queue, BatchSize, ScalingConfig...). */
    private record QueueEventSource(ResolvedStack.Resolved function, Map<String, Object> properties) {
    }

    /** Every SQS event of every function, in template order. */
    private List<QueueEventSource> queueEventSources() {
        List<QueueEventSource> sources = new ArrayList<>();
        for (ResolvedStack.Resolved function : functions()) {
            for (Object value : map(function.properties().get("Events")).values()) {
                Map<String, Object> event = map(value);
                if ("SQS".equals(event.get("Type"))) {
                    sources.add(new QueueEventSource(function, map(event.get("Properties"))));
                }
            }
        }
        return sources;
    }

    /**
     * Timeout 1 to 900 seconds and MemorySize 128 to 10,240 MB
     * (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html).
     */
    private void lambdaTimeoutAndMemoryAreWithinRange() {
        for (ResolvedStack.Resolved function : functions()) {
            within(function.id(), "timeout", functionTimeout(function), 1, 900);
            within(function.id(), "memorySize", integer(stack.functionSetting(function, "MemorySize"), 128), 128, 10_240);
        }
    }

    /** The validation error of the AWS APIs for a number out of its range. */
    private void within(String resource, String member, int value, int minimum, int maximum) {
        if (value < minimum || value > maximum) {
            refuse(resource, "1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy"
                    + " constraint: Member must have value " + (value < minimum ? "greater than or equal to " + minimum
                    : "less than or equal to " + maximum));
        }
    }

    /** Lambda's default timeout is 3 seconds. */
    private int functionTimeout(ResolvedStack.Resolved function) {
        return integer(stack.functionSetting(function, "Timeout"), 3);
    }

    private Optional<ResolvedStack.Resolved> queueWithArn(String arn) {
        return stack.ofType("AWS::SQS::Queue").stream().filter(q -> stack.arn(q.id()).equals(arn)).findFirst();
    }

    /** Lambda's description limit, for the function and for each version SAM publishes. */
    static final int DESCRIPTION_LIMIT = 256;

    /**
     * Description (CreateFunction) and VersionDescription (PublishVersion, with AutoPublishAlias)
     * are at most 256 characters (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html).
     * Lambda: "Member must have length less than or equal to 256".
     */
    private void lambdaDescriptionsFit() {
        for (ResolvedStack.Resolved function : functions()) {
            for (String key : List.of("Description", "VersionDescription")) {
                Object description = stack.functionSetting(function, key);
                if (description != null && String.valueOf(description).length() > DESCRIPTION_LIMIT) {
                    refuse(function.id(), "1 validation error detected: Value at '" + key.substring(0, 1).toLowerCase(Locale.ROOT)
                            + key.substring(1) + "' failed to satisfy constraint: Member must have length less than or"
                            + " equal to " + DESCRIPTION_LIMIT + " (" + String.valueOf(description).length() + " characters once resolved)");
                }
            }
        }
    }

    /** Lambda's limit on a function's environment variables, measured as the JSON it is sent as. */
    static final int ENVIRONMENT_LIMIT_BYTES = 4 * 1024;

    /**
     * A function's environment variables (Globals' and its own, resolved) are at most 4 KB,
     * measured by Lambda on the JSON of the variables, as its error shows ("String measured:
     * {...}") (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html, quotas).
     * Lambda: "Lambda was unable to configure your environment variables because the environment
     * variables you have provided exceeded the 4KB limit."
     */
    private void lambdaEnvironmentFits() {
        for (ResolvedStack.Resolved function : functions()) {
            int bytes = json(stack.environment(function)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > ENVIRONMENT_LIMIT_BYTES) {
                refuse(function.id(), "Lambda was unable to configure your environment variables because the"
                        + " environment variables you have provided exceeded the 4KB limit. (" + bytes + " bytes)");
            }
        }
    }

    private List<ResolvedStack.Resolved> functions() {
        return stack.ofType("AWS::Serverless::Function");
    }

    // ------------------------------------------------------------------ SES

    /**
     * A configuration set named by an event destination, by an identity's default
     * (ConfigurationSetAttributes) or by a function's *_CONFIGURATION_SET variable (what the code
     * sends with) must be one the stack creates: SES answers "ConfigurationSetDoesNotExist:
     * Indicates that the configuration set does not exist."
     * (https://docs.aws.amazon.com/ses/latest/APIReference/API_CreateConfigurationSetEventDestination.html,
     * and for a send https://docs.aws.amazon.com/ses/latest/dg/using-configuration-sets.html).
     * A Ref to a set whose Condition is false is refused by the CloudFormation rule above.
     */
    private void sesConfigurationSetsExist() {
        Set<String> declared = new LinkedHashSet<>();
        for (ResolvedStack.Resolved set : stack.ofType("AWS::SES::ConfigurationSet")) {
            declared.add(stack.ref(set.id()));
            if (set.properties().get("Name") != null) {
                declared.add(String.valueOf(set.properties().get("Name")));
            }
        }
        for (ResolvedStack.Resolved destination : stack.ofType("AWS::SES::ConfigurationSetEventDestination")) {
            configurationSetExists(destination.id(), destination.properties().get("ConfigurationSetName"), declared);
        }
        for (ResolvedStack.Resolved identity : stack.ofType("AWS::SES::EmailIdentity")) {
            configurationSetExists(identity.id(),
                    map(identity.properties().get("ConfigurationSetAttributes")).get("ConfigurationSetName"), declared);
        }
        for (ResolvedStack.Resolved function : functions()) {
            stack.environment(function).forEach((name, value) -> {
                if (name.endsWith("CONFIGURATION_SET")) {
                    configurationSetExists(function.id() + " " + name, value, declared);
                }
            });
        }
    }

    private void configurationSetExists(String where, Object name, Set<String> declared) {
        if (name != null && !declared.contains(String.valueOf(name))) {
            refuse(where, "ConfigurationSetDoesNotExist: Indicates that the configuration set does not exist. ("
                    + name + " is no AWS::SES::ConfigurationSet of the stack)");
        }
    }

    /**
     * The addresses the functions send from (variables named *_SENDER) must be verified SES
     * identities, the address or its domain
     * (https://docs.aws.amazon.com/ses/latest/dg/creating-identities.html), or every send fails:
     * "MessageRejected: Email address is not verified. The following identities failed the check
     * in region ...". Checked against the identities the stack declares, not the emulator: the
     * local stack starts on an empty emulator, where nothing else can have been verified, and the
     * check must run before anything is created (locally, CreateSenderIdentities is "true").
     */
    private void sendersAreVerifiedIdentities() {
        Set<String> identities = stack.ofType("AWS::SES::EmailIdentity").stream()
                .map(i -> String.valueOf(i.properties().get("EmailIdentity")).toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        for (ResolvedStack.Resolved function : functions()) {
            stack.environment(function).forEach((name, address) -> {
                if (name.endsWith("_SENDER") && !isCovered(address.toLowerCase(Locale.ROOT), identities)) {
                    refuse(function.id() + " " + name, "MessageRejected: Email address is not verified. The following"
                            + " identities failed the check in region " + stack.region().toUpperCase(Locale.ROOT) + ": "
                            + address + " (no AWS::SES::EmailIdentity of the stack is this address or its domain)");
                }
            });
        }
    }

    /** The address itself, its domain or a parent domain is a verified identity. */
    private static boolean isCovered(String address, Set<String> identities) {
        if (identities.contains(address)) {
            return true;
        }
        String domain = address.substring(address.indexOf('@') + 1);
        for (String d = domain; d.contains("."); d = d.substring(d.indexOf('.') + 1)) {
            if (identities.contains(d)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ CloudFront

    /** CloudFront quota: public keys in one key group. */
    static final int KEYS_PER_KEY_GROUP = 5;
    /** CloudFront quota: key groups one distribution trusts. */
    static final int KEY_GROUPS_PER_DISTRIBUTION = 4;

    /**
     * A key group's Items are public keys the stack creates, at most 5
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html).
     * CloudFront (CreateKeyGroup): "NoSuchPublicKey: The specified public key does not exist.",
     * "TooManyPublicKeysInKeyGroup: The number of public keys in this key group is more than the
     * maximum allowed."
     */
    private void keyGroupsHoldDeclaredPublicKeys() {
        Set<String> keys = refs("AWS::CloudFront::PublicKey");
        for (ResolvedStack.Resolved group : stack.ofType("AWS::CloudFront::KeyGroup")) {
            List<String> items = strings(map(group.properties().get("KeyGroupConfig")).get("Items"));
            items.stream().filter(item -> !keys.contains(item)).forEach(item -> refuse(group.id(),
                    "NoSuchPublicKey: The specified public key does not exist. (" + item
                            + " is no AWS::CloudFront::PublicKey of the stack)"));
            if (items.size() > KEYS_PER_KEY_GROUP) {
                refuse(group.id(), "TooManyPublicKeysInKeyGroup: The number of public keys in this key group is more"
                        + " than the maximum allowed. (" + items.size() + ", quota " + KEYS_PER_KEY_GROUP + ")");
            }
        }
    }

    /**
     * A distribution's cache behaviours trust key groups the stack creates, at most 4 per
     * distribution (same quotas page). CloudFront (CreateDistribution):
     * "TrustedKeyGroupDoesNotExist: The specified key group does not exist.",
     * "TooManyKeyGroupsAssociatedToDistribution: The number of key groups referenced by this
     * distribution is more than the maximum allowed."
     */
    private void distributionsTrustDeclaredKeyGroups() {
        Set<String> groups = refs("AWS::CloudFront::KeyGroup");
        for (ResolvedStack.Resolved distribution : stack.ofType("AWS::CloudFront::Distribution")) {
            Map<String, Object> config = map(distribution.properties().get("DistributionConfig"));
            List<Object> behaviours = new ArrayList<>(list(config.get("CacheBehaviors")));
            behaviours.add(config.get("DefaultCacheBehavior"));
            Set<String> trusted = new LinkedHashSet<>();
            behaviours.forEach(b -> trusted.addAll(strings(map(b).get("TrustedKeyGroups"))));
            trusted.stream().filter(g -> !groups.contains(g)).forEach(g -> refuse(distribution.id(),
                    "TrustedKeyGroupDoesNotExist: The specified key group does not exist. (" + g
                            + " is no AWS::CloudFront::KeyGroup of the stack)"));
            if (trusted.size() > KEY_GROUPS_PER_DISTRIBUTION) {
                refuse(distribution.id(), "TooManyKeyGroupsAssociatedToDistribution: The number of key groups referenced"
                        + " by this distribution is more than the maximum allowed. (" + trusted.size() + ", quota "
                        + KEY_GROUPS_PER_DISTRIBUTION + ")");
            }
        }
    }

    /**
     * A cache policy's TTLs are ordered: MinTTL <= DefaultTTL <= MaxTTL
     * (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CachePolicyConfig.html:
     * DefaultTTL "must be greater than or equal to MinTTL", MaxTTL likewise). CloudFront
     * (CreateCachePolicy) answers InvalidArgument.
     */
    private void cachePolicyTtlsAreOrdered() {
        for (ResolvedStack.Resolved policy : stack.ofType("AWS::CloudFront::CachePolicy")) {
            Map<String, Object> config = map(policy.properties().get("CachePolicyConfig"));
            Long min = number(config.get("MinTTL"));
            Long fallback = number(config.get("DefaultTTL"));
            Long max = number(config.get("MaxTTL"));
            long minimum = min == null ? 0 : min;
            long defaultTtl = fallback == null ? 86400 : fallback;
            long maximum = max == null ? 31536000 : max;
            if (!(minimum <= defaultTtl && defaultTtl <= maximum)) {
                refuse(policy.id(), "InvalidArgument: a cache policy's TTLs must satisfy MinTTL <= DefaultTTL <= MaxTTL"
                        + " (MinTTL " + minimum + ", DefaultTTL " + defaultTtl + ", MaxTTL " + maximum + ")");
            }
        }
    }

    /**
     * CloudFront quotas ("Quotas on policies"): headers, query strings and cookies a cache
     * policy's key names, each (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html).
     */
    static final int NAMES_PER_CACHE_KEY = 10;

    /**
     * A cache policy names at most 10 headers, 10 query strings and 10 cookies. CloudFront
     * (CreateCachePolicy): "TooManyHeadersInCachePolicy: The number of headers in the cache
     * policy exceeds the maximum.", and likewise TooManyQueryStringsInCachePolicy,
     * TooManyCookiesInCachePolicy.
     */
    private void cachePolicyKeysNameAtMostTheQuota() {
        for (ResolvedStack.Resolved policy : stack.ofType("AWS::CloudFront::CachePolicy")) {
            Map<String, Object> key = map(map(policy.properties().get("CachePolicyConfig")).get("ParametersInCacheKeyAndForwardedToOrigin"));
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("HeadersConfig/Headers", "TooManyHeadersInCachePolicy: The number of headers in the cache policy exceeds the maximum.");
            errors.put("QueryStringsConfig/QueryStrings", "TooManyQueryStringsInCachePolicy: The number of query strings in the cache policy exceeds the maximum.");
            errors.put("CookiesConfig/Cookies", "TooManyCookiesInCachePolicy: The number of cookies in the cache policy exceeds the maximum.");
            errors.forEach((path, error) -> {
                String[] parts = path.split("/");
                int names = list(map(key.get(parts[0])).get(parts[1])).size();
                if (names > NAMES_PER_CACHE_KEY) {
                    refuse(policy.id(), error + " (" + names + ", quota " + NAMES_PER_CACHE_KEY + ")");
                }
            });
        }
    }

    /**
     * CloudFront quota ("Quotas on CloudFront Functions"): a function's code, in bytes (10 KB).
     */
    static final int FUNCTION_CODE_BYTES = 10 * 1024;
    /** The runtimes of CloudFront Functions (FunctionConfig.Runtime). */
    static final Set<String> FUNCTION_RUNTIMES = Set.of("cloudfront-js-1.0", "cloudfront-js-2.0");

    /**
     * A CloudFront Function's code fits the quota and names a runtime of CloudFront Functions.
     * CloudFront (CreateFunction): "FunctionSizeLimitExceeded: The function is too large.";
     * another runtime: InvalidArgument.
     */
    private void cloudFrontFunctionsFit() {
        for (ResolvedStack.Resolved function : stack.ofType("AWS::CloudFront::Function")) {
            int bytes = String.valueOf(function.properties().get("FunctionCode")).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > FUNCTION_CODE_BYTES) {
                refuse(function.id(), "FunctionSizeLimitExceeded: The function is too large. (" + bytes + " bytes, quota "
                        + FUNCTION_CODE_BYTES + ")");
            }
            Object runtime = map(function.properties().get("FunctionConfig")).get("Runtime");
            if (!FUNCTION_RUNTIMES.contains(String.valueOf(runtime))) {
                refuse(function.id(), "InvalidArgument: The runtime " + runtime + " is not one of " + new TreeSet<>(FUNCTION_RUNTIMES));
            }
        }
    }

    /**
     * A behaviour's CloudFront Functions are functions of the stack, on viewer events only, one
     * per event type (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html:
     * "Each event type ... can have only one edge function association"; CloudFront Functions run
     * on viewer request and viewer response). CloudFront (CreateDistribution): NoSuchFunctionExists,
     * InvalidFunctionAssociation.
     */
    private void functionAssociationsAreOnePerViewerEvent() {
        Set<String> functions = stack.ofType("AWS::CloudFront::Function").stream()
                .map(f -> f.id() + ".FunctionARN").collect(Collectors.toSet());
        for (ResolvedStack.Resolved distribution : stack.ofType("AWS::CloudFront::Distribution")) {
            Map<String, Object> config = map(distribution.properties().get("DistributionConfig"));
            List<Object> behaviours = new ArrayList<>(list(config.get("CacheBehaviors")));
            behaviours.add(config.get("DefaultCacheBehavior"));
            for (Object behaviour : behaviours) {
                Object pattern = map(behaviour).getOrDefault("PathPattern", "default");
                Set<String> eventTypes = new HashSet<>();
                for (Object association : list(map(behaviour).get("FunctionAssociations"))) {
                    String eventType = String.valueOf(map(association).get("EventType"));
                    String arn = String.valueOf(map(association).get("FunctionARN"));
                    if (!eventType.equals("viewer-request") && !eventType.equals("viewer-response")) {
                        refuse(distribution.id(), "InvalidFunctionAssociation: a CloudFront function runs on viewer-request or"
                                + " viewer-response, not " + eventType + " (" + pattern + ")");
                    }
                    if (!eventTypes.add(eventType)) {
                        refuse(distribution.id(), "InvalidFunctionAssociation: one function per event type (" + pattern
                                + " has two for " + eventType + ")");
                    }
                    if (!functions.contains(arn) && !arn.startsWith("arn:")) {
                        refuse(distribution.id(), "NoSuchFunctionExists: The specified function does not exist. (" + arn
                                + " is no AWS::CloudFront::Function of the stack)");
                    }
                }
            }
        }
    }

    /**
     * A distribution's ACM certificate is one of us-east-1, whatever the stack's region
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html:
     * "you must request or import the certificate in the US East (N. Virginia) Region").
     * CloudFront (CreateDistribution): "InvalidViewerCertificate: The specified SSL certificate
     * doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid
     * certificate chain."
     */
    private void viewerCertificatesAreInUsEast1() {
        for (ResolvedStack.Resolved distribution : stack.ofType("AWS::CloudFront::Distribution")) {
            Map<String, Object> config = map(distribution.properties().get("DistributionConfig"));
            Object arn = map(config.get("ViewerCertificate")).get("AcmCertificateArn");
            if (arn == null) {
                continue;
            }
            String[] parts = String.valueOf(arn).split(":");
            if (parts.length < 6 || !parts[3].equals("us-east-1")) {
                refuse(distribution.id(), "InvalidViewerCertificate: The specified SSL certificate doesn't exist, isn't in"
                        + " us-east-1 region, isn't valid, or doesn't include a valid certificate chain. (" + arn + ")");
            }
        }
    }

    /**
     * CloudFront quota: the Content-Security-Policy value of a response headers policy, in
     * characters (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html,
     * "Quotas on policies").
     */
    static final int CSP_LENGTH = 1783;

    /**
     * A response headers policy's Content-Security-Policy fits CloudFront's quota. CloudFront
     * (CreateResponseHeadersPolicy): "TooLongCSPInResponseHeadersPolicy: The length of the
     * Content-Security-Policy header value in the response headers policy exceeds the maximum."
     */
    private void contentSecurityPoliciesFit() {
        for (ResolvedStack.Resolved policy : stack.ofType("AWS::CloudFront::ResponseHeadersPolicy")) {
            Map<String, Object> security = map(map(policy.properties().get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig"));
            Object csp = map(security.get("ContentSecurityPolicy")).get("ContentSecurityPolicy");
            if (csp != null && String.valueOf(csp).length() > CSP_LENGTH) {
                refuse(policy.id(), "TooLongCSPInResponseHeadersPolicy: The length of the Content-Security-Policy header"
                        + " value in the response headers policy exceeds the maximum. (" + String.valueOf(csp).length()
                        + " characters, quota " + CSP_LENGTH + ")");
            }
        }
    }

    /**
     * CloudFront quota: cache behaviours per distribution, the default one not counted (same
     * quotas page, "General quotas on distributions": 75; it was 25 until 2023).
     */
    static final int CACHE_BEHAVIOURS_PER_DISTRIBUTION = 75;

    /**
     * A distribution has at most the quota of cache behaviours. CloudFront (CreateDistribution):
     * "TooManyCacheBehaviors: You cannot create more cache behaviors for the distribution."
     */
    private void distributionsHaveAtMostTheQuotaOfCacheBehaviours() {
        for (ResolvedStack.Resolved distribution : stack.ofType("AWS::CloudFront::Distribution")) {
            int behaviours = list(map(distribution.properties().get("DistributionConfig")).get("CacheBehaviors")).size();
            if (behaviours > CACHE_BEHAVIOURS_PER_DISTRIBUTION) {
                refuse(distribution.id(), "TooManyCacheBehaviors: You cannot create more cache behaviors for the"
                        + " distribution. (" + behaviours + ", quota " + CACHE_BEHAVIOURS_PER_DISTRIBUTION + ")");
            }
        }
    }

    /** Headers CloudFront cannot add to origin requests, lower case; and the prefixes it reserves. */
    static final Set<String> FORBIDDEN_ORIGIN_HEADERS = Set.of("cache-control", "connection", "content-length", "cookie",
            "host", "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "max-forwards",
            "pragma", "proxy-authorization", "proxy-connection", "range", "request-range", "te", "trailer",
            "transfer-encoding", "upgrade", "via", "x-real-ip");
    static final List<String> FORBIDDEN_ORIGIN_HEADER_PREFIXES = List.of("x-amz-", "x-edge-");

    /**
     * An origin's custom headers are ones CloudFront may add
     * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html,
     * "Custom headers that CloudFront can't add to origin requests"). CloudFront
     * (CreateDistribution) answers InvalidArgument.
     */
    private void originCustomHeadersAreOnesCloudFrontMayAdd() {
        for (ResolvedStack.Resolved distribution : stack.ofType("AWS::CloudFront::Distribution")) {
            for (Object origin : list(map(distribution.properties().get("DistributionConfig")).get("Origins"))) {
                for (Object header : list(map(origin).get("OriginCustomHeaders"))) {
                    String name = String.valueOf(map(header).get("HeaderName"));
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (FORBIDDEN_ORIGIN_HEADERS.contains(lower) || FORBIDDEN_ORIGIN_HEADER_PREFIXES.stream().anyMatch(lower::startsWith)) {
                        refuse(distribution.id(), "InvalidArgument: CloudFront can't add the custom header " + name
                                + " to origin requests (origin " + map(origin).get("Id") + ")");
                    }
                }
            }
        }
    }

    private static Long number(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What Ref gives for each active resource of the type. */
    private Set<String> refs(String type) {
        return stack.ofType(type).stream().map(r -> stack.ref(r.id())).collect(Collectors.toSet());
    }

    // ------------------------------------------------------------------ IAM

    /**
     * Every Action and NotAction of every policy statement names a real action of its service, a
     * wildcard matching at least one: SAM functions' Policies statements, roles' inline and trust
     * policies, managed and inline policy resources, and the resource policies of topics, queues
     * and buckets. The list is cfn-lint's ({@link IamActions}); the texts are IAM Access
     * Analyzer's policy validation findings. IAM itself takes a misspelt action without a word
     * and the permission is simply missing at run time, which is worse.
     */
    private void policyActionsExist() {
        for (ResolvedStack.Resolved resource : stack.all()) {
            for (Object statement : statementsOf(resource)) {
                Map<String, Object> s = map(statement);
                List<String> actions = new ArrayList<>(strings(s.get("Action")));
                actions.addAll(strings(s.get("NotAction")));
                for (String action : actions) {
                    iamActions.get().problem(action).ifPresent(problem -> refuse(resource.id(), problem));
                }
            }
        }
    }

    private static List<Object> statementsOf(ResolvedStack.Resolved resource) {
        Map<String, Object> p = resource.properties();
        List<Object> documents = new ArrayList<>();
        switch (resource.type()) {
            case "AWS::Serverless::Function" -> documents.addAll(list(p.get("Policies")));
            case "AWS::IAM::Role" -> {
                documents.add(p.get("AssumeRolePolicyDocument"));
                list(p.get("Policies")).forEach(policy -> documents.add(map(policy).get("PolicyDocument")));
            }
            case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy",
                 "AWS::S3::BucketPolicy" -> documents.add(p.get("PolicyDocument"));
            default -> {
                return List.of();
            }
        }
        List<Object> statements = new ArrayList<>();
        // A SAM policy given by name or as a policy template is not a document: nothing to check here.
        documents.forEach(document -> statements.addAll(list(map(document).get("Statement"))));
        return statements;
    }

    // ------------------------------------------------------------------ SQS

    /**
     * A queue's RedrivePolicy names a queue that exists and a maxReceiveCount from 1 to 1,000
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
     * SQS: "Value ... for parameter RedrivePolicy is invalid. Reason: Dead letter target does not
     * exist." and "... Reason: Invalid value for maxReceiveCount: X, valid values are from 1 to
     * 1000 both inclusive."
     */
    private void deadLetterTargetsAreDeclaredQueues() {
        for (ResolvedStack.Resolved queue : stack.ofType("AWS::SQS::Queue")) {
            Map<String, Object> redrive = map(queue.properties().get("RedrivePolicy"));
            if (redrive.isEmpty()) {
                continue;
            }
            String target = String.valueOf(redrive.get("deadLetterTargetArn"));
            if (queueWithArn(target).isEmpty()) {
                refuse(queue.id(), "Value " + json(redrive) + " for parameter RedrivePolicy is invalid. Reason: Dead letter"
                        + " target does not exist. (" + target + " is no AWS::SQS::Queue of the stack)");
            }
            int receives = integer(redrive.get("maxReceiveCount"), 0);
            if (receives < 1 || receives > 1000) {
                refuse(queue.id(), "Value " + json(redrive) + " for parameter RedrivePolicy is invalid. Reason: Invalid"
                        + " value for maxReceiveCount: " + redrive.get("maxReceiveCount")
                        + ", valid values are from 1 to 1000 both inclusive.");
            }
        }
    }

    // ------------------------------------------------------------------ DynamoDB

    /**
     * A table's AttributeDefinitions are exactly the attributes its key schema and its indexes'
     * key schemas use (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html).
     * DynamoDB: "One or more parameter values were invalid: Some AttributeDefinitions are not
     * used" and "... Some index key attributes are not defined in AttributeDefinitions".
     */
    private void tableKeysAreExactlyTheDefinedAttributes() {
        for (ResolvedStack.Resolved table : stack.ofType("AWS::DynamoDB::Table")) {
            Set<String> defined = new LinkedHashSet<>();
            list(table.properties().get("AttributeDefinitions")).forEach(a -> defined.add(String.valueOf(map(a).get("AttributeName"))));
            List<Object> schemas = new ArrayList<>();
            schemas.add(table.properties().get("KeySchema"));
            for (String indexes : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
                list(table.properties().get(indexes)).forEach(index -> schemas.add(map(index).get("KeySchema")));
            }
            Set<String> keys = new LinkedHashSet<>();
            schemas.forEach(schema -> list(schema).forEach(k -> keys.add(String.valueOf(map(k).get("AttributeName")))));
            Set<String> unused = new LinkedHashSet<>(defined);
            unused.removeAll(keys);
            Set<String> undefined = new LinkedHashSet<>(keys);
            undefined.removeAll(defined);
            if (!unused.isEmpty()) {
                refuse(table.id(), "One or more parameter values were invalid: Some AttributeDefinitions are not used."
                        + " AttributeDefinitions: " + defined + ", keys used: " + keys);
            }
            if (!undefined.isEmpty()) {
                refuse(table.id(), "One or more parameter values were invalid: Some index key attributes are not defined"
                        + " in AttributeDefinitions. Keys: " + undefined + ", AttributeDefinitions: " + defined);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static int integer(Object value, int absent) {
        return value == null ? absent : Integer.parseInt(String.valueOf(value).trim());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
