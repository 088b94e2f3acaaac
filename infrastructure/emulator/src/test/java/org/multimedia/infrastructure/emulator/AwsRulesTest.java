package org.multimedia.infrastructure.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Each rule of strict mode refuses a small template that breaks it, with AWS's own text, and
 * accepts the same template once it is right. No emulator: the rules look at the template only.
 */
class AwsRulesTest {

    /** A few real actions (cfn-lint's shape), so the IAM rule is tested without cfn-lint. */
    private static final IamActions SOME_ACTIONS = IamActions.load(resource("/iam-actions.json"));

    // ------------------------------------------------------------------ Cognito

    private static final String POOL = """
            Resources:
              UserPool:
                Type: AWS::Cognito::UserPool
                Properties:
                  Schema:
                    - {Name: email, AttributeDataType: String, Required: true, Mutable: false}
              UserPoolClient:
                Type: AWS::Cognito::UserPoolClient
                Properties:
                  UserPoolId: !Ref UserPool
                  WriteAttributes: %s
            """;

    @Test
    void aClientMustWriteEveryRequiredAttribute() {
        Violation refused = single(POOL.formatted("[locale]"));
        assertEquals("UserPoolClient", refused.resource());
        assertTrue(refused.message().startsWith(
                "InvalidParameterException: Invalid write attributes specified while creating a client"), refused.message());
        assertTrue(refused.message().contains("[email]"), refused.message());
        assertAccepted(POOL.formatted("[email, locale]"));
    }

    @Test
    void aClientWithoutWriteAttributesWritesEverything() {
        assertAccepted(POOL.replace("      WriteAttributes: %s\n", ""));
    }

    private static final String UPDATE_SETTINGS = """
            Resources:
              UserPool:
                Type: AWS::Cognito::UserPool
                Properties:
                  AutoVerifiedAttributes: %s
                  UserAttributeUpdateSettings:
                    AttributesRequireVerificationBeforeUpdate: [email]
            """;

    @Test
    void anAttributeVerifiedBeforeUpdateMustBeAutoVerified() {
        Violation refused = single(UPDATE_SETTINGS.formatted("[]"));
        assertEquals("UserPool", refused.resource());
        assertTrue(refused.message().startsWith("InvalidParameterException: All attributes in"
                + " AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes"), refused.message());
        assertAccepted(UPDATE_SETTINGS.formatted("[email]"));
    }

    // ------------------------------------------------------------------ Lambda

    private static final String RESERVATIONS = """
            Parameters:
              Reserve:
                Type: String
                Default: "false"
            Conditions:
              Reserves: !Equals [!Ref Reserve, "true"]
            Resources:
              SendFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: Send
                  ReservedConcurrentExecutions: !If [Reserves, 2, !Ref AWS::NoValue]
            """;

    @Test
    void reservedConcurrencyMustLeaveOneHundredUnreservedOfTheQuota() {
        Stack reserving = stack(RESERVATIONS, Map.of("Reserve", "true"));
        List<Violation> refused = new AwsRules(reserving, 10, () -> SOME_ACTIONS).violations();
        assertEquals(1, refused.size(), refused.toString());
        assertEquals("SendFunction", refused.get(0).resource());
        assertTrue(refused.get(0).message().startsWith("Specified ReservedConcurrentExecutions for function decreases"
                + " account's UnreservedConcurrentExecution below its minimum value of [100]."), refused.get(0).message());
        assertEquals(List.of(), new AwsRules(reserving, 1000, () -> SOME_ACTIONS).violations(), "a raised quota");
        assertAccepted(RESERVATIONS); // the condition false: no reservation
    }

    private static final String QUEUE_CONSUMER = """
            Globals:
              Function:
                Timeout: 60
            Resources:
              PageQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: %d
              PageWorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: PageWorker
                  Events:
                    Pages:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt PageQueue.Arn
            """;

    @Test
    void aQueueVisibilityTimeoutBelowTheFunctionTimeoutIsRefusedByLambda() {
        Violation refused = single(QUEUE_CONSUMER.formatted(30));
        assertEquals("PageWorkerFunction", refused.resource());
        assertTrue(refused.message().startsWith("Queue visibility timeout: 30 seconds is less than Function timeout:"
                + " 60 seconds"), refused.message());
    }

