package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multimedia.infrastructure.template.DeployedTemplate.Function;
import org.multimedia.infrastructure.template.DeployedTemplate.Statement;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Old function versions do not accumulate (issue 16): every deployment publishes a version of every
 * function and SAM retains them all, so the stack carries a maintenance function that keeps only
 * what rollback needs. Shown on the stack {@code sam deploy} creates: the function exists, runs at
 * least daily, covers every function of the stack (a function left out fails this test), may touch
 * nothing but the stack's functions, and its pruning rule, the one in the built jar, keeps live and
 * previous across a series of deployments while the code storage stays far below Lambda's quota.
 */
class FunctionVersionsTest {

    static final String HANDLER = "org.multimedia.operations.LiveVersionsHandler";
    static final Set<String> ACTIONS = Set.of("lambda:ListAliases", "lambda:ListVersionsByFunction",
            "lambda:DeleteFunction", "lambda:InvokeFunction");
    /** Actions on a function itself (its unqualified ARN) and on its versions and aliases ({@code ARN:*}). */
    static final Set<String> ON_THE_FUNCTION = Set.of("lambda:ListAliases", "lambda:ListVersionsByFunction");
    static final Set<String> ON_VERSIONS = Set.of("lambda:DeleteFunction", "lambda:InvokeFunction");

    /** Lambda's code storage per region (Lambda quotas: "Function and layer storage", 75 GB). */
    static final long CODE_STORAGE = 75L * 1000 * 1000 * 1000;

    static final Map<String, DeployedTemplate> DEPLOYMENTS = new LinkedHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void transform() throws IOException {
        JsonNode samconfig = new TomlMapper().readTree(TemplateTest.ROOT.resolve("samconfig.toml").toFile());
        for (String profile : List.of("default", "prod")) {
            DEPLOYMENTS.put(profile, DeployedTemplate.transform(TemplateTest.ROOT, parameters(samconfig, profile)));
        }
    }

    @Test
    void aMaintenanceFunctionRunsAtLeastDailyOverEveryFunctionOfTheStack() {
        DEPLOYMENTS.forEach((name, deployment) -> {
            assertEquals(List.of(), coverageProblems(deployment), name);
            Function upkeep = maintenance(deployment);
            JsonNode rule = schedule(deployment, upkeep);
            Duration period = period(rule.path("Properties").path("ScheduleExpression").asText());
            assertTrue(period.compareTo(Duration.ofDays(1)) <= 0, name + ": runs every " + period);
            assertTrue(!rule.path("Properties").has("State") || rule.path("Properties").path("State").asText().equals("ENABLED"),
                    name + ": the schedule is enabled");
            // 14 days without an invocation make a SnapStart version Inactive: daily leaves a wide margin.
            assertTrue(period.multipliedBy(3).compareTo(Duration.ofDays(14)) < 0, name);
            assertTrue(upkeep.properties().path("Timeout").asInt() >= 60, name + ": time for every function");
        });
    }

    /** The coverage check above, on a template whose schedule forgot one function. */
    @Test
    void aFunctionTheScheduleDoesNotListFailsTheBuild(@TempDir Path copy) throws IOException {
        String template = Files.readString(TemplateTest.ROOT.resolve("template.yaml"));
        String listed = "                    - !Ref BounceFunction\n";
        int schedule = template.indexOf("  FunctionVersionsFunction:\n");
        int entry = template.indexOf(listed, schedule);
        assertTrue(schedule > 0 && entry > schedule, "the schedule's input lists BounceFunction where this test expects it");
        Path broken = Files.writeString(copy.resolve("template.yaml"), template.substring(0, entry) + template.substring(entry + listed.length()));

        List<String> problems = coverageProblems(DeployedTemplate.transform(TemplateTest.ROOT, broken, DEV));
        assertEquals(List.of("BounceFunction is not in the schedule's input"), problems);
    }

    @Test
    void itsRoleReachesTheStackSFunctionsAndNothingElse() {
        DEPLOYMENTS.forEach((name, deployment) -> {
            Function upkeep = maintenance(deployment);
            Set<String> functions = deployment.resources("AWS::Lambda::Function").keySet();
            String own = ownArn(upkeep);
            Map<String, Set<String>> reached = new TreeMap<>(); // action -> "Function" or "Function:*"
            for (Statement statement : upkeep.statements().stream().filter(Statement::ours).toList()) {
                assertEquals(null, statement.condition(), name);
                for (String action : statement.actions()) {
                    assertTrue(ACTIONS.contains(action), name + ": " + upkeep.logicalId() + " may " + action);
                    for (JsonNode resource : statement.resources()) {
                        String target = target(resource, upkeep.logicalId(), own);
                        assertTrue(target != null && functions.contains(target.replace(":*", "")),
                                name + ": " + action + " on " + resource + ", which is no function of the stack");
                        assertEquals(ON_VERSIONS.contains(action), target.endsWith(":*"),
                                name + ": " + action + " on " + target + " (versions and aliases only for deletions and invocations:"
                                        + " a function itself is never deleted)");
                        reached.computeIfAbsent(action, a -> new TreeSet<>()).add(target);
                    }
                }
            }
            for (String action : ACTIONS) {
                Set<String> expected = new TreeSet<>();
                functions.forEach(f -> expected.add(ON_VERSIONS.contains(action) ? f + ":*" : f));
                assertEquals(expected, reached.get(action), name + ": " + action + " on every function of the stack");
            }
            // IAM's limit on a role's inline policies (10,240 characters), with real ARNs in place
            String policy = JSON.valueToTree(upkeep.statements().stream().filter(Statement::ours)
                    .map(s -> Map.of("Effect", "Allow", "Action", s.actions(), "Resource",
                            s.resources().stream().map(r -> realArn(target(r, upkeep.logicalId(), own))).toList())).toList()).toString();
            assertTrue(policy.length() < 10_240, name + ": the policy has " + policy.length() + " characters");
        });
    }

