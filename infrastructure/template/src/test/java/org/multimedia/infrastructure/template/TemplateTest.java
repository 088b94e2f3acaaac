package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multimedia.infrastructure.template.CodeAnalysis.AwsCall;
import org.multimedia.infrastructure.template.DeployedTemplate.Function;
import org.multimedia.infrastructure.template.DeployedTemplate.Statement;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The stack {@code sam build && sam deploy} creates, checked offline: template.yaml transformed as
 * CloudFormation transforms it, once per deployment configuration (each samconfig.toml profile,
 * and production with CloudFront), against the Lambda jar the build produced.
 */
class TemplateTest {

    static final Path ROOT = root();
    static final Path JAR = ROOT.resolve("functions/target/functions-lambda.jar");

    /** Deployment configurations: samconfig.toml's profiles, and prod with CloudFront signing. */
    static final Map<String, DeployedTemplate> DEPLOYMENTS = new LinkedHashMap<>();
    static CodeAnalysis code;

    @BeforeAll
    static void transform() {
        DEPLOYMENTS.putAll(deployments());
        code = new CodeAnalysis(JAR);
    }

    private static Map<String, DeployedTemplate> transformed;

    /** The deployment configurations, transformed once for every test class of this module. */
    static synchronized Map<String, DeployedTemplate> deployments() {
        if (transformed == null) {
            assertTrue(Files.isRegularFile(JAR), "build the jar first (mvn package): " + JAR);
            Map<String, DeployedTemplate> all = new LinkedHashMap<>();
            JsonNode samconfig = samconfig();
            samconfig.fieldNames().forEachRemaining(profile -> {
                // Profiles of this template only: [edge] deploys infrastructure/edge/waf.yaml.
                String templateFile = samconfig.get(profile).path("deploy").path("parameters").path("template_file").asText("template.yaml");
                if (samconfig.get(profile).has("deploy") && templateFile.equals("template.yaml")) {
                    all.put(profile, DeployedTemplate.transform(ROOT, profileParameters(samconfig, profile)));
                }
            });
            Map<String, String> cloudFront = new LinkedHashMap<>(profileParameters(samconfig, "prod"));
            cloudFront.put("CloudFrontPublicKey", "-----BEGIN PUBLIC KEY-----\nMIIB...\n-----END PUBLIC KEY-----");
            cloudFront.put("CloudFrontPrivateKeySecretArn",
                    "arn:aws:secretsmanager:eu-west-1:111122223333:secret:video-signing-key-AbCdEf");
            all.put("prod with CloudFront", DeployedTemplate.transform(ROOT, cloudFront));
            transformed = all;
        }
        return transformed;
    }