    @Test
    void aQueueVisibilityTimeoutBelowSixTimesTheFunctionTimeoutIsRefusedAsAwsAdvises() {
        Violation refused = single(QUEUE_CONSUMER.formatted(180));
        assertEquals("PageWorkerFunction", refused.resource());
        assertTrue(refused.message().contains("six times the function timeout"), refused.message());
        assertAccepted(QUEUE_CONSUMER.formatted(360));
        // Lambda's default timeout, 3 s, when neither the function nor Globals set one
        assertAccepted(QUEUE_CONSUMER.formatted(18).replace("  Function:\n    Timeout: 60\n", "  Function: {}\n"));
    }

    private static final String EVENT_SOURCE = """
            Resources:
              SendQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 181
              SendWorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: SendWorker
                  Timeout: 30
                  Events:
                    Sends:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt SendQueue.Arn
                        %s
            """;

    @Test
    void aQueueEventSourceIsWithinLambdasRanges() {
        assertAccepted(EVENT_SOURCE.formatted("ScalingConfig: {MaximumConcurrency: 2}"));
        assertAccepted(EVENT_SOURCE.formatted("BatchSize: 100\n" + " ".repeat(12) + "MaximumBatchingWindowInSeconds: 1"));
        Violation concurrency = single(EVENT_SOURCE.formatted("ScalingConfig: {MaximumConcurrency: 1}"));
        assertEquals("1 validation error detected: Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 2", concurrency.message());
        Violation window = single(EVENT_SOURCE.formatted("BatchSize: 100"));
        assertTrue(window.message().startsWith("Maximum batch window in seconds must be greater than 0 if maximum batch"
                + " size is greater than 10"), window.message());
    }

    @Test
    void aFunctionsTimeoutAndMemoryAreWithinLambdasRanges() {
        String function = """
                Resources:
                  SignUpFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: SignUp
                      Timeout: %d
                      MemorySize: %d
                """;
        assertAccepted(function.formatted(900, 10_240));
        assertEquals("1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must"
                + " have value less than or equal to 900", single(function.formatted(901, 1024)).message());
        assertEquals("1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must"
                + " have value greater than or equal to 128", single(function.formatted(15, 64)).message());
    }

    private static final String DESCRIBED = """
            Parameters:
              Site:
                Type: String
                Default: https://example.org
            Resources:
              SignUpFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: SignUp
                  %s: !Sub "${Site} %s"
            """;

    @Test
    void descriptionsAreAtMost256CharactersOnceResolved() {
        String words = "x".repeat(256 - "https://example.org ".length());
        assertAccepted(DESCRIBED.formatted("VersionDescription", words));
        for (String key : List.of("Description", "VersionDescription")) {
            Violation refused = single(DESCRIBED.formatted(key, words + "x"));
            assertEquals("SignUpFunction", refused.resource());
            assertTrue(refused.message().contains("Member must have length less than or equal to 256"), refused.message());
        }
    }

    private static final String ENVIRONMENT = """
            Globals:
              Function:
                Environment:
                  Variables:
                    SHARED: "%s"
            Resources:
              SignUpFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: SignUp
                  Environment:
                    Variables:
                      OWN: "%s"
            """;

    @Test
    void environmentVariablesOfGlobalsAndTheFunctionAreAtMost4KbAsJson() {
        // {"SHARED":"...","OWN":"..."} is 22 bytes around the values
        String half = "v".repeat(2000);
        assertAccepted(ENVIRONMENT.formatted(half, "w".repeat(4096 - 22 - 2000)));
        Violation refused = single(ENVIRONMENT.formatted(half, "w".repeat(4096 - 22 - 2000 + 1)));
        assertEquals("SignUpFunction", refused.resource());
        assertTrue(refused.message().startsWith("Lambda was unable to configure your environment variables because the"
                + " environment variables you have provided exceeded the 4KB limit."), refused.message());
    }

    // ------------------------------------------------------------------ SES