    /**
     * The pruning rule of the built jar (operations/RollbackVersions), over 150 deployments of every
     * function of the stack, one upkeep a day, some days with several deployments, a few failed
     * (version published, live not moved): after each run every function still has live and the
     * version before it, and the code stored stays a few versions per function. Without it, the
     * same deployments would need more than Lambda's 75 GB.
     */
    @Test
    void thePruningRuleKeepsLiveAndPreviousAcrossASeriesOfDeployments() throws Exception {
        assertTrue(Files.isRegularFile(TemplateTest.JAR), "build the jar first (mvn package): " + TemplateTest.JAR);
        long jar = Files.size(TemplateTest.JAR);
        Set<String> functions = DEPLOYMENTS.get("prod").resources("AWS::Lambda::Function").keySet();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{TemplateTest.JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> rule = loader.loadClass("org.multimedia.operations.RollbackVersions");
            Method deletable = rule.getMethod("deletable", Collection.class, String.class, Collection.class);
            Method previous = rule.getMethod("previous", Collection.class, String.class);

            Map<String, List<String>> published = new TreeMap<>();
            Map<String, String> live = new TreeMap<>();
            functions.forEach(f -> published.put(f, new ArrayList<>(List.of("$LATEST"))));
            long peak = 0;
            int deployments = 0;
            for (int day = 1; deployments < 150; day++) {
                for (int i = 0; i < day % 4 && deployments < 150; i++) { // 0 to 3 deployments a day
                    deployments++;
                    boolean fails = deployments % 37 == 0;
                    for (String f : functions) {
                        List<String> versions = published.get(f);
                        String version = String.valueOf(versions.size() == 1 ? 1
                                : Integer.parseInt(versions.get(versions.size() - 1)) + 1);
                        versions.add(version);
                        if (!fails) {
                            live.put(f, version);
                        }
                    }
                    peak = Math.max(peak, published.values().stream().mapToLong(v -> v.size() - 1).sum() * jar);
                }
                for (String f : functions) {
                    String current = live.get(f);
                    if (current == null) {
                        continue;
                    }
                    List<String> versions = published.get(f);
                    @SuppressWarnings("unchecked")
                    List<String> gone = (List<String>) deletable.invoke(null, versions, current, Set.of(current));
                    assertFalse(gone.contains("$LATEST") || gone.contains(current), f + ": " + gone);
                    Optional<?> before = (Optional<?>) previous.invoke(null, versions, current);
                    versions.removeAll(gone);
                    assertTrue(versions.contains(current), f + " keeps live");
                    before.ifPresent(p -> assertTrue(versions.contains(p), f + " keeps the version before live"));
                    assertTrue(versions.size() - 1 <= 3, "day " + day + ", " + f + ": " + versions);
                }
            }
            // A budget, not a quota: 30 functions x the 44 MB jar (issue 18 added CloudFront's client for
            // the catalogue invalidator, docs/PERFORMANCE.md section 5) x at most 6 versions in a day peak
            // at 7.9 GB, 10.6 % of the region's 75 GB; past 15 % the jar must shrink first (one jar per
            // feature, or hand-made calls for the heavy clients), before the next growth.
            assertTrue(peak < CODE_STORAGE * 15 / 100, "at most " + peak / 1_000_000 + " MB of code stored");
            assertTrue(150L * functions.size() * jar > CODE_STORAGE,
                    "without the upkeep, 150 deployments would store " + 150L * functions.size() * jar / 1_000_000 + " MB");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static final Map<String, String> DEV = Map.of("Stage", "dev", "WebsiteUrl", "http://localhost:3000",
            "SenderEmail", "a@example.org", "NewsletterSenderEmail", "n@example.org");

    /** What the schedule leaves out: every function of the stack must be in its input. */
    static List<String> coverageProblems(DeployedTemplate deployment) {
        Function upkeep = maintenance(deployment);
        JsonNode rule = schedule(deployment, upkeep);
        JsonNode target = rule.path("Properties").path("Targets").get(0);
        List<String> listed = new ArrayList<>();
        try {
            JsonNode input = JSON.readTree(evaluate(target.path("Input")));
            input.path("functions").forEach(f -> listed.add(f.asText()));
        } catch (IOException e) {
            return List.of("the schedule's input is no JSON: " + evaluate(target.path("Input")));
        }
        List<String> problems = new ArrayList<>();
        for (String function : deployment.resources("AWS::Lambda::Function").keySet()) {
            if (!listed.contains(function)) {
                problems.add(function + " is not in the schedule's input");
            }
        }
        listed.stream().filter(f -> !deployment.resources("AWS::Lambda::Function").containsKey(f))
                .forEach(f -> problems.add(f + " is listed but no function of the stack"));
        return problems;
    }

    private static Function maintenance(DeployedTemplate deployment) {
        List<Function> found = deployment.functions().stream().filter(f -> f.handler().equals(HANDLER)).toList();
        assertEquals(1, found.size(), "one maintenance function (" + HANDLER + ")");
        return found.get(0);
    }

    /** The EventBridge rule that invokes the maintenance function's live alias. */
    private static JsonNode schedule(DeployedTemplate deployment, Function upkeep) {
        Map<String, JsonNode> aliases = deployment.resources("AWS::Lambda::Alias");
        List<JsonNode> rules = deployment.resources("AWS::Events::Rule").values().stream()
                .filter(r -> r.path("Properties").has("ScheduleExpression"))
                .filter(r -> DeployedTemplate.references(r.path("Properties").path("Targets").path(0).path("Arn")).stream()
                        .anyMatch(a -> aliases.containsKey(a) && DeployedTemplate.references(aliases.get(a)
                                .path("Properties").path("FunctionName")).contains(upkeep.logicalId())))
                .toList();
        assertEquals(1, rules.size(), "one schedule invokes " + upkeep.logicalId() + "'s live alias");
        return rules.get(0);
    }

    /** {@code rate(1 day)}, {@code rate(6 hours)}...; a cron expression that fires every day counts as a day. */
    static Duration period(String expression) {
        Matcher rate = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)").matcher(expression);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            return switch (rate.group(2).replaceFirst("s$", "")) {
                case "minute" -> Duration.ofMinutes(n);
                case "hour" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        Matcher cron = Pattern.compile("cron\\((\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+)\\)").matcher(expression);
        if (cron.matches() && Set.of("*", "?").contains(cron.group(3)) && Set.of("*", "?").contains(cron.group(5))) {
            return Duration.ofDays(1);
        }
        return Duration.ofDays(365);
    }

    /** The input's text, each function's name standing for itself (its logical id). */
    static String evaluate(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            return value.get("Ref").asText();
        }
        if (value.has("Fn::Join")) {
            List<String> parts = new ArrayList<>();
            value.get("Fn::Join").get(1).forEach(p -> parts.add(evaluate(p)));
            return String.join(value.get("Fn::Join").get(0).asText(), parts);
        }
        if (value.has("Fn::Sub") && value.get("Fn::Sub").isTextual()) {
            return value.get("Fn::Sub").asText().replaceAll("\\$\\{([A-Za-z0-9]+)}", "$1");
        }
        throw new IllegalArgumentException("not understood in the schedule's input: " + value);
    }

