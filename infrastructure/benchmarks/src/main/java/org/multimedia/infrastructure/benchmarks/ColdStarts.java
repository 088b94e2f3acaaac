package org.multimedia.infrastructure.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.multimedia.infrastructure.emulator.LocalAws;
import org.multimedia.infrastructure.emulator.Stack;
import org.multimedia.infrastructure.emulator.Template;

/**
 * Benchmarks 1, 2 and 5 (classes): fresh JVMs, one after the other, interleaved round by round so
 * that drift on the machine hits every row alike. Each JVM has only functions-lambda.jar, the
 * Lambda runtime's event serialisation and the driver on its classpath, and the function's
 * environment from template.yaml (its JAVA_TOOL_OPTIONS included) as real environment variables.
 * <ul>
 *   <li><b>baseline</b>: a trivial main, the bare JVM floor;</li>
 *   <li><b>plain sign-up</b>: PlainSignUpHandler (the driver's directory), the same AWS calls as
 *       SignUpFunction with the same SDK clients and no framework;</li>
 *   <li><b>cold</b>: each function, launch to first response, then warm requests;</li>
 *   <li><b>snapstart</b>: each function with its CRaC hooks run between init and the first request.</li>
 * </ul>
 * Every round has the baseline, the plain handler and sign-up (cold); the first {@code samples}
 * rounds also have every other function in both modes.
 */