    private static final String CONFIGURATION_SETS = """
            Parameters:
              Feedback:
                Type: String
                Default: "true"
            Conditions:
              HasFeedback: !Equals [!Ref Feedback, "true"]
            Resources:
              NewsletterConfigurationSet:
                Type: AWS::SES::ConfigurationSet
                Condition: HasFeedback
              FeedbackDestination:
                Type: AWS::SES::ConfigurationSetEventDestination
                Properties:
                  ConfigurationSetName: %s
                  EventDestination: {MatchingEventTypes: [bounce]}
              SenderIdentity:
                Type: AWS::SES::EmailIdentity
                Properties:
                  EmailIdentity: news@example.org
                  ConfigurationSetAttributes:
                    ConfigurationSetName: %s
            """;

    @Test
    void configurationSetsNamedByDestinationsAndIdentitiesMustExist() {
        assertAccepted(CONFIGURATION_SETS.formatted("!Ref NewsletterConfigurationSet", "!Ref NewsletterConfigurationSet"));
        List<Violation> refused = violations(CONFIGURATION_SETS.formatted("other-set", "another-set"), Map.of());
        assertEquals(List.of("FeedbackDestination", "SenderIdentity"), refused.stream().map(Violation::resource).toList());
        refused.forEach(v -> assertTrue(v.message().startsWith(
                "ConfigurationSetDoesNotExist: Indicates that the configuration set does not exist."), v.message()));
    }

    @Test
    void aReferenceToAConfigurationSetWhoseConditionIsFalseIsUnresolved() {
        List<Violation> refused = violations(CONFIGURATION_SETS.formatted("!Ref NewsletterConfigurationSet",
                "!Ref NewsletterConfigurationSet"), Map.of("Feedback", "false"));
        assertEquals(List.of("FeedbackDestination", "SenderIdentity"),
                refused.stream().map(Violation::resource).distinct().toList());
        assertTrue(refused.get(0).message().startsWith("Template format error: Unresolved resource dependencies"
                + " [NewsletterConfigurationSet] in the Resources block of the template"), refused.get(0).message());
    }

    private static final String SENDERS = """
            Parameters:
              Sender:
                Type: String
                Default: no-reply@mail.example.org
              CreateIdentity:
                Type: String
                Default: "true"
            Conditions:
              CreatesIdentity: !Equals [!Ref CreateIdentity, "true"]
            Resources:
              NewsletterConfigurationSet:
                Type: AWS::SES::ConfigurationSet
              SenderIdentity:
                Type: AWS::SES::EmailIdentity
                Condition: CreatesIdentity
                Properties:
                  EmailIdentity: %s
              MailWorkerFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: MailWorker
                  Environment:
                    Variables:
                      MAIL_SENDER: !Ref Sender
                      NEWSLETTER_CONFIGURATION_SET: %s
            """;

    @Test
    void aSenderAddressMustBeADeclaredIdentityOrOfADeclaredDomain() {
        assertAccepted(SENDERS.formatted("!Ref Sender", "!Ref NewsletterConfigurationSet"));
        assertAccepted(SENDERS.formatted("mail.example.org", "!Ref NewsletterConfigurationSet"));
        assertAccepted(SENDERS.formatted("example.org", "!Ref NewsletterConfigurationSet"));
        Violation refused = single(SENDERS.formatted("other@mail.example.org", "!Ref NewsletterConfigurationSet"));
        assertEquals("MailWorkerFunction MAIL_SENDER", refused.resource());
        assertTrue(refused.message().startsWith("MessageRejected: Email address is not verified. The following identities"
                + " failed the check in region EU-WEST-1: no-reply@mail.example.org"), refused.message());
        // the identity's condition false: no identity at all
        assertEquals(1, violations(SENDERS.formatted("!Ref Sender", "!Ref NewsletterConfigurationSet"),
                Map.of("CreateIdentity", "false")).size());
    }

    @Test
    void aFunctionsConfigurationSetVariableMustNameADeclaredSet() {
        Violation refused = single(SENDERS.formatted("!Ref Sender", "newsletter"));
        assertEquals("MailWorkerFunction NEWSLETTER_CONFIGURATION_SET", refused.resource());
        assertTrue(refused.message().startsWith("ConfigurationSetDoesNotExist:"), refused.message());
    }