    /** The ARN the maintenance function has by its fixed name (its role cannot reference the function itself). */
    private static String ownArn(Function upkeep) {
        JsonNode name = upkeep.properties().path("FunctionName");
        return "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:" + name.path("Fn::Sub").asText("?");
    }

    /** The function a policy resource names: {@code F} (its ARN) or {@code F:*} (its versions and aliases); null otherwise. */
    private static String target(JsonNode resource, String self, String ownArn) {
        if (resource.has("Fn::GetAtt") && resource.get("Fn::GetAtt").get(1).asText().equals("Arn")) {
            return resource.get("Fn::GetAtt").get(0).asText();
        }
        String sub = resource.path("Fn::Sub").asText("");
        Matcher qualified = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}:\\*").matcher(sub);
        if (qualified.matches()) {
            return qualified.group(1) + ":*";
        }
        if (sub.equals(ownArn)) {
            return self;
        }
        if (sub.equals(ownArn + ":*")) {
            return self + ":*";
        }
        return null;
    }

    /** A target's ARN as deployed: a long stack name, the generated function name's random suffix. */
    private static String realArn(String target) {
        return "arn:aws:lambda:eu-west-1:111122223333:function:multimedia-account-staging-" + target.replace(":*", "")
                + "-AbCdEfGhIjKl" + (target.endsWith(":*") ? ":*" : "");
    }

    private static Map<String, String> parameters(JsonNode samconfig, String profile) {
        Map<String, String> values = new LinkedHashMap<>();
        samconfig.path(profile).path("deploy").path("parameters").path("parameter_overrides").forEach(o -> {
            String[] pair = o.asText().split("=", 2);
            values.put(pair[0], pair[1].replaceAll("^\"|\"$", ""));
        });
        return values;
    }
}