final class ColdStarts {

    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z]+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.Ee]+|true|false)");
    private static final long RUN_TIMEOUT_SECONDS = 90;
    static final String BASELINE = "baseline (bare JVM)";
    static final String PLAIN = "plain sign-up (no framework)";
    static final String SIGN_UP = "SignUpFunction";
    /** Sample events whose name is not the kebab-case of the function's logical id. */
    private static final Map<String, String> EVENT_FILES = Map.of("SignUpFunction", "signup.json");

    record Subject(String name, String functionLogicalId, String handlerClass, Path event, String mode,
                   Map<String, String> environment, Path jar) {
        Subject(String name, String functionLogicalId, String handlerClass, Path event, String mode,
                Map<String, String> environment) {
            this(name, functionLogicalId, handlerClass, event, mode, environment, null);
        }
    }

    /**
     * A lever tried in the same run: sign-up (and the plain handler, for flags) with more JVM options; or,
     * with a {@code jar} ({@code --jar-variant}), every measured function (cold) started from another
     * Lambda jar (e.g. the Micronaut AOT build), each beside its twin from the normal jar in every round.
     */
    record Variant(String name, String javaOptions, Path jar) {
        Variant(String name, String javaOptions) {
            this(name, javaOptions, null);
        }
    }

    record Settings(int samples, int ratioSamples, int warmups, int warmRequests, List<String> functions, Set<String> modes,
                    List<Variant> variants,
                    Path lambdaJar, Path serializationJar, Path driverDir, Path events, String extraJavaOptions) {
    }

    private ColdStarts() {
    }

    /** Runs the rounds; returns {subjects, samples, summary} and whether a handler failed to start. */
    static Map<String, Object> run(LocalAws aws, Stack stack, Settings settings, List<String> failures) throws Exception {
        try {
            return rounds(aws, stack, settings, failures);
        } finally {
            stopCloudFormation();
        }
    }

    private static Map<String, Object> rounds(LocalAws aws, Stack stack, Settings settings, List<String> failures) throws Exception {
        List<Subject> functions = functions(stack, aws, settings);
        Subject signUp = functions.stream().filter(s -> s.functionLogicalId().equals(SIGN_UP)).findFirst()
                .orElse(functions.get(0));
        Subject baseline = new Subject(BASELINE, null, null, null, "baseline", signUp.environment());
        Subject plain = new Subject(PLAIN, SIGN_UP, "PlainSignUpHandler", signUp.event(), "cold", signUp.environment());
        Subject signUpCold = signUp;

        List<Subject> variants = new ArrayList<>();
        // Jar variants: a twin of each function from the other jar, keyed by the function it doubles.
        Map<Subject, List<Subject>> twins = new LinkedHashMap<>();
        for (Variant v : settings.variants()) {
            if (v.jar() != null) {
                for (Subject f : functions) {
                    twins.computeIfAbsent(f, k -> new ArrayList<>()).add(new Subject(f.name() + " [" + v.name() + "]",
                            f.functionLogicalId(), f.handlerClass(), f.event(), f.mode(), f.environment(), v.jar()));
                }
                continue;
            }
            variants.add(withOptions(signUp, SIGN_UP + " + " + v.name(), v.javaOptions()));
            variants.add(withOptions(plain, PLAIN + " + " + v.name(), v.javaOptions()));
        }
        for (Subject v : variants) {
            archiveFirst(v, settings);
        }
        Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();
        List<Subject> order = new ArrayList<>(List.of(baseline, plain, signUpCold));
        order.addAll(twins.getOrDefault(signUpCold, List.of()));
        order.addAll(variants);
        for (Subject f : functions) {
            if (f != signUpCold) {
                order.add(f);
                order.addAll(twins.getOrDefault(f, List.of()));
            }
        }
        List<Subject> snap = functions.stream().map(f -> new Subject(f.name() + " (snapstart)", f.functionLogicalId(),
                f.handlerClass(), f.event(), "snapstart", f.environment())).toList();
        if (!settings.modes().contains("cold")) {
            order = new ArrayList<>(List.of(baseline, plain, signUpCold));
            order.addAll(twins.getOrDefault(signUpCold, List.of()));
            order.addAll(variants);
        }
        if (!settings.modes().contains("snapstart")) {
            snap = List.of();
        }
        order.forEach(s -> samples.put(key(s), new ArrayList<>()));
        snap.forEach(s -> samples.put(key(s), new ArrayList<>()));

        for (int w = 1; w <= settings.warmups(); w++) {
            System.err.println("Warm-up " + w + " (discarded): baseline, plain, " + signUp.name());
            run(baseline, "warmup" + w, settings);
            run(plain, "warmup" + w, settings);
            run(signUp, "warmup" + w, settings);
            for (Subject twin : twins.getOrDefault(signUp, List.of())) {
                run(twin, "warmup" + w, settings);
            }
        }
        String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        int rounds = Math.max(settings.samples(), settings.ratioSamples());
        for (int i = 1; i <= rounds; i++) {
            List<Subject> round = new ArrayList<>(List.of(baseline, plain));
            round.addAll(pair(signUpCold, twins, i));
            round.addAll(variants);
            if (i <= settings.samples()) {
                for (int f = 0; f < functions.size(); f++) {
                    if (functions.get(f) != signUpCold && settings.modes().contains("cold")) {
                        round.addAll(pair(functions.get(f), twins, i));
                    }
                    if (settings.modes().contains("snapstart")) {
                        round.add(snap.get(f));
                    }
                }
            }
            System.err.printf(Locale.ROOT, "Round %d/%d (%d JVMs) %s%n", i, rounds, round.size(), Instant.now());
            for (int n = 0; n < round.size(); n++) {
                Subject subject = round.get(n);
                // Own addresses per subject and round: no run sees another one's users.
                String tag = runId + "-" + i + "-" + n + "-" + (subject.functionLogicalId() == null ? "base"
                        : subject.functionLogicalId().replaceFirst("Function$", "").toLowerCase(Locale.ROOT));
                Map<String, Object> result = run(subject, tag, settings);
                if (result.get("initFromLaunchMs") instanceof Number init && result.get("firstRequestMs") instanceof Number first) {
                    // The "cold start": JVM launch to the first response.
                    result.put("toFirstResponseMs", Stats.round(init.doubleValue() + first.doubleValue()));
                }
                samples.get(key(subject)).add(result);
                if (result.containsKey("error")) {
                    failures.add(subject.name() + ": " + result.get("error"));
                }
            }
        }

        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> subjects = new LinkedHashMap<>();
        for (Subject s : order) {
            subjects.put(key(s), describe(s));
        }
        for (Subject s : snap) {
            subjects.put(key(s), describe(s));
        }
        out.put("subjects", subjects);
        out.put("summary", summary(samples));
        out.put("samples", samples);
        return out;
    }

    /** A function and its twins from other jars, one after the other; the order alternates by round (no first-runner bias). */
    private static List<Subject> pair(Subject f, Map<Subject, List<Subject>> twins, int round) {
        List<Subject> both = new ArrayList<>();
        both.add(f);
        both.addAll(twins.getOrDefault(f, List.of()));
        if (round % 2 == 0) {
            java.util.Collections.reverse(both);
        }
        return both;
    }

    private static Subject withOptions(Subject s, String name, String javaOptions) {
        Map<String, String> env = new LinkedHashMap<>(s.environment());
        env.put("JAVA_TOOL_OPTIONS", (env.getOrDefault("JAVA_TOOL_OPTIONS", "") + " " + javaOptions).trim());
        return new Subject(name, s.functionLogicalId(), s.handlerClass(), s.event(), s.mode(), env);
    }

    /** A variant with -XX:SharedArchiveFile=F (class-data sharing): F is made first, by one run of the subject that dumps it. */
    private static void archiveFirst(Subject s, Settings settings) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("-XX:SharedArchiveFile=(\\S+)").matcher(s.environment().get("JAVA_TOOL_OPTIONS"));
        if (!m.find() || Files.exists(Path.of(m.group(1)))) {
            return;
        }
        Files.createDirectories(Path.of(m.group(1)).toAbsolutePath().getParent());
        String dump = s.environment().get("JAVA_TOOL_OPTIONS").replace(m.group(0), "-XX:ArchiveClassesAtExit=" + m.group(1));
        Map<String, String> env = new LinkedHashMap<>(s.environment());
        env.put("JAVA_TOOL_OPTIONS", dump);
        System.err.println("Class-data sharing: dumping " + m.group(1) + " from one run of " + s.name());
        run(new Subject(s.name(), s.functionLogicalId(), s.handlerClass(), s.event(), s.mode(), env), "cds-dump", settings);
    }

    static String key(Subject s) {
        return s.name();
    }

    private static Map<String, Object> describe(Subject s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", s.mode());
        d.put("function", s.functionLogicalId());
        d.put("class", s.handlerClass());
        d.put("event", s.event() == null ? null : "events/" + s.event().getFileName());
        if (s.jar() != null) {
            d.put("jar", s.jar().getFileName().toString());
        }
        return d;
    }

    static final List<String> FIELDS = List.of("toFirstResponseMs", "initFromLaunchMs", "mainFromLaunchMs", "constructMs", "primeMs", "restoreMs",
            "firstRequestMs", "firstEventInMs", "firstHandlerMs", "firstResponseOutMs", "secondRequestMs", "warmRequestMs", "warmHandlerMs", "warmCpuMs", "firstOverWarm", "firstHandlerOverWarm", "classesLoaded",
            "maxRssMb", "heapUsedMb", "processWallMs");

    private static Map<String, Object> summary(Map<String, List<Map<String, Object>>> samples) {
        Map<String, Object> summary = new LinkedHashMap<>();
        samples.forEach((name, list) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String field : FIELDS) {
                List<Double> v = list.stream().filter(s -> s.get(field) instanceof Number)
                        .map(s -> ((Number) s.get(field)).doubleValue()).toList();
                if (!v.isEmpty()) {
                    row.put(field, Stats.summary(v));
                }
            }
            row.put("statuses", list.stream().filter(s -> s.containsKey("firstStatus"))
                    .map(s -> status(s.get("firstStatus")) + "/" + status(s.getOrDefault("warmStatus", "-"))).distinct().toList());
            long failed = list.stream().filter(s -> s.containsKey("error")).count();
            if (failed > 0) {
                row.put("failedSamples", failed);
            }
            summary.put(name, row);
        });
        return summary;
    }

    private static String status(Object status) {
        return status instanceof Number n ? Integer.toString(n.intValue()) : String.valueOf(status);
    }

    // ------------------------------------------------------------------ setup

    /**
     * A sample event as the function receives it on AWS: an HTTP event through the portal, with
     * the origin secret CloudFront adds (the functions refuse a request without it, which is not
     * the path to time); a CloudFormation custom-resource event with a {@code ResponseURL} that
     * answers (CloudFormation's presigned S3 URL is out of reach here: {@link #cloudFormation}).
     * A copy under a temporary file; other events as they are.
     */
    static Path throughThePortal(Path event, String originSecretId, LocalAws aws) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var tree = json.readTree(event.toFile());
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode custom && custom.has("ResponseURL")) {
                custom.put("ResponseURL", cloudFormation());
            } else if (originSecretId != null && tree.get("headers") instanceof com.fasterxml.jackson.databind.node.ObjectNode headers) {
                try (var secrets = aws.client(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder())) {
                    headers.put("x-origin-verify", secrets.getSecretValue(r -> r.secretId(originSecretId)).secretString());
                }
            } else {
                return event;
            }
            Path copy = Files.createTempFile("bench-event-", ".json");
            copy.toFile().deleteOnExit();
            json.writeValue(copy.toFile(), tree);
            return copy;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static com.sun.net.httpserver.HttpServer cloudFormationServer;

    /** A loopback server that takes custom-resource answers as CloudFormation's response URL does (200 to a PUT), for this run. */
    private static synchronized String cloudFormation() throws IOException {
        if (cloudFormationServer == null) {
            cloudFormationServer = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            cloudFormationServer.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            cloudFormationServer.start();
        }
        return "http://127.0.0.1:" + cloudFormationServer.getAddress().getPort() + "/custom-resource-response";
    }

    private static synchronized void stopCloudFormation() {
        if (cloudFormationServer != null) {
            cloudFormationServer.stop(0);
            cloudFormationServer = null;
        }
    }

    /** Every function of the template (or the chosen ones), with its handler, sample event and environment. */
    static List<Subject> functions(Stack stack, LocalAws aws, Settings settings) {
        Map<String, String> handlerOf = new LinkedHashMap<>();
        for (Template.Resource r : stack.template().resources().values()) {
            if (r.type().equals("AWS::Serverless::Function") && r.properties().get("Handler") instanceof String h) {
                handlerOf.put(r.logicalId(), h);
            }
        }
        List<String> wanted = settings.functions().equals(List.of("all")) ? List.copyOf(handlerOf.keySet()) : settings.functions();
        Object memory = stack.template().globalsFunction().getOrDefault("MemorySize", 1024);
        List<Subject> subjects = new ArrayList<>();
        for (String function : wanted) {
            String handler = handlerOf.get(function);
            if (handler == null) {
                throw new IllegalArgumentException("No function " + function + " in the template; known: " + handlerOf.keySet());
            }
            Path event = settings.events().resolve(EVENT_FILES.getOrDefault(function, kebab(function.replaceFirst("Function$", "")) + ".json"));
            if (!Files.isRegularFile(event)) {
                throw new IllegalArgumentException("No sample event " + event + " for " + function);
            }
            Map<String, String> env = new LinkedHashMap<>(stack.functionEnvironment(function));
            event = throughThePortal(event, env.get("ORIGIN_SECRET_ID"), aws);
            env.put("AWS_REGION", aws.region());
            env.put("AWS_DEFAULT_REGION", aws.region());
            env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            // What the Lambda runtime sets as well (Micronaut and the SDK look at some of them).
            env.put("AWS_LAMBDA_FUNCTION_NAME", "bench-" + function);
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory));
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("TZ", ":UTC");
            env.put("LANG", "en_US.UTF-8");
            // Lambda's JVM sees the function's memory as the machine's (its container limit): so must ours,
            // or heap sizing (and RSS) follows this machine's 24 GB.
            String javaOptions = (env.getOrDefault("JAVA_TOOL_OPTIONS", "") + " -XX:MaxRAM=" + memory + "m "
                    + settings.extraJavaOptions()).trim();
            if (!javaOptions.isEmpty()) {
                env.put("JAVA_TOOL_OPTIONS", javaOptions);
            }
            subjects.add(new Subject(function, function, handler, event, "cold", env));
        }
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("No function to measure");
        }
        return subjects;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ one fresh JVM

    private static Map<String, Object> run(Subject subject, String tag, Settings settings) throws IOException, InterruptedException {
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaExe, "-cp",
                (subject.jar() != null ? subject.jar() : settings.lambdaJar()) + File.pathSeparator + settings.serializationJar() + File.pathSeparator + settings.driverDir(),
                "ColdStartDriver"));
        if (subject.handlerClass() == null) {
            command.add("baseline");
        } else {
            command.addAll(List.of(subject.mode(), subject.handlerClass(), subject.event().toString(), tag,
                    Integer.toString(settings.warmRequests())));
        }
        Path out = Files.createTempFile("cold-start-", ".out");
        Path err = Files.createTempFile("cold-start-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(subject.environment());
            Instant launch = Instant.now();
            builder.environment().put("BENCH_LAUNCH_EPOCH_MICROS",
                    Long.toString(launch.getEpochSecond() * 1_000_000L + launch.getNano() / 1000));
            long before = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(subject.name() + " did not finish within " + RUN_TIMEOUT_SECONDS + " s");
            }
            double wall = Stats.round((System.nanoTime() - before) / 1e6);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("sample", tag);
            String line = Files.readAllLines(out).stream().filter(l -> l.startsWith("BENCH_RESULT ")).findFirst().orElse(null);
            if (line == null) {
                // The handler could not start (or the driver broke): keep going, report it.
                result.put("error", "exit " + process.exitValue() + ": " + firstError(err, out));
                result.put("processWallMs", wall);
                System.err.println("  " + subject.name() + " FAILED: " + result.get("error"));
                return result;
            }
            Matcher m = FIELD.matcher(line);
            while (m.find()) {
                result.put(m.group(1), m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\\\", "\\")
                        : m.group(2).equals("true") || m.group(2).equals("false") ? Boolean.valueOf(m.group(2))
                        : (Object) Double.valueOf(m.group(2)));
            }
            result.put("processWallMs", wall);
            return result;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The first exception line of the child's output, e.g. the handler's init failure. */
    private static String firstError(Path err, Path out) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(err));
        lines.addAll(Files.readAllLines(out));
        String first = lines.stream().filter(l -> l.contains("Exception") || l.contains("Error:")).findFirst()
                .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)).trim();
        String missing = lines.stream().filter(l -> l.contains("Message:") || l.contains("Failed to inject")).findFirst().orElse("");
        String message = first + (missing.isEmpty() ? "" : " | " + missing.trim());
        return message.length() > 400 ? message.substring(0, 400) + "..." : message;
    }
}