    // ------------------------------------------------------------------ CloudFront

    private static final String KEY_GROUP = """
            Parameters:
              Key2:
                Type: String
                Default: ""
            Conditions:
              HasKey2: !Not [!Equals [!Ref Key2, ""]]
            Resources:
              VideoPublicKey:
                Type: AWS::CloudFront::PublicKey
                Properties:
                  PublicKeyConfig: {Name: k1, CallerReference: k1, EncodedKey: PEM}
              VideoPublicKey2:
                Type: AWS::CloudFront::PublicKey
                Condition: HasKey2
                Properties:
                  PublicKeyConfig: {Name: k2, CallerReference: k2, EncodedKey: !Ref Key2}
              VideoKeyGroup:
                Type: AWS::CloudFront::KeyGroup
                Properties:
                  KeyGroupConfig:
                    Name: videos
                    Items: %s
              VideoDistribution:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    DefaultCacheBehavior:
                      TargetOriginId: videos
                      TrustedKeyGroups: %s
            """;

    @Test
    void aKeyGroupHoldsDeclaredPublicKeysWithConditionsDecided() {
        String bothSlots = "[!Ref VideoPublicKey, !If [HasKey2, !Ref VideoPublicKey2, !Ref AWS::NoValue]]";
        assertAccepted(KEY_GROUP.formatted(bothSlots, "[!Ref VideoKeyGroup]"));
        Violation literal = single(KEY_GROUP.formatted("[!Ref VideoPublicKey, K2EXAMPLE]", "[!Ref VideoKeyGroup]"));
        assertEquals("VideoKeyGroup", literal.resource());
        assertTrue(literal.message().startsWith("NoSuchPublicKey: The specified public key does not exist."), literal.message());
        List<Violation> unresolved = violations(KEY_GROUP.formatted("[!Ref VideoPublicKey, !Ref VideoPublicKey2]",
                "[!Ref VideoKeyGroup]"), Map.of());
        assertTrue(unresolved.stream().anyMatch(v -> v.message().startsWith(
                "Template format error: Unresolved resource dependencies [VideoPublicKey2]")), unresolved.toString());
    }

    @Test
    void aKeyGroupHoldsAtMostFiveKeys() {
        Violation refused = single(KEY_GROUP.formatted("[" + "!Ref VideoPublicKey, ".repeat(5) + "!Ref VideoPublicKey]",
                "[!Ref VideoKeyGroup]"));
        assertTrue(refused.message().startsWith("TooManyPublicKeysInKeyGroup: The number of public keys in this key group"
                + " is more than the maximum allowed."), refused.message());
    }

    @Test
    void aDistributionTrustsDeclaredKeyGroups() {
        Violation refused = single(KEY_GROUP.formatted("[!Ref VideoPublicKey]", "[!Ref VideoKeyGroup, other-group]"));
        assertEquals("VideoDistribution", refused.resource());
        assertTrue(refused.message().startsWith("TrustedKeyGroupDoesNotExist: The specified key group does not exist."),
                refused.message());
    }

    private static final String CACHE_POLICY = """
            Resources:
              CatalogueCachePolicy:
                Type: AWS::CloudFront::CachePolicy
                Properties:
                  CachePolicyConfig:
                    Name: catalogue
                    MinTTL: %s
                    DefaultTTL: %s
                    MaxTTL: %s
            """;

    @Test
    void aCachePolicysTtlsAreOrdered() {
        assertAccepted(CACHE_POLICY.formatted(0, 30, 60));
        assertAccepted(CACHE_POLICY.formatted(30, 30, 30));
        Violation defaultAboveMax = single(CACHE_POLICY.formatted(0, 120, 60));
        assertEquals("CatalogueCachePolicy", defaultAboveMax.resource());
        assertTrue(defaultAboveMax.message().startsWith("InvalidArgument:"), defaultAboveMax.message());
        assertTrue(defaultAboveMax.message().contains("DefaultTTL 120, MaxTTL 60"), defaultAboveMax.message());
        single(CACHE_POLICY.formatted(45, 30, 60));
    }