    static JsonNode samconfig() {
        try {
            return new TomlMapper().readTree(ROOT.resolve("samconfig.toml").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyProfileGivesEveryParameterAValueItsConstraintsAccept() throws IOException {
        JsonNode declared = new YAMLMapper().readTree(ROOT.resolve("template.yaml").toFile()).path("Parameters");
        JsonNode samconfig = new TomlMapper().readTree(ROOT.resolve("samconfig.toml").toFile());
        List<String> problems = new ArrayList<>();
        for (String profile : List.of("default", "prod")) {
            Map<String, String> given = profileParameters(samconfig, profile);
            declared.fields().forEachRemaining(p -> {
                String name = p.getKey();
                JsonNode rules = p.getValue();
                String value = given.containsKey(name) ? given.get(name) : rules.has("Default") ? rules.get("Default").asText() : null;
                if (value == null) {
                    problems.add(profile + ": " + name + " has no default and no value");
                    return;
                }
                if (rules.has("AllowedPattern") && !Pattern.matches(rules.get("AllowedPattern").asText(), value)) {
                    problems.add(profile + ": " + name + "=" + value + " does not match " + rules.get("AllowedPattern").asText());
                }
                if (rules.has("MaxLength") && value.length() > rules.get("MaxLength").asInt()) {
                    problems.add(profile + ": " + name + " is longer than " + rules.get("MaxLength").asInt());
                }
                if (rules.has("AllowedValues") && java.util.stream.StreamSupport.stream(rules.get("AllowedValues").spliterator(), false)
                        .noneMatch(allowed -> allowed.asText().equals(value))) {
                    problems.add(profile + ": " + name + "=" + value + " is not one of " + rules.get("AllowedValues"));
                }
            });
        }
        assertEquals(List.of(), problems);
        // Empty: the portal's own URL (PortalDomainName, else the distribution's domain; the PortalUrl output).
        assertEquals("", declared.path("WebsiteUrl").path("Default").asText("missing"), "WebsiteUrl falls back to the portal's URL");
        assertTrue(Pattern.matches(declared.path("WebsiteUrl").path("AllowedPattern").asText(), ""));
        assertFalse(Pattern.matches(declared.path("WebsiteUrl").path("AllowedPattern").asText(), "https://www.example.org/"),
                "a trailing slash would break links and the upload CORS origin");
    }

    @Test
    void everyHandlerIsAClassOfTheJarThatLambdaCanCall() throws Exception {
        try (URLClassLoader jar = new URLClassLoader(new URL[]{JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> requestHandler = jar.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler");
            for (DeployedTemplate deployment : DEPLOYMENTS.values()) {
                for (Function function : deployment.functions()) {
                    Class<?> handler = jar.loadClass(function.handler()); // ClassNotFoundException names it
                    assertTrue(requestHandler.isAssignableFrom(handler), function.logicalId() + ": " + handler + " is no RequestHandler");
                    handler.getConstructor(); // Lambda builds it with no arguments
                }
            }
        }
    }

    @Test
    void everyAwsCallOfTheCodeIsAllowedByItsFunctionsRole() {
        List<String> missing = new ArrayList<>();
        DEPLOYMENTS.forEach((name, deployment) -> missing.addAll(missingPermissions(name, deployment)));
        assertEquals(List.of(), missing.stream().distinct().toList(), "AWS calls the functions' roles do not allow");
    }

    /** The check above, on a template that lost the list function's read of the catalogue. */
    @Test
    void aMissingPermissionIsNamedWithItsFunctionAndAction(@TempDir Path copy) throws IOException {
        String query = """
                            - Effect: Allow
                              Action: [dynamodb:Query]
                              Resource: !Sub ${VideosTable.Arn}/index/catalogue
                            - Effect: Allow
                              Action: [dynamodb:Query]
                              Resource: !Sub ${VideosTable.Arn}/index/drafts
                """;
        String template = Files.readString(ROOT.resolve("template.yaml"));
        int list = template.indexOf("  ListVideosFunction:\n");
        int statement = template.indexOf(query, list);
        assertTrue(list > 0 && statement > list, "the list function's Query statements are where this test expects them");
        Path broken = Files.writeString(copy.resolve("template.yaml"),
                template.substring(0, statement) + template.substring(statement + query.length()));

        List<String> missing = missingPermissions("broken", DeployedTemplate.transform(ROOT, broken,
                Map.of("Stage", "dev", "WebsiteUrl", "http://localhost:3000", "SenderEmail", "a@example.org",
                        "NewsletterSenderEmail", "n@example.org")));
        assertEquals(1, missing.stream().map(m -> m.replaceFirst(" \\(.*", "")).distinct().count(), missing.toString());
        assertTrue(missing.get(0).startsWith("broken: ListVideosFunction needs dynamodb:Query on [VideosTable]"), missing.toString());
    }

    private static List<String> missingPermissions(String name, DeployedTemplate deployment) {
        List<String> missing = new ArrayList<>();
        for (Function function : deployment.functions()) {
            for (AwsCall call : code.needs(function.handler(), function.variables()).calls()) {
                Set<String> about = about(function, call);
                if (function.statements().stream().noneMatch(s -> allows(s, call.action(), about))) {
                    missing.add(name + ": " + function.logicalId() + " needs " + call.action() + " on " + about
                            + " (" + call.site() + ")");
                }
            }
        }
        return missing;
    }

    @Test
    void everyPermissionOfAFunctionIsUsedByItsCode() {
        List<String> unused = new ArrayList<>();
        eachFunction((deployment, function) -> {
            Set<AwsCall> calls = code.needs(function.handler(), function.variables()).calls();
            for (Statement statement : function.statements().stream().filter(Statement::ours).toList()) {
                Set<String> on = new TreeSet<>();
                statement.resources().forEach(r -> on.addAll(DeployedTemplate.references(r)));
                on.addAll(DeployedTemplate.references(statement.condition()));
                on.removeIf(name -> name.startsWith("AWS::")); // pseudo parameters (partition, region)
                for (String action : statement.actions()) {
                    for (String resource : on.isEmpty() ? Set.of("*") : on) {
                        boolean used = calls.stream().anyMatch(c -> matches(action, c.action())
                                && (resource.equals("*") || about(function, c).isEmpty() || about(function, c).contains(resource)));
                        if (!used) {
                            unused.add(deployment + ": " + function.logicalId() + " may " + action + " on " + resource + " but never does");
                        }
                    }
                }
            }
        });
        assertEquals(List.of(), unused.stream().distinct().toList(), "permissions no code uses (least privilege)");
    }

    /**
     * Actions that support no resource type: a policy can name their resource only as "*", and no
     * condition key narrows what they reach. Each one with its source, the Service Authorization
     * Reference. ses:GetAccount (the account's own sending status, read-only):
     * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsimpleemailservicev2.html
     * (actions table: GetAccount, access level Read, the resource types column empty; its one
     * condition key, ses:ApiVersion, says which API was called, not what is reached).
     */
    static final Set<String> ACTIONS_WITHOUT_RESOURCE_TYPES = Set.of("ses:GetAccount");

    @Test
    void noStatementAllowsEveryResourceWithoutACondition() {
        List<String> wide = new ArrayList<>();
        eachFunction((deployment, function) -> function.statements().stream()
                .filter(s -> s.resources().stream().anyMatch(r -> r.isTextual() && r.asText().contains("*") && !r.asText().contains("/"))
                        && s.condition() == null && !ACTIONS_WITHOUT_RESOURCE_TYPES.containsAll(s.actions()))
                .forEach(s -> wide.add(deployment + ": " + function.logicalId() + " " + s.actions() + " on " + s.resources())));
        assertEquals(List.of(), wide);
    }

    @Test
    void everySettingTheCodeReadsIsInItsFunctionsEnvironment() {
        List<String> unset = new ArrayList<>();
        eachFunction((deployment, function) -> code.needs(function.handler(), function.variables()).settings().stream()
                .filter(s -> !s.optional() && !function.environment().containsKey(s.variable()))
                .forEach(s -> unset.add(deployment + ": " + function.logicalId() + " reads " + s.variable() + ", which is not set")));
        assertEquals(List.of(), unset);
    }

    @Test
    void everyRouteHasAFunctionAndAnOpenApiOperationAndTheReverse() throws IOException {
        JsonNode openapi = new YAMLMapper().readTree(ROOT.resolve("openapi.yaml").toFile()).path("paths");
        Set<String> documented = new TreeSet<>();
        openapi.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                documented.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        for (DeployedTemplate deployment : DEPLOYMENTS.values()) {
            Set<String> functions = new TreeSet<>(deployment.resources("AWS::Lambda::Function").keySet());
            Set<String> routes = new TreeSet<>();
            deployment.resources("AWS::ApiGatewayV2::Api").values().forEach(api ->
                    api.path("Properties").path("Body").path("paths").fields().forEachRemaining(path ->
                            path.getValue().fields().forEachRemaining(operation -> {
                                String route = operation.getKey().toUpperCase() + " " + path.getKey();
                                routes.add(route);
                                Set<String> target = DeployedTemplate.references(operation.getValue()
                                        .path("x-amazon-apigateway-integration").path("uri"));
                                assertTrue(target.stream().anyMatch(t -> functions.stream().anyMatch(t::startsWith)),
                                        route + " invokes no function of the stack: " + target);
                            })));
            assertEquals(documented, routes, "routes of the HTTP API versus operations of openapi.yaml");
        }
    }

    /** Signed-in operations of openapi.yaml (a global bearer requirement, `security: []` where none). */
    @Test
    void theApiAnswersOnlyTheWebsiteAndItsSignedInRoutesNeedTheAccessToken() throws IOException {
        JsonNode openapi = new YAMLMapper().readTree(ROOT.resolve("openapi.yaml").toFile());
        boolean securedByDefault = openapi.path("security").size() > 0;
        Set<String> signedIn = new TreeSet<>();
        openapi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode security = op.getValue().path("security");
            // A bearer that is optional ({} among the requirements: logout) means no authorizer.
            boolean optional = false;
            for (JsonNode requirement : security) {
                optional |= requirement.isObject() && requirement.isEmpty();
            }
            if (op.getValue().isObject() && !optional && (security.isMissingNode() ? securedByDefault : security.size() > 0)) {
                signedIn.add(op.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        for (DeployedTemplate deployment : DEPLOYMENTS.values()) {
            JsonNode body = deployment.resources("AWS::ApiGatewayV2::Api").values().iterator().next().path("Properties").path("Body");
            // The website calls its own origin (the portal's distribution): no CORS at all.
            assertTrue(body.path("x-amazon-apigateway-cors").isMissingNode(), "the HTTP API answers no cross-origin request");
            Set<String> secured = new TreeSet<>();
            body.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                JsonNode security = op.getValue().path("security");
                if (security.size() > 0) {
                    secured.add(op.getKey().toUpperCase() + " " + path.getKey());
                    assertEquals("[{\"CognitoJwt\":[\"aws.cognito.signin.user.admin\"]}]", security.toString(),
                            path.getKey() + ": the access token's scope (an ID token has none)");
                }
            }));
            assertEquals(signedIn, secured, "signed-in routes of openapi.yaml versus routes behind the JWT authorizer");
            JsonNode stage = deployment.resources("AWS::ApiGatewayV2::Stage").values().iterator().next().path("Properties");
            int defaultRate = stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt();
            for (String mailing : List.of("POST /account/signup", "POST /account/verify/resend", "POST /account/password/forgot")) {
                int rate = stage.path("RouteSettings").path(mailing).path("ThrottlingRateLimit").asInt(Integer.MAX_VALUE);
                assertTrue(rate < defaultRate, mailing + " sends email: its rate limit is below the default " + defaultRate);
            }
        }
    }

    @Test
    void durableDataAndTheUserPoolSurviveStackDeletionAndReplacement() {
        DeployedTemplate prod = DEPLOYMENTS.get("prod");
        List<String> durable = new ArrayList<>();
        prod.resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            JsonNode p = resource.path("Properties");
            // Codes and rate limits expire; the website is published again by every deploy; the
            // origin secret is generated and only has to match what CloudFront sends.
            boolean ephemeral = type.equals("AWS::DynamoDB::Table") && p.path("TimeToLiveSpecification").path("Enabled").asBoolean()
                    && !p.has("PointInTimeRecoverySpecification")
                    || Set.of("SiteBucket", "OriginSecret").contains(id);
            if (Set.of("AWS::DynamoDB::Table", "AWS::Cognito::UserPool", "AWS::S3::Bucket", "AWS::SecretsManager::Secret").contains(type)
                    && !ephemeral) {
                durable.add(id);
                // Kept when the stack is deleted, deleted when their own create fails (a failed first
                // deploy leaves no orphans for the retry to trip over).
                assertEquals("RetainExceptOnCreate", resource.path("DeletionPolicy").asText(), id + " DeletionPolicy");
                assertEquals("Retain", resource.path("UpdateReplacePolicy").asText(), id + " UpdateReplacePolicy");
                if (type.equals("AWS::DynamoDB::Table")) {
                    assertTrue(p.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean(),
                            id + " has point-in-time recovery");
                }
            }
        });
        assertTrue(durable.containsAll(List.of("UserPool", "SubscriptionsTable", "VideosTable", "VideoBucket", "CodeHashKey",
                "VerificationCodeKey", "ResetTokenKey", "CatalogueCursorKey", "LogPseudonymKey")), durable.toString());
        assertEquals("ACTIVE", prod.resources().get("UserPool").path("Properties").path("DeletionProtection").asText());
    }

    /** Lambda keeps serving the alias's version: a change of a parameter the functions read must publish a new one. */
    @Test
    void aParameterChangeTheFunctionsSeePublishesNewVersions() {
        for (DeployedTemplate deployment : DEPLOYMENTS.values()) {
            Set<String> parameters = deployment.parameterNames();
            Map<String, JsonNode> versions = deployment.resources("AWS::Lambda::Version");
            for (Function function : deployment.functions()) {
                JsonNode version = versions.entrySet().stream()
                        .filter(v -> DeployedTemplate.references(v.getValue().path("Properties").path("FunctionName")).contains(function.logicalId()))
                        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(function.logicalId() + " has no version"));
                Set<String> read = new TreeSet<>();
                function.environment().values().forEach(v -> read.addAll(DeployedTemplate.references(v)));
                read.retainAll(parameters);
                Set<String> published = DeployedTemplate.references(version.path("Properties").path("Description"));
                assertTrue(published.containsAll(read), function.logicalId() + " reads parameters " + read
                        + " but a new version is published only for " + published);
                assertEquals("PublishedVersions", function.properties().path("SnapStart").path("ApplyOn").asText(), function.logicalId());
            }
            assertEquals(deployment.functions().size(), deployment.resources("AWS::Lambda::Alias").size(), "one live alias per function");
        }
    }

    @Test
    void everyFunctionLogsJsonToItsOwnRetainedLogGroupIsTracedAndAlarmed() {
        DeployedTemplate prod = DEPLOYMENTS.get("prod");
        Map<String, JsonNode> logGroups = prod.resources("AWS::Logs::LogGroup");
        Map<String, JsonNode> alarms = prod.resources("AWS::CloudWatch::Alarm");
        Set<String> used = new TreeSet<>();
        for (Function function : prod.functions()) {
            JsonNode logging = function.properties().path("LoggingConfig");
            assertEquals("JSON", logging.path("LogFormat").asText(), function.logicalId());
            String group = logging.path("LogGroup").path("Ref").asText();
            assertTrue(logGroups.containsKey(group), function.logicalId() + " logs to a log group of the stack");
            assertTrue(used.add(group), function.logicalId() + " shares log group " + group);
            assertTrue(logGroups.get(group).path("Properties").has("RetentionInDays"), group + " has a retention");
            assertEquals("Active", function.properties().path("TracingConfig").path("Mode").asText(), function.logicalId());
            assertTrue(alarms.values().stream().anyMatch(a -> DeployedTemplate.references(a.path("Properties")).contains(function.logicalId())
                            && a.path("Properties").toString().contains("Errors") && a.path("Properties").toString().contains("Throttles")),
                    function.logicalId() + " has an errors and throttles alarm");
        }
        alarms.forEach((id, alarm) -> assertTrue(DeployedTemplate.references(alarm.path("Properties").path("AlarmActions")).contains("AlarmTopic"),
                id + " notifies the alarm topic"));
        JsonNode stage = prod.resources("AWS::ApiGatewayV2::Stage").values().iterator().next().path("Properties");
        assertTrue(stage.path("AccessLogSettings").has("DestinationArn"), "API access logs");
    }

    /** {@code sam build} runs {@code make build-<Function>} with ARTIFACTS_DIR; Lambda loads lib/*.jar. */
    @Test
    void theMakefileGivesSamTheBuiltJarWithoutBuildingAgain(@TempDir Path artifacts) throws Exception {
        long built = Files.getLastModifiedTime(JAR).toMillis();
        assertEquals(0, new ProcessBuilder("make", "-q", "jar").directory(ROOT.toFile()).start().waitFor(),
                "make sees the jar Maven built as up to date (run mvn package after changing the code)");
        Process make = new ProcessBuilder("make", "--no-print-directory", "build-ListVideosFunction")
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        String output = new String(make.getInputStream().readAllBytes());
        assertEquals(2, make.waitFor(), "without ARTIFACTS_DIR the target refuses: " + output);

        ProcessBuilder asSam = new ProcessBuilder("make", "--no-print-directory", "build-ListVideosFunction")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        asSam.environment().put("ARTIFACTS_DIR", artifacts.toString());
        Process sam = asSam.start();
        output = new String(sam.getInputStream().readAllBytes());
        assertEquals(0, sam.waitFor(), output);
        assertFalse(output.contains("mvn"), "the jar is up to date, Maven does not run again: " + output);
        assertEquals(-1, Files.mismatch(JAR, artifacts.resolve("lib/functions-lambda.jar")), "the deployed jar is the built jar");
        assertEquals(built, Files.getLastModifiedTime(JAR).toMillis());
    }

    // ------------------------------------------------------------------ helpers

    private interface FunctionCheck {
        void check(String deployment, Function function);
    }

    private static void eachFunction(FunctionCheck check) {
        DEPLOYMENTS.forEach((name, deployment) -> deployment.functions().forEach(f -> check.check(name, f)));
    }

    /** What a call is about: the resources and parameters behind the settings its class reads. */
    private static Set<String> about(Function function, AwsCall call) {
        Set<String> about = new TreeSet<>();
        call.settings().forEach(v -> about.addAll(DeployedTemplate.references(function.environment().get(v))));
        return about;
    }

    /** The statement allows the action on one of these resources, or on any resource under a condition naming one. */
    private static boolean allows(Statement statement, String action, Set<String> about) {
        if (statement.actions().stream().noneMatch(a -> matches(a, action))) {
            return false;
        }
        if (about.isEmpty()) {
            return true;
        }
        Set<String> on = new TreeSet<>();
        statement.resources().forEach(r -> on.addAll(DeployedTemplate.references(r)));
        boolean anyResource = statement.resources().stream().anyMatch(r -> r.isTextual() && r.asText().equals("*"));
        if (anyResource) {
            on.addAll(DeployedTemplate.references(statement.condition()));
        }
        return !java.util.Collections.disjoint(on, about);
    }

    private static boolean matches(String pattern, String action) {
        return Pattern.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"), action);
    }

    static Map<String, String> profileParameters(JsonNode samconfig, String profile) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode overrides = samconfig.path(profile).path("deploy").path("parameters").path("parameter_overrides");
        List<String> items = new ArrayList<>();
        if (overrides.isArray()) {
            overrides.forEach(o -> items.add(o.asText()));
        } else {
            items.addAll(List.of(overrides.asText().trim().split("\\s+")));
        }
        items.forEach(item -> {
            String[] pair = item.split("=", 2);
            values.put(pair[0], pair[1].replaceAll("^\"|\"$", ""));
        });
        return values;
    }

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("template.yaml")) && Files.exists(p.resolve("samconfig.toml"))) {
                return p;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
