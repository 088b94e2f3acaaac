package org.multimedia.infrastructure.emulator;

import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AccountRecoverySettingType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NumberAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RecoveryOptionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.StringAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TokenValidityUnitsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolPolicyType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameConfigurationType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creates the resources of a {@link Stack} in the emulator, in dependency order. */
final class Provisioner {

    private static final System.Logger LOG = System.getLogger(Provisioner.class.getName());

    /**
     * Types with no local meaning: the local API gateway plays their part, or nothing does.
     * Bucket policies too: the local system talks plain HTTP to the emulator (a deny-non-TLS
     * statement would lock it out if enforced) and their CloudFront grants name a distribution
     * that does not exist here.
     */
    private static final List<String> NOT_PROVISIONED = List.of(
            "AWS::Serverless::Function", "AWS::Serverless::HttpApi", "AWS::Serverless::Api",
            "AWS::Serverless::LayerVersion", "AWS::Lambda::", "AWS::IAM::", "AWS::CloudFront::",
            "AWS::ApiGateway::", "AWS::ApiGatewayV2::", "AWS::Logs::", "AWS::CloudWatch::",
            "AWS::SES::ConfigurationSet", "AWS::SNS::", "AWS::CertificateManager::", "AWS::Route53::",
            "AWS::S3::BucketPolicy", "AWS::Budgets::");

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalAws aws;
    private final Stack stack;
    private final Map<Class<?>, SdkClient> clients = new LinkedHashMap<>();

    Provisioner(LocalAws aws, Stack stack) {
        this.aws = aws;
        this.stack = stack;
    }

    void provisionAll() {
        try {
            for (Template.Resource resource : inDependencyOrder()) {
                provision(resource);
            }
        } finally {
            clients.values().forEach(SdkClient::close);
        }
    }

    private List<Template.Resource> inDependencyOrder() {
        Map<String, Template.Resource> resources = stack.resources();
        List<Template.Resource> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (String id : resources.keySet()) {
            visit(id, resources, ordered, done, visiting, new ArrayDeque<>());
        }
        return ordered;
    }

    private void visit(String id, Map<String, Template.Resource> resources, List<Template.Resource> ordered,
                       Set<String> done, Set<String> visiting, Deque<String> path) {
        if (done.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new IllegalStateException("Circular dependency: " + path + " -> " + id);
        }
        path.addLast(id);
        Template.Resource resource = resources.get(id);
        Set<String> dependencies = new HashSet<>(resource.dependsOn());
        if (!skipped(resource.type())) {
            dependencies.addAll(Intrinsics.references(resource.properties()));
        }
        for (String dependency : dependencies) {
            if (resources.containsKey(dependency) && !dependency.equals(id)) {
                visit(dependency, resources, ordered, done, visiting, path);
            }
        }
        path.removeLast();
        visiting.remove(id);
        done.add(id);
        ordered.add(resource);
    }

    private static boolean skipped(String type) {
        return NOT_PROVISIONED.stream().anyMatch(type::startsWith);
    }