    private static final String CACHE_KEY = """
            Resources:
              CatalogueCachePolicy:
                Type: AWS::CloudFront::CachePolicy
                Properties:
                  CachePolicyConfig:
                    Name: catalogue
                    ParametersInCacheKeyAndForwardedToOrigin:
                      HeadersConfig: {HeaderBehavior: whitelist, Headers: %s}
                      QueryStringsConfig: {QueryStringBehavior: whitelist, QueryStrings: %s}
                      CookiesConfig: {CookieBehavior: whitelist, Cookies: %s}
            """;

    private static String names(String prefix, int count) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names.toString();
    }

    @Test
    void aCachePolicyNamesAtMostTenHeadersQueryStringsAndCookies() {
        int quota = AwsRules.NAMES_PER_CACHE_KEY;
        assertAccepted(CACHE_KEY.formatted(names("X-H", quota), names("q", quota), names("c", quota)));
        List<String> errors = List.of("TooManyHeadersInCachePolicy:", "TooManyQueryStringsInCachePolicy:", "TooManyCookiesInCachePolicy:");
        for (int over = 0; over < 3; over++) {
            Violation refused = single(CACHE_KEY.formatted(names("X-H", quota + (over == 0 ? 1 : 0)),
                    names("q", quota + (over == 1 ? 1 : 0)), names("c", quota + (over == 2 ? 1 : 0))));
            assertEquals("CatalogueCachePolicy", refused.resource());
            assertTrue(refused.message().startsWith(errors.get(over)), refused.message());
        }
    }

    private static final String EDGE_FUNCTION = """
            Resources:
              LanguageFunction:
                Type: AWS::CloudFront::Function
                Properties:
                  Name: language
                  AutoPublish: true
                  FunctionConfig: {Comment: c, Runtime: %s}
                  FunctionCode: "%s"
              Portal:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Origins:
                      - {Id: api, DomainName: api.example.org}
                    DefaultCacheBehavior: {TargetOriginId: api}
                    CacheBehaviors:
                      - PathPattern: /videos*
                        TargetOriginId: api
                        FunctionAssociations: %s
            """;

    private static final String VIEWER_REQUEST = "[{EventType: viewer-request, FunctionARN: !GetAtt LanguageFunction.FunctionARN}]";

    @Test
    void aCloudFrontFunctionFitsTenKilobytesAndNamesItsRuntime() {
        String fits = "x".repeat(AwsRules.FUNCTION_CODE_BYTES);
        assertAccepted(EDGE_FUNCTION.formatted("cloudfront-js-2.0", fits, VIEWER_REQUEST));
        assertAccepted(EDGE_FUNCTION.formatted("cloudfront-js-1.0", fits, VIEWER_REQUEST));
        Violation tooLarge = single(EDGE_FUNCTION.formatted("cloudfront-js-2.0", fits + "x", VIEWER_REQUEST));
        assertEquals("LanguageFunction", tooLarge.resource());
        assertTrue(tooLarge.message().startsWith("FunctionSizeLimitExceeded: The function is too large."), tooLarge.message());
        Violation node = single(EDGE_FUNCTION.formatted("nodejs20.x", "x", VIEWER_REQUEST));
        assertTrue(node.message().startsWith("InvalidArgument: The runtime nodejs20.x"), node.message());
    }

    @Test
    void aBehavioursCloudFrontFunctionsAreOnePerViewerEventAndOfTheStack() {
        Violation origin = single(EDGE_FUNCTION.formatted("cloudfront-js-2.0", "x",
                "[{EventType: origin-request, FunctionARN: !GetAtt LanguageFunction.FunctionARN}]"));
        assertEquals("Portal", origin.resource());
        assertTrue(origin.message().startsWith("InvalidFunctionAssociation: a CloudFront function runs on viewer-request"), origin.message());
        Violation twice = single(EDGE_FUNCTION.formatted("cloudfront-js-2.0", "x",
                "[{EventType: viewer-request, FunctionARN: !GetAtt LanguageFunction.FunctionARN},"
                        + " {EventType: viewer-request, FunctionARN: !GetAtt LanguageFunction.FunctionARN}]"));
        assertTrue(twice.message().startsWith("InvalidFunctionAssociation: one function per event type"), twice.message());
        Violation missing = single(EDGE_FUNCTION.formatted("cloudfront-js-2.0", "x", "[{EventType: viewer-request, FunctionARN: language}]"));
        assertTrue(missing.message().startsWith("NoSuchFunctionExists:"), missing.message());
        assertAccepted(EDGE_FUNCTION.formatted("cloudfront-js-2.0", "x",
                "[{EventType: viewer-request, FunctionARN: !GetAtt LanguageFunction.FunctionARN},"
                        + " {EventType: viewer-response, FunctionARN: !GetAtt LanguageFunction.FunctionARN}]"));
    }

    private static final String PORTAL = """
            Parameters:
              CertificateArn:
                Type: String
                Default: ""
            Conditions:
              HasCertificate: !Not [!Equals [!Ref CertificateArn, ""]]
            Resources:
              PortalHeadersPolicy:
                Type: AWS::CloudFront::ResponseHeadersPolicy
                Properties:
                  ResponseHeadersPolicyConfig:
                    Name: portal
                    SecurityHeadersConfig:
                      ContentSecurityPolicy:
                        ContentSecurityPolicy: "%s"
                        Override: false
              PortalDistribution:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    ViewerCertificate: !If
                      - HasCertificate
                      - {AcmCertificateArn: !Ref CertificateArn, SslSupportMethod: sni-only}
                      - {CloudFrontDefaultCertificate: true}
                    Origins:
                      - Id: api
                        DomainName: api.example.org
                        OriginCustomHeaders:
                          - {HeaderName: %s, HeaderValue: secret}
                    DefaultCacheBehavior: {TargetOriginId: api}
                    CacheBehaviors: %s
            """;

    private static String portal(String csp, String header, int behaviours) {
        return PORTAL.formatted(csp, header, "[" + "{PathPattern: /a/*, TargetOriginId: api}, ".repeat(behaviours)
                .replaceAll(", $", "") + "]");
    }

    @Test
    void aDistributionsCertificateIsOneOfUsEast1() {
        String yaml = portal("default-src 'self'", "X-Origin-Verify", 4);
        assertAccepted(yaml);
        assertEquals(List.of(), violations(yaml, Map.of("CertificateArn", "arn:aws:acm:us-east-1:111122223333:certificate/abc")));
        List<Violation> refused = violations(yaml, Map.of("CertificateArn", "arn:aws:acm:eu-west-1:111122223333:certificate/abc"));
        assertEquals(1, refused.size(), refused.toString());
        assertEquals("PortalDistribution", refused.get(0).resource());
        assertTrue(refused.get(0).message().startsWith("InvalidViewerCertificate: The specified SSL certificate doesn't exist,"
                + " isn't in us-east-1 region"), refused.get(0).message());
    }

    @Test
    void aContentSecurityPolicyFitsCloudFrontsQuota() {
        String directive = "img-src 'self' a.example.org; ";
        String fits = directive.repeat(AwsRules.CSP_LENGTH / directive.length());
        assertAccepted(portal(fits, "X-Origin-Verify", 1));
        Violation refused = single(portal(fits + directive, "X-Origin-Verify", 1));
        assertEquals("PortalHeadersPolicy", refused.resource());
        assertTrue(refused.message().startsWith("TooLongCSPInResponseHeadersPolicy:"), refused.message());
    }

    @Test
    void aDistributionHasAtMostTheQuotaOfCacheBehaviours() {
        assertAccepted(portal("default-src 'self'", "X-Origin-Verify", AwsRules.CACHE_BEHAVIOURS_PER_DISTRIBUTION));
        Violation refused = single(portal("default-src 'self'", "X-Origin-Verify", AwsRules.CACHE_BEHAVIOURS_PER_DISTRIBUTION + 1));
        assertTrue(refused.message().startsWith("TooManyCacheBehaviors: You cannot create more cache behaviors"), refused.message());
    }

    @Test
    void anOriginCustomHeaderIsOneCloudFrontMayAdd() {
        for (String forbidden : List.of("Host", "X-Amz-Date", "x-edge-location", "Cache-Control", "Via")) {
            Violation refused = single(portal("default-src 'self'", forbidden, 1));
            assertTrue(refused.message().startsWith("InvalidArgument: CloudFront can't add the custom header " + forbidden),
                    refused.message());
        }
        assertAccepted(portal("default-src 'self'", "X-Origin-Verify", 1));
    }

    // ------------------------------------------------------------------ IAM

    private static final String POLICIES = """
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              WorkerRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
                  Policies:
                    - PolicyName: Function
                      PolicyDocument:
                        Statement:
                          - {Effect: Allow, Action: [%s], Resource: !GetAtt Table.Arn}
              ReadFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: Read
                  Policies:
                    - AWSLambdaBasicExecutionRole
                    - Statement:
                        - {Effect: Allow, Action: %s, Resource: !GetAtt Table.Arn}
            """;

    @Test
    void everyPolicyActionIsARealActionOfItsService() {
        assertAccepted(POLICIES.formatted("dynamodb:GetItem, dynamodb:Query", "dynamodb:Get*"));
        List<Violation> refused = violations(POLICIES.formatted("dynamodb:GetItems, dynamo:GetItem", "dynamodb:Scan*"),
                Map.of());
        assertEquals(List.of(
                "WorkerRole: Invalid action: The action dynamodb:GetItems does not exist.",
                "WorkerRole: Invalid service in action: The service dynamo specified in the action does not exist"
                        + " (dynamo:GetItem)",
                "ReadFunction: Invalid action: The action dynamodb:Scan* does not exist (the wildcard matches no"
                        + " dynamodb action)"),
                refused.stream().map(Violation::toString).toList());
    }

    // ------------------------------------------------------------------ SQS

    private static final String REDRIVE = """
            Resources:
              MailQueue:
                Type: AWS::SQS::Queue
                Properties:
                  RedrivePolicy:
                    deadLetterTargetArn: %s
                    maxReceiveCount: %d
              MailDeadLetterQueue:
                Type: AWS::SQS::Queue
            """;

    @Test
    void aDeadLetterTargetIsADeclaredQueueAndMaxReceiveCountFrom1To1000() {
        assertAccepted(REDRIVE.formatted("!GetAtt MailDeadLetterQueue.Arn", 5));
        Violation elsewhere = single(REDRIVE.formatted("arn:aws:sqs:eu-west-1:123456789012:nowhere", 5));
        assertTrue(elsewhere.message().contains("Reason: Dead letter target does not exist."), elsewhere.message());
        Violation tooMany = single(REDRIVE.formatted("!GetAtt MailDeadLetterQueue.Arn", 1001));
        assertTrue(tooMany.message().contains("Reason: Invalid value for maxReceiveCount: 1001, valid values are from 1"
                + " to 1000 both inclusive."), tooMany.message());
    }

    // ------------------------------------------------------------------ DynamoDB

    private static final String TABLE = """
            Resources:
              VideosTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                    - {AttributeName: %s, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
                  GlobalSecondaryIndexes:
                    - IndexName: catalogue
                      KeySchema:
                        - {AttributeName: listed, KeyType: HASH}
                      Projection: {ProjectionType: ALL}
            """;

    @Test
    void aTablesAttributeDefinitionsAreExactlyItsKeyAttributes() {
        assertAccepted(TABLE.formatted("listed"));
        List<Violation> refused = violations(TABLE.formatted("publishedAt"), Map.of());
        assertEquals(List.of(
                "VideosTable: One or more parameter values were invalid: Some AttributeDefinitions are not used."
                        + " AttributeDefinitions: [id, publishedAt], keys used: [id, listed]",
                "VideosTable: One or more parameter values were invalid: Some index key attributes are not defined in"
                        + " AttributeDefinitions. Keys: [listed], AttributeDefinitions: [id, publishedAt]"),
                refused.stream().map(Violation::toString).toList());
    }

    // ------------------------------------------------------------------ all together, and the repository's template

    @Test
    void everyViolationIsReportedInOneRefusal() {
        String broken = POOL.formatted("[locale]") + """
                  PageQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 30
                  PageWorkerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: PageWorker
                      Timeout: 60
                      Events:
                        Pages: {Type: SQS, Properties: {Queue: !GetAtt PageQueue.Arn}}
                """;
        TemplateRefused refused = assertThrows(TemplateRefused.class,
                () -> new StrictMode(true, 10).check(stack(broken, Map.of())));
        assertEquals(List.of("UserPoolClient", "PageWorkerFunction"),
                refused.violations().stream().map(Violation::resource).toList());
        assertTrue(refused.getMessage().contains("UserPoolClient: InvalidParameterException: Invalid write attributes"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("PageWorkerFunction: Queue visibility timeout: 30 seconds"),
                refused.getMessage());
    }

    @Test
    void aReferenceToANameTheTemplateDoesNotDeclareStopsTheCheckNamingTheResource() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> violations("""
                Resources:
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      AlarmActions: [!Ref AlarmTopik]
                """, Map.of()));
        assertEquals("Alarm: Ref to undeclared name AlarmTopik", unknown.getMessage());
    }

    @Test
    void strictModeIsOnUnlessTurnedOffAndTheQuotaIsANewAccountsUnlessSet() {
        var none = new java.util.Properties();
        assertEquals(new StrictMode(true, 10), StrictMode.from(none, Map.of()));
        assertEquals(new StrictMode(false, 10), StrictMode.from(none, Map.of("LOCAL_AWS_STRICT", "false")));
        assertEquals(new StrictMode(true, 1000), StrictMode.from(none, Map.of("LOCAL_AWS_CONCURRENCY_QUOTA", "1000")));
        var properties = new java.util.Properties();
        properties.setProperty("localAws.strict", "false");
        assertEquals(new StrictMode(false, 10), StrictMode.from(properties, Map.of("LOCAL_AWS_STRICT", "true")));
        StrictMode.OFF.check(stack(POOL.formatted("[locale]"), Map.of())); // off: nothing refused
    }

    @Test
    void theRepositoryTemplatePassesWithCfnLintsActions() {
        Stack repository = Stack.describe(Template.load(Template.locate()), "local", "eu-west-1", Map.of());
        assertEquals(List.of(), new AwsRules(repository, StrictMode.NEW_ACCOUNT_CONCURRENCY_QUOTA,
                IamActions::fromCfnLint).violations());
    }

    @Test
    void theRepositoryTemplateReservingSendConcurrencyIsRefusedOnANewAccount() {
        Stack reserving = Stack.describe(Template.load(Template.locate()), "local", "eu-west-1",
                Map.of("ReserveNewsletterSendConcurrency", "true"));
        List<Violation> refused = new AwsRules(reserving, StrictMode.NEW_ACCOUNT_CONCURRENCY_QUOTA,
                IamActions::fromCfnLint).violations();
        assertEquals(List.of("CampaignSendWorkerFunction"), refused.stream().map(Violation::resource).toList());
        assertEquals(List.of(), new AwsRules(reserving, 1000, IamActions::fromCfnLint).violations());
    }

    @Test
    void cfnLintsActionListKnowsTheActionsThisTemplateUses() {
        IamActions actions = IamActions.fromCfnLint();
        assertTrue(actions.problem("cognito-idp:AdminUserGlobalSignOut").isEmpty());
        assertTrue(actions.problem("ses:SendEmail").isEmpty());
        assertTrue(actions.problem("ses:SendMail").isPresent());
        assertTrue(actions.problem("s3:*").isEmpty());
    }

    // ------------------------------------------------------------------ helpers

    private static Stack stack(String yaml, Map<String, String> parameters) {
        return Stack.describe(Template.parse(yaml), "t", "eu-west-1", parameters);
    }

    private static List<Violation> violations(String yaml, Map<String, String> parameters) {
        return new AwsRules(stack(yaml, parameters), StrictMode.NEW_ACCOUNT_CONCURRENCY_QUOTA, () -> SOME_ACTIONS).violations();
    }

    private static Violation single(String yaml) {
        List<Violation> violations = violations(yaml, Map.of());
        assertEquals(1, violations.size(), violations.toString());
        return violations.get(0);
    }

    private static void assertAccepted(String yaml) {
        assertEquals(List.of(), violations(yaml, Map.of()));
    }

    private static Path resource(String name) {
        try {
            return Path.of(AwsRulesTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
