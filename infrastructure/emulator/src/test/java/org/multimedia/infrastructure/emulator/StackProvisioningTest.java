package org.multimedia.infrastructure.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordPolicyType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Provisions the repository's template.yaml into one moto and looks at what was created. */
class StackProvisioningTest {

    private static LocalAws aws;
    private static Stack stack;

    @BeforeAll
    static void provision() {
        aws = LocalAws.start();
        stack = Stack.provision(aws, Template.locate(), "test");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void tablesHaveTheirKeysAndTimeToLive() {
        try (DynamoDbClient dynamo = aws.client(DynamoDbClient.builder())) {
            String codes = stack.physicalId("VerificationCodesTable");
            assertEquals("test-VerificationCodesTable", codes);
            TableDescription table = dynamo.describeTable(b -> b.tableName(codes)).table();
            assertEquals("pk", table.keySchema().get(0).attributeName());
            assertEquals(KeyType.HASH, table.keySchema().get(0).keyType());
            assertEquals("ttl", dynamo.describeTimeToLive(b -> b.tableName(codes))
                    .timeToLiveDescription().attributeName());
            assertEquals(TimeToLiveStatus.ENABLED, dynamo.describeTimeToLive(b -> b.tableName(codes))
                    .timeToLiveDescription().timeToLiveStatus());
            String subscriptions = stack.physicalId("SubscriptionsTable");
            assertEquals("email", dynamo.describeTable(b -> b.tableName(subscriptions)).table()
                    .keySchema().get(0).attributeName());
        }
    }

    @Test
    void userPoolAndClientAreAsDeclared() {
        try (CognitoIdentityProviderClient cognito = aws.client(CognitoIdentityProviderClient.builder())) {
            var pool = cognito.describeUserPool(b -> b.userPoolId(stack.userPoolId())).userPool();
            assertEquals("test-users", pool.name());
            PasswordPolicyType policy = pool.policies().passwordPolicy();
            assertEquals(12, policy.minimumLength());
            assertTrue(policy.requireSymbols() && policy.requireUppercase() && policy.requireNumbers());
            var client = cognito.describeUserPoolClient(b -> b.userPoolId(stack.userPoolId())
                    .clientId(stack.physicalId("UserPoolClient"))).userPoolClient();
            assertNotNull(client.clientSecret());
            assertTrue(client.readAttributes().contains("email_verified"));
        }
    }

    @Test
    void secretIsGeneratedAndSenderCanSend() {
        try (SecretsManagerClient secrets = aws.client(SecretsManagerClient.builder());
             SesV2Client ses = aws.client(SesV2Client.builder())) {
            String value = secrets.getSecretValue(b -> b.secretId(stack.physicalId("CodeHashKey"))).secretString();
            assertTrue(value.matches("[A-Za-z0-9]{64}"));
            String sender = stack.parameters().get("SenderEmail");
            String messageId = ses.sendEmail(b -> b.fromEmailAddress(sender)
                    .destination(d -> d.toAddresses("someone@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Hello"))
                            .body(body -> body.text(t -> t.data("Hi")))))).messageId();
            assertNotNull(messageId);
        }
    }

    @Test
    void routesAndEnvironmentAreResolved() {
        List<Route> routes = stack.routes();
        assertTrue(routes.contains(new Route("POST", "/account/signup", "SignUpFunction",
                "org.multimedia.account.SignUpHandler", null)), routes.toString());
        Map<String, String> env = stack.functionEnvironment("SignUpFunction");
        assertEquals(stack.physicalId("VerificationCodesTable"), env.get("TABLES_CODES"));
        assertEquals(stack.userPoolId(), env.get("COGNITO_USER_POOL_ID"));
        assertTrue(env.get("KEYS_VERIFICATION_CODES_SECRET_ID").startsWith("arn:aws:secretsmanager:"));
        assertFalse(env.values().stream().anyMatch(v -> v.contains("Ref") || v.contains("Fn::")), env.toString());
        JwtAuthorizer authorizer = stack.authorizer("CognitoJwt").orElseThrow();
        assertEquals("https://cognito-idp.eu-west-1.amazonaws.com/" + stack.userPoolId(), authorizer.issuer());
        assertEquals(List.of(stack.physicalId("UserPoolClient")), authorizer.audience());
        // The website calls its own origin (the portal's distribution, the local gateway here).
        assertEquals(Cors.NONE, stack.cors());
    }

    @Test
    void videoTablesHaveTheirKeysAndIndexes() {
        try (DynamoDbClient dynamo = aws.client(DynamoDbClient.builder())) {
            TableDescription videos = dynamo.describeTable(b -> b.tableName(stack.physicalId("VideosTable"))).table();
            assertEquals(List.of("id:HASH"), keys(videos.keySchema()));
            GlobalSecondaryIndexDescription catalogue = index(videos, "catalogue");
            assertEquals(List.of("listed:HASH", "publishedAt:RANGE"), keys(catalogue.keySchema()));
            assertEquals(ProjectionType.ALL, catalogue.projection().projectionType());

            TableDescription downloads = dynamo.describeTable(b -> b.tableName(stack.physicalId("DownloadsTable"))).table();
            assertEquals(List.of("sub:HASH", "downloadId:RANGE"), keys(downloads.keySchema()));
            GlobalSecondaryIndexDescription byVideo = index(downloads, "by-video");
            assertEquals(List.of("videoId:HASH", "at:RANGE"), keys(byVideo.keySchema()));
            assertEquals(ProjectionType.KEYS_ONLY, byVideo.projection().projectionType());
        }
    }

    @Test
    void newsletterTablesHaveTheirKeysAndIndexesAndTheFeedbackPathIsSkipped() {
        try (DynamoDbClient dynamo = aws.client(DynamoDbClient.builder())) {
            TableDescription subscriptions = dynamo.describeTable(b -> b.tableName(stack.physicalId("SubscriptionsTable"))).table();
            assertEquals(List.of("email:HASH"), keys(subscriptions.keySchema()));
            GlobalSecondaryIndexDescription subscribed = index(subscriptions, "subscribed");
            assertEquals(List.of("listLanguage:HASH", "email:RANGE"), keys(subscribed.keySchema()));
            assertEquals(ProjectionType.INCLUDE, subscribed.projection().projectionType());
            assertEquals(List.of("subscriberId"), subscribed.projection().nonKeyAttributes());
            GlobalSecondaryIndexDescription bySubscriber = index(subscriptions, "by-subscriber");
            assertEquals(List.of("subscriberId:HASH"), keys(bySubscriber.keySchema()));
            assertEquals(ProjectionType.KEYS_ONLY, bySubscriber.projection().projectionType());

            TableDescription suppressions = dynamo.describeTable(b -> b.tableName(stack.physicalId("SuppressionsTable"))).table();
            assertEquals(List.of("email:HASH"), keys(suppressions.keySchema()));
        }
        // SES configuration set, its SNS destination and the topic have no local meaning; the
        // functions still get every variable, resolved.
        for (String skipped : List.of("NewsletterConfigurationSet", "NewsletterFeedbackDestination",
                "NewsletterFeedbackTopic", "NewsletterFeedbackTopicPolicy")) {
            assertFalse(stack.isCreated(skipped), skipped);
        }
        assertTrue(stack.isCreated("NewsletterSenderIdentity"));
        Map<String, String> env = stack.functionEnvironment("BounceFunction");
        assertEquals(stack.physicalId("SuppressionsTable"), env.get("TABLES_SUPPRESSIONS"));
        assertEquals("http://localhost:3000", stack.functionEnvironment("CampaignSendWorkerFunction").get("API_URL"),
                "unsubscribe links point at the portal: locally the gateway's address");
        assertEquals("newsletter@multimedia.example.org", env.get("NEWSLETTER_SENDER"));
        assertTrue(stack.queueConsumers().stream().noneMatch(c -> c.functionLogicalId().equals("BounceFunction")),
                "an SNS-triggered function is not a queue consumer");
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyType()).toList();
    }

    private static GlobalSecondaryIndexDescription index(TableDescription table, String name) {
        return table.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(table.tableName() + " has no index " + name));
    }

    @Test
    void videoBucketAcceptsUploadsFromTheWebsite() {
        try (S3Client s3 = aws.client(S3Client.builder().forcePathStyle(true))) {
            String bucket = stack.physicalId("VideoBucket");
            s3.headBucket(b -> b.bucket(bucket));
            CORSRule rule = s3.getBucketCors(b -> b.bucket(bucket)).corsRules().get(0);
            assertEquals(List.of("http://localhost:3000"), rule.allowedOrigins());
            assertTrue(rule.allowedMethods().contains("PUT"), rule.toString());
        }
        // Not created locally: the bucket policy and, with the default parameters, CloudFront.
        assertFalse(stack.isCreated("VideoBucketPolicy"));
        assertFalse(stack.isCreated("VideoDistribution"));
    }

    @Test
    void mailQueueRedrivesToItsDeadLetterQueueAndFeedsTheMailWorker() throws Exception {
        try (SqsClient sqs = aws.client(SqsClient.builder())) {
            String url = stack.physicalId("MailQueue");
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertEquals("90", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
            var redrive = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(stack.physicalId("MailDeadLetterQueue"))
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            assertEquals(dlqArn, redrive.get("deadLetterTargetArn").asText());
            assertEquals(5, redrive.get("maxReceiveCount").asInt());
            assertEquals(url, stack.functionEnvironment("SignUpFunction").get("MAIL_QUEUE_URL"));
        }
        assertEquals(List.of(new QueueConsumer("MailWorkerFunction", "org.multimedia.mail.MailWorker", "MailQueue",
                        stack.physicalId("MailQueue"), stack.attribute("MailQueue", "Arn"), 10, true)),
                stack.queueConsumers().stream().filter(c -> c.queueLogicalId().equals("MailQueue")).toList());
        assertEquals(List.of("MailWorkerFunction", "CatalogueInvalidatorFunction", "SearchIndexFunction", "CampaignPageWorkerFunction",
                        "CampaignSendWorkerFunction"),
                stack.queueConsumers().stream().map(QueueConsumer::functionLogicalId).toList(),
                "every Type: SQS function of the template, the campaign workers, the catalogue invalidator and the search index included");
        assertTrue(stack.routes().stream().noneMatch(r -> r.functionLogicalId().equals("MailWorkerFunction")),
                "an SQS event is no route");
    }

    @Test
    void editorsGroupExists() {
        try (CognitoIdentityProviderClient cognito = aws.client(CognitoIdentityProviderClient.builder())) {
            assertEquals("editors", cognito.getGroup(b -> b.userPoolId(stack.userPoolId()).groupName("editors"))
                    .group().groupName());
        }
    }

    @Test
    void everySignedInRouteTakesAccessTokensOnly() {
        List<Route> authorized = stack.routes().stream().filter(r -> r.authorizerName() != null).toList();
        assertFalse(authorized.isEmpty());
        for (Route route : authorized) {
            assertEquals(List.of("aws.cognito.signin.user.admin"), route.authorizationScopes(), route.routeKey());
        }
        assertTrue(stack.routes().stream().filter(r -> r.authorizerName() == null)
                .allMatch(r -> r.authorizationScopes().isEmpty()));
    }

    @Test
    void theClientWritesTheAddressOnceOnlyAndItsTokensLiveAQuarterOfAnHour() {
        try (CognitoIdentityProviderClient cognito = aws.client(CognitoIdentityProviderClient.builder())) {
            var client = cognito.describeUserPoolClient(b -> b.userPoolId(stack.userPoolId())
                    .clientId(stack.physicalId("UserPoolClient"))).userPoolClient();
            assertEquals(List.of("email", "locale"), client.writeAttributes());
            var email = cognito.describeUserPool(b -> b.userPoolId(stack.userPoolId())).userPool().schemaAttributes().stream()
                    .filter(a -> a.name().equals("email")).findFirst().orElseThrow();
            assertTrue(email.required());
            assertFalse(email.mutable(), "set at sign-up, never changed");
            assertEquals(15, client.accessTokenValidity());
            assertEquals(15, client.idTokenValidity());
        }
    }

    @Test
    void downloadsAreS3PresignedWithoutCloudFront() {
        assertFalse(stack.intrinsics.condition("HasCloudFront"));
        Map<String, String> env = stack.functionEnvironment("DownloadVideoFunction");
        assertEquals(stack.physicalId("VideosTable"), env.get("TABLES_VIDEOS"));
        assertEquals(stack.physicalId("DownloadsTable"), env.get("TABLES_DOWNLOADS"));
        assertEquals(stack.physicalId("VideoBucket"), env.get("VIDEOS_BUCKET"));
        assertFalse(env.keySet().stream().anyMatch(k -> k.startsWith("VIDEOS_CLOUDFRONT_")), env.toString());
        assertTrue(stack.routes().contains(new Route("POST", "/videos/{id}/download", "DownloadVideoFunction",
                "org.multimedia.video.DownloadVideoHandler", "CognitoJwt", List.of("aws.cognito.signin.user.admin"))),
                stack.routes().toString());
    }

    /** Without the video distribution the base is empty: the functions presign GETs of public/ instead. */
    @Test
    void postersAndPreviewsHaveNoPublicBaseWithoutCloudFront() {
        assertFalse(stack.intrinsics.condition("HasCloudFront"));
        for (String function : List.of("CreateVideoFunction", "PublishVideoFunction", "ListVideosFunction", "GetVideoFunction")) {
            assertEquals("", stack.functionEnvironment(function).get("VIDEOS_PUBLIC_BASE_URL"), function);
        }
    }

    @Test
    void cloudFrontNeedsBothItsParameters() {
        Template template = Template.load(Template.locate());
        String secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:video-key-AbCdEf";
        assertTrue(Stack.describe(template, "t", "eu-west-1", Map.of("CloudFrontPublicKey", "PEM",
                "CloudFrontPrivateKeySecretArn", secret)).intrinsics.condition("HasCloudFront"));
        assertFalse(Stack.describe(template, "t", "eu-west-1", Map.of("CloudFrontPublicKey", "PEM"))
                .intrinsics.condition("HasCloudFront"));
    }
}