    private void provision(Template.Resource resource) {
        if (skipped(resource.type()) || !stack.active(resource)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) stack.intrinsics.resolve(resource.properties());
        String id = resource.logicalId();
        switch (resource.type()) {
            case "AWS::DynamoDB::Table" -> table(id, p);
            case "AWS::Cognito::UserPool" -> userPool(id, p);
            case "AWS::Cognito::UserPoolClient" -> userPoolClient(id, p);
            case "AWS::Cognito::UserPoolGroup" -> userPoolGroup(id, p);
            case "AWS::SecretsManager::Secret" -> secret(id, p);
            case "AWS::SES::EmailIdentity" -> emailIdentity(id, p);
            case "AWS::S3::Bucket" -> bucket(id, p);
            case "AWS::SQS::Queue" -> queue(id, p);
            default -> LOG.log(System.Logger.Level.INFO,
                    "Not provisioned locally: " + id + " (" + resource.type() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C client(Class<C> type, Supplier<C> factory) {
        return (C) clients.computeIfAbsent(type, t -> factory.get());
    }

    private String defaultName(String logicalId) {
        return stack.name() + "-" + logicalId;
    }

    // ------------------------------------------------------------------ DynamoDB

    private void table(String id, Map<String, Object> p) {
        DynamoDbClient dynamo = client(DynamoDbClient.class, () -> aws.client(DynamoDbClient.builder()));
        String name = string(p, "TableName", defaultName(id));
        boolean provisioned = "PROVISIONED".equals(string(p, "BillingMode", "PROVISIONED"))
                && p.containsKey("ProvisionedThroughput");
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(provisioned ? "PROVISIONED" : "PAY_PER_REQUEST")
                .attributeDefinitions(maps(p.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(string(a, "AttributeName", null))
                                .attributeType(string(a, "AttributeType", "S")).build())
                        .toList())
                .keySchema(keySchema(p.get("KeySchema")));
        if (provisioned) {
            request.provisionedThroughput(throughput(p.get("ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> gsis = maps(p.get("GlobalSecondaryIndexes")).stream()
                .map(g -> {
                    GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                            .indexName(string(g, "IndexName", null))
                            .keySchema(keySchema(g.get("KeySchema")))
                            .projection(projection(g.get("Projection")));
                    if (provisioned && g.get("ProvisionedThroughput") != null) {
                        gsi.provisionedThroughput(throughput(g.get("ProvisionedThroughput")));
                    }
                    return gsi.build();
                })
                .toList();
        if (!gsis.isEmpty()) {
            request.globalSecondaryIndexes(gsis);
        }
        List<LocalSecondaryIndex> lsis = maps(p.get("LocalSecondaryIndexes")).stream()
                .map(l -> LocalSecondaryIndex.builder()
                        .indexName(string(l, "IndexName", null))
                        .keySchema(keySchema(l.get("KeySchema")))
                        .projection(projection(l.get("Projection")))
                        .build())
                .toList();
        if (!lsis.isEmpty()) {
            request.localSecondaryIndexes(lsis);
        }
        if (p.get("StreamSpecification") instanceof Map<?, ?> streams) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(String.valueOf(streams.get("StreamViewType"))).build());
        }
        TableDescription table;
        try {
            table = dynamo.createTable(request.build()).tableDescription();
        } catch (ResourceInUseException exists) {
            table = dynamo.describeTable(b -> b.tableName(name)).table();
        }
        if (p.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl && truth(ttl.get("Enabled"))) {
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(
                    t -> t.attributeName(String.valueOf(ttl.get("AttributeName"))).enabled(true)));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attributes.put("StreamArn", table.latestStreamArn());
        }
        stack.created(id, name, attributes);
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return maps(value).stream()
                .map(k -> KeySchemaElement.builder().attributeName(string(k, "AttributeName", null))
                        .keyType(string(k, "KeyType", null)).build())
                .toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> p = map(value);
        Projection.Builder projection = Projection.builder().projectionType(string(p, "ProjectionType", "ALL"));
        if (p.get("NonKeyAttributes") instanceof List<?> attributes) {
            projection.nonKeyAttributes(attributes.stream().map(String::valueOf).toList());
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        Map<String, Object> t = map(value);
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(string(t, "ReadCapacityUnits", "5")))
                .writeCapacityUnits(Long.parseLong(string(t, "WriteCapacityUnits", "5")))
                .build();
    }

    // ------------------------------------------------------------------ Cognito

    private CognitoIdentityProviderClient cognito() {
        return client(CognitoIdentityProviderClient.class, () -> aws.client(CognitoIdentityProviderClient.builder()));
    }

    private void userPool(String id, Map<String, Object> p) {
        String name = string(p, "UserPoolName", defaultName(id));
        CreateUserPoolRequest.Builder request = CreateUserPoolRequest.builder().poolName(name);
        if (map(p.get("Policies")).get("PasswordPolicy") instanceof Map<?, ?> raw) {
            Map<String, Object> pp = map(raw);
            PasswordPolicyType.Builder policy = PasswordPolicyType.builder();
            integer(pp, "MinimumLength", policy::minimumLength);
            bool(pp, "RequireUppercase", policy::requireUppercase);
            bool(pp, "RequireLowercase", policy::requireLowercase);
            bool(pp, "RequireNumbers", policy::requireNumbers);
            bool(pp, "RequireSymbols", policy::requireSymbols);
            integer(pp, "TemporaryPasswordValidityDays", policy::temporaryPasswordValidityDays);
            integer(pp, "PasswordHistorySize", policy::passwordHistorySize);
            request.policies(UserPoolPolicyType.builder().passwordPolicy(policy.build()).build());
        }
        if (p.get("UsernameConfiguration") instanceof Map<?, ?> raw) {
            request.usernameConfiguration(UsernameConfigurationType.builder()
                    .caseSensitive(truth(raw.get("CaseSensitive"))).build());
        }
        List<SchemaAttributeType> schema = maps(p.get("Schema")).stream().map(Provisioner::schemaAttribute).toList();
        if (!schema.isEmpty()) {
            request.schema(schema);
        }
        if (map(p.get("AccountRecoverySetting")).get("RecoveryMechanisms") instanceof List<?> mechanisms) {
            request.accountRecoverySetting(AccountRecoverySettingType.builder()
                    .recoveryMechanisms(maps(mechanisms).stream()
                            .map(m -> RecoveryOptionType.builder().name(string(m, "Name", null))
                                    .priority(Integer.parseInt(string(m, "Priority", "1"))).build())
                            .toList())
                    .build());
        }
        strings(p, "AutoVerifiedAttributes", request::autoVerifiedAttributesWithStrings);
        strings(p, "UsernameAttributes", request::usernameAttributesWithStrings);
        strings(p, "AliasAttributes", request::aliasAttributesWithStrings);
        if (p.containsKey("MfaConfiguration")) {
            request.mfaConfiguration(string(p, "MfaConfiguration", null));
        }
        if (p.containsKey("DeletionProtection")) {
            request.deletionProtection(string(p, "DeletionProtection", null));
        }
        UserPoolType pool = cognito().createUserPool(request.build()).userPool();
        String providerName = "cognito-idp." + aws.region() + ".amazonaws.com/" + pool.id();
        stack.created(id, pool.id(), Map.of(
                "Arn", pool.arn(),
                "UserPoolId", pool.id(),
                "ProviderName", providerName,
                "ProviderURL", "https://" + providerName));
    }

    private static SchemaAttributeType schemaAttribute(Map<String, Object> a) {
        SchemaAttributeType.Builder attribute = SchemaAttributeType.builder()
                .name(string(a, "Name", null))
                .attributeDataType(string(a, "AttributeDataType", "String"));
        bool(a, "Required", attribute::required);
        bool(a, "Mutable", attribute::mutable);
        bool(a, "DeveloperOnlyAttribute", attribute::developerOnlyAttribute);
        if (a.get("StringAttributeConstraints") instanceof Map<?, ?> c) {
            attribute.stringAttributeConstraints(StringAttributeConstraintsType.builder()
                    .minLength(c.get("MinLength") == null ? null : String.valueOf(c.get("MinLength")))
                    .maxLength(c.get("MaxLength") == null ? null : String.valueOf(c.get("MaxLength")))
                    .build());
        }
        if (a.get("NumberAttributeConstraints") instanceof Map<?, ?> c) {
            attribute.numberAttributeConstraints(NumberAttributeConstraintsType.builder()
                    .minValue(c.get("MinValue") == null ? null : String.valueOf(c.get("MinValue")))
                    .maxValue(c.get("MaxValue") == null ? null : String.valueOf(c.get("MaxValue")))
                    .build());
        }
        return attribute.build();
    }

    private void userPoolClient(String id, Map<String, Object> p) {
        String poolId = string(p, "UserPoolId", null);
        CreateUserPoolClientRequest.Builder request = CreateUserPoolClientRequest.builder()
                .userPoolId(poolId)
                .clientName(string(p, "ClientName", defaultName(id)));
        bool(p, "GenerateSecret", request::generateSecret);
        strings(p, "ExplicitAuthFlows", request::explicitAuthFlowsWithStrings);
        strings(p, "ReadAttributes", request::readAttributes);
        strings(p, "WriteAttributes", request::writeAttributes);
        strings(p, "AllowedOAuthFlows", request::allowedOAuthFlowsWithStrings);
        strings(p, "AllowedOAuthScopes", request::allowedOAuthScopes);
        strings(p, "CallbackURLs", request::callbackURLs);
        strings(p, "LogoutURLs", request::logoutURLs);
        strings(p, "SupportedIdentityProviders", request::supportedIdentityProviders);
        bool(p, "AllowedOAuthFlowsUserPoolClient", request::allowedOAuthFlowsUserPoolClient);
        integer(p, "AccessTokenValidity", request::accessTokenValidity);
        integer(p, "IdTokenValidity", request::idTokenValidity);
        integer(p, "RefreshTokenValidity", request::refreshTokenValidity);
        if (p.get("TokenValidityUnits") instanceof Map<?, ?> units) {
            request.tokenValidityUnits(TokenValidityUnitsType.builder()
                    .accessToken(units.get("AccessToken") == null ? null : String.valueOf(units.get("AccessToken")))
                    .idToken(units.get("IdToken") == null ? null : String.valueOf(units.get("IdToken")))
                    .refreshToken(units.get("RefreshToken") == null ? null : String.valueOf(units.get("RefreshToken")))
                    .build());
        }
        if (p.containsKey("PreventUserExistenceErrors")) {
            request.preventUserExistenceErrors(string(p, "PreventUserExistenceErrors", null));
        }
        bool(p, "EnableTokenRevocation", request::enableTokenRevocation);
        UserPoolClientType client = cognito().createUserPoolClient(request.build()).userPoolClient();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ClientId", client.clientId());
        attributes.put("Name", client.clientName());
        if (client.clientSecret() != null) {
            attributes.put("ClientSecret", client.clientSecret());
        }
        stack.created(id, client.clientId(), attributes);
    }

    private void userPoolGroup(String id, Map<String, Object> p) {
        String name = string(p, "GroupName", defaultName(id));
        CreateGroupRequest.Builder request = CreateGroupRequest.builder()
                .userPoolId(string(p, "UserPoolId", null))
                .groupName(name)
                .description(string(p, "Description", null))
                .roleArn(string(p, "RoleArn", null));
        integer(p, "Precedence", request::precedence);
        try {
            cognito().createGroup(request.build());
        } catch (GroupExistsException exists) {
            // provisioned before against the same emulator
        }
        stack.created(id, name, Map.of());
    }

    // ------------------------------------------------------------------ Secrets Manager

    private void secret(String id, Map<String, Object> p) {
        SecretsManagerClient secrets = client(SecretsManagerClient.class, () -> aws.client(SecretsManagerClient.builder()));
        String name = string(p, "Name", defaultName(id));
        String value = p.containsKey("SecretString") ? string(p, "SecretString", null) : generate(map(p.get("GenerateSecretString")));
        String arn;
        try {
            arn = secrets.createSecret(b -> b.name(name).description(string(p, "Description", null)).secretString(value)).arn();
        } catch (ResourceExistsException exists) {
            arn = secrets.describeSecret(b -> b.secretId(name)).arn();
        }
        stack.created(id, arn, Map.of("Id", arn));
    }

    /** Like CloudFormation's GenerateSecretString: a SecureRandom string, optionally put in a JSON template. */
    static String generate(Map<String, Object> g) {
        StringBuilder alphabet = new StringBuilder();
        if (!truth(g.get("ExcludeUppercase"))) {
            alphabet.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
        if (!truth(g.get("ExcludeLowercase"))) {
            alphabet.append("abcdefghijklmnopqrstuvwxyz");
        }
        if (!truth(g.get("ExcludeNumbers"))) {
            alphabet.append("0123456789");
        }
        if (!truth(g.get("ExcludePunctuation"))) {
            alphabet.append(PUNCTUATION);
        }
        if (truth(g.get("IncludeSpace"))) {
            alphabet.append(' ');
        }
        String excluded = string(g, "ExcludeCharacters", "");
        String chars = alphabet.chars().filter(c -> excluded.indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        int length = Integer.parseInt(string(g, "PasswordLength", "32"));
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        String template = string(g, "SecretStringTemplate", null);
        String key = string(g, "GenerateStringKey", null);
        if (template == null || key == null) {
            return secret.toString();
        }
        String body = template.trim();
        body = body.substring(0, body.lastIndexOf('}')).trim();
        return body + (body.endsWith("{") ? "" : ",") + json(key) + ":" + json(secret.toString()) + "}";
    }

    // ------------------------------------------------------------------ SES

    private void emailIdentity(String id, Map<String, Object> p) {
        SesV2Client ses = client(SesV2Client.class, () -> aws.client(SesV2Client.builder()));
        String identity = string(p, "EmailIdentity", null);
        try {
            ses.createEmailIdentity(b -> b.emailIdentity(identity));
        } catch (AlreadyExistsException exists) {
            // provisioned before against the same emulator
        }
        stack.created(id, identity, Map.of());
    }

    // ------------------------------------------------------------------ S3

    private void bucket(String id, Map<String, Object> p) {
        S3Client s3 = client(S3Client.class, () -> aws.client(S3Client.builder().forcePathStyle(true)));
        String name = string(p, "BucketName", defaultName(id).toLowerCase(Locale.ROOT));
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(name);
        if (!"us-east-1".equals(aws.region())) {
            request.createBucketConfiguration(CreateBucketConfiguration.builder().locationConstraint(aws.region()).build());
        }
        try {
            s3.createBucket(request.build());
        } catch (BucketAlreadyOwnedByYouException exists) {
            // provisioned before against the same emulator
        }
        // CORS is the one bucket setting a local browser sees (presigned uploads from the
        // web page); encryption, ownership and public-access blocks change nothing here.
        List<CORSRule> cors = maps(map(p.get("CorsConfiguration")).get("CorsRules")).stream()
                .map(Provisioner::corsRule).toList();
        if (!cors.isEmpty()) {
            s3.putBucketCors(b -> b.bucket(name).corsConfiguration(c -> c.corsRules(cors)));
        }
        stack.created(id, name, Map.of(
                "Arn", "arn:aws:s3:::" + name,
                "DomainName", name + ".s3.amazonaws.com",
                "RegionalDomainName", name + ".s3." + aws.region() + ".amazonaws.com",
                "WebsiteURL", "http://" + name + ".s3-website-" + aws.region() + ".amazonaws.com"));
    }

    private static CORSRule corsRule(Map<String, Object> r) {
        CORSRule.Builder rule = CORSRule.builder();
        strings(r, "AllowedOrigins", rule::allowedOrigins);
        strings(r, "AllowedMethods", rule::allowedMethods);
        strings(r, "AllowedHeaders", rule::allowedHeaders);
        strings(r, "ExposedHeaders", rule::exposeHeaders);
        integer(r, "MaxAge", rule::maxAgeSeconds);
        if (r.get("Id") != null) {
            rule.id(string(r, "Id", null));
        }
        return rule.build();
    }

    // ------------------------------------------------------------------ SQS

    private static final List<String> QUEUE_ATTRIBUTES = List.of("DelaySeconds", "MaximumMessageSize",
            "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "FifoQueue",
            "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled", "RedrivePolicy", "RedriveAllowPolicy");

    private void queue(String id, Map<String, Object> p) {
        SqsClient sqs = client(SqsClient.class, () -> aws.client(SqsClient.builder()));
        boolean fifo = truth(p.get("FifoQueue"));
        String name = string(p, "QueueName", defaultName(id) + (fifo ? ".fifo" : ""));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : QUEUE_ATTRIBUTES) {
            Object value = p.get(attribute);
            if (value != null) {
                attributes.put(attribute, value instanceof Map || value instanceof List ? json(value) : String.valueOf(value));
            }
        }
        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        stack.created(id, url, Map.of("Arn", arn, "QueueUrl", url, "QueueName", name));
    }

    // ------------------------------------------------------------------ property helpers

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(Provisioner::map).toList();
    }

    private static String string(Map<String, Object> p, String key, String fallback) {
        Object value = p.get(key);
        return value == null ? fallback : String.valueOf(value);
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    private static void bool(Map<String, Object> p, String key, java.util.function.Consumer<Boolean> setter) {
        if (p.get(key) != null) {
            setter.accept(truth(p.get(key)));
        }
    }

    private static void integer(Map<String, Object> p, String key, java.util.function.Consumer<Integer> setter) {
        if (p.get(key) != null) {
            setter.accept(Integer.valueOf(String.valueOf(p.get(key))));
        }
    }

    private static void strings(Map<String, Object> p, String key, java.util.function.Consumer<List<String>> setter) {
        if (p.get(key) instanceof List<?> list) {
            setter.accept(list.stream().map(String::valueOf).toList());
        }
    }
}
