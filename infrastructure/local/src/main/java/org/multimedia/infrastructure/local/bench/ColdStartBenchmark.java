package org.multimedia.infrastructure.local.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.multimedia.infrastructure.emulator.LocalAws;
import org.multimedia.infrastructure.emulator.Route;
import org.multimedia.infrastructure.emulator.Stack;

/**
 * Cold-start benchmark of the Lambda handlers; run it with infrastructure/benchmarks/cold-start.
 *
 * <p>Starts one emulator and provisions template.yaml, then for every sample launches fresh JVMs
 * whose classpath is only functions-lambda.jar plus ColdStartDriver, with the function's
 * environment as real environment variables (JAVA_TOOL_OPTIONS from the template included):
 * one baseline JVM running a trivial main, then one JVM per handler. Runs are interleaved so
 * that drift on the machine hits the baseline and the handlers alike. Prints a table and writes
 * the raw results as JSON.
 */
public final class ColdStartBenchmark {

    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z]+)\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.Ee]+|true|false)");
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final List<String> DEFAULT_FUNCTIONS = List.of("SignUpFunction", "LoginFunction", "GetProfileFunction");
    /** Sample events whose name is not the kebab-case of the function's logical id. */
    private static final Map<String, String> EVENT_FILES = Map.of("SignUpFunction", "signup.json");

    private record Options(int samples, int warmups, List<String> functions, Path lambdaJar, Path driverDir,
                           Path template, Path events, Path results, String extraJavaOptions, String jarNote) {
    }

    private record Subject(String name, String functionLogicalId, String handlerClass, Path event,
                           Map<String, String> environment) {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        boolean failures = false;
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (LocalAws aws = LocalAws.start()) {
            System.err.println("Emulator: " + aws + "; provisioning " + options.template() + " ...");
            Stack stack = Stack.provision(aws, options.template(), "bench");
            System.err.printf(Locale.ROOT, "Emulator started and provisioned in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            List<Subject> subjects = subjects(stack, aws, options);
            Subject baseline = new Subject("baseline (trivial main)", null, null, null, subjects.get(0).environment());

            Map<String, List<Map<String, Object>>> samples = new LinkedHashMap<>();
            samples.put(baseline.name(), new ArrayList<>());
            subjects.forEach(s -> samples.put(s.name(), new ArrayList<>()));

            for (int w = 1; w <= options.warmups(); w++) {
                System.err.println("Warm-up " + w + " (discarded): baseline, " + subjects.get(0).name());
                run(baseline, "warmup" + w, options);
                run(subjects.get(0), "warmup" + w, options);
            }
            String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
            for (int i = 1; i <= options.samples(); i++) {
                System.err.print("Sample " + i + "/" + options.samples() + ":");
                samples.get(baseline.name()).add(run(baseline, runId + "-" + i, options));
                System.err.print(" baseline");
                for (Subject subject : subjects) {
                    // Own addresses per function and sample: no function sees another one's users.
                    String tag = runId + "-" + i + "-" + subject.functionLogicalId().replaceFirst("Function$", "").toLowerCase(Locale.ROOT);
                    samples.get(subject.name()).add(run(subject, tag, options));
                    System.err.print(" " + subject.functionLogicalId());
                }
                System.err.println();
            }

            double baselineMedian = median(values(samples.get(baseline.name()), "initFromLaunchMs"));
            samples.values().forEach(list -> list.forEach(
                    s -> {
                        if (s.get("initFromLaunchMs") instanceof Number) {
                            s.put("ratioToBaseline", round(number(s, "initFromLaunchMs") / baselineMedian));
                        }
                    }));

            String table = table(samples, baseline.name(), baselineMedian, options);
            System.out.println(table);
            Path written = write(options, started, subjects, samples, baseline.name(), baselineMedian,
                    (System.nanoTime() - t0) / 1e9);
            System.out.println("Raw results: " + written);
            List<String> errors = samples.values().stream().flatMap(List::stream).filter(s -> s.containsKey("error"))
                    .map(s -> s.get("subject") + ": " + s.get("error")).distinct().toList();
            if (!errors.isEmpty()) {
                System.out.println("\nFAILURES (the handler did not start in a JVM with only the Lambda jar):");
                errors.forEach(e -> System.out.println("  " + e));
                failures = true;
            }
        }
        if (failures) {
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------ setup

    private static List<Subject> subjects(Stack stack, LocalAws aws, Options options) {
        Map<String, String> handlerOf = new LinkedHashMap<>();
        for (Route route : stack.routes()) {
            handlerOf.putIfAbsent(route.functionLogicalId(), route.handlerClassName());
        }
        List<String> wanted = options.functions().equals(List.of("all")) ? List.copyOf(handlerOf.keySet()) : options.functions();
        Object memory = stack.template().globalsFunction().getOrDefault("MemorySize", 1024);
        List<Subject> subjects = new ArrayList<>();
        for (String function : wanted) {
            String handler = handlerOf.get(function);
            if (handler == null) {
                throw new IllegalArgumentException("No routed function " + function + " in the template; known: " + handlerOf.keySet());
            }
            Path event = options.events().resolve(EVENT_FILES.getOrDefault(function, kebab(function.replaceFirst("Function$", "")) + ".json"));
            if (!Files.isRegularFile(event)) {
                throw new IllegalArgumentException("No sample event " + event + " for " + function);
            }
            Map<String, String> env = new LinkedHashMap<>(stack.functionEnvironment(function));
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
            String javaOptions = (env.getOrDefault("JAVA_TOOL_OPTIONS", "") + " " + options.extraJavaOptions()).trim();
            if (!javaOptions.isEmpty()) {
                env.put("JAVA_TOOL_OPTIONS", javaOptions);
            }
            subjects.add(new Subject(function, function, handler, event, env));
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

    private static Map<String, Object> run(Subject subject, String tag, Options options) throws IOException, InterruptedException {
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaExe, "-cp",
                options.lambdaJar() + java.io.File.pathSeparator + options.driverDir(), "ColdStartDriver"));
        if (subject.handlerClass() == null) {
            command.add("baseline");
        } else {
            command.addAll(List.of("handler", subject.handlerClass(), subject.event().toString(), tag));
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
            double wall = round((System.nanoTime() - before) / 1e6);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("subject", subject.name());
            result.put("sample", tag);
            String line = Files.readAllLines(out).stream().filter(l -> l.startsWith("BENCH_RESULT ")).findFirst().orElse(null);
            if (line == null) {
                // The handler could not start (or the driver broke): keep going, report it.
                result.put("error", "exit " + process.exitValue() + ": " + firstError(err, out));
                result.put("processWallMs", wall);
                System.err.print(" [" + subject.name() + " FAILED]");
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

    private static String tail(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return "";
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
    }

    // ------------------------------------------------------------------ report

    private static final String[][] COLUMNS = {
            {"initFromLaunchMs", "init ms"},
            {"firstRequestMs", "1st req ms"},
            {"secondRequestMs", "2nd req ms"},
            {"maxRssMb", "max RSS MB"},
            {"ratioToBaseline", "x baseline"},
    };

    private static String table(Map<String, List<Map<String, Object>>> samples, String baselineName,
                                double baselineMedian, Options options) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nCold start, %d fresh JVMs per row, median [min-max]; baseline median %.1f ms%n",
                options.samples(), baselineMedian));
        b.append("Lambda jar: ").append(options.jarNote()).append('\n');
        b.append(String.format(Locale.ROOT, "%-24s", "handler"));
        for (String[] column : COLUMNS) {
            b.append(String.format(Locale.ROOT, " | %-22s", column[1]));
        }
        b.append(String.format(Locale.ROOT, " | %s%n", "status"));
        b.append("-".repeat(24 + COLUMNS.length * 25 + 10)).append('\n');
        samples.forEach((name, list) -> {
            b.append(String.format(Locale.ROOT, "%-24s", name.equals(baselineName) ? "baseline (trivial main)" : name));
            for (String[] column : COLUMNS) {
                List<Double> v = values(list, column[0]);
                String cell = v.isEmpty() ? "-" : column[0].equals("ratioToBaseline")
                        ? String.format(Locale.ROOT, "%.2f [%.2f-%.2f]", median(v), min(v), max(v))
                        : String.format(Locale.ROOT, "%.1f [%.1f-%.1f]", median(v), min(v), max(v));
                b.append(String.format(Locale.ROOT, " | %-22s", cell));
            }
            long failed = list.stream().filter(s -> s.containsKey("error")).count();
            if (failed > 0) {
                b.append(" | INIT FAILED in ").append(failed).append('/').append(list.size()).append(" samples\n");
                return;
            }
            List<String> statuses = list.stream().filter(s -> s.containsKey("firstStatus"))
                    .map(s -> (int) number(s, "firstStatus") + "/" + (int) number(s, "secondStatus")).distinct().toList();
            b.append(" | ").append(statuses.isEmpty() ? "-" : String.join(",", statuses)).append('\n');
        });
        b.append("init = process launch -> handler built by its no-arg constructor (baseline: -> trivial main ran);\n")
                .append("1st/2nd req = handleRequest of the sample event in that JVM; max RSS = VmHWM at the end;\n")
                .append("x baseline = init / baseline median init. Compare only numbers from the same machine.");
        return b.toString();
    }

    private static Path write(Options options, Instant started, List<Subject> subjects,
                              Map<String, List<Map<String, Object>>> samples, String baselineName,
                              double baselineMedian, double totalSeconds) throws IOException {
        Files.createDirectories(options.results());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
        Path file = options.results().resolve("cold-start-" + stamp + ".json");
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"started\": ").append(quote(started.toString())).append(",\n");
        b.append("  \"durationSeconds\": ").append(round(totalSeconds)).append(",\n");
        b.append("  \"machine\": {\"host\": ").append(quote(host()))
                .append(", \"cpus\": ").append(Runtime.getRuntime().availableProcessors())
                .append(", \"os\": ").append(quote(System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")))
                .append(", \"java\": ").append(quote(System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")))
                .append("},\n");
        b.append("  \"samplesPerSubject\": ").append(options.samples()).append(", \"warmupsDiscarded\": ").append(options.warmups()).append(",\n");
        b.append("  \"javaToolOptions\": ").append(quote(subjects.get(0).environment().getOrDefault("JAVA_TOOL_OPTIONS", ""))).append(",\n");
        b.append("  \"classpath\": ").append(quote(options.lambdaJar().getFileName() + " + ColdStartDriver")).append(",\n");
        b.append("  \"lambdaJar\": ").append(quote(options.jarNote())).append(",\n");
        b.append("  \"handlers\": {");
        for (int i = 0; i < subjects.size(); i++) {
            Subject s = subjects.get(i);
            b.append(i == 0 ? "" : ", ").append(quote(s.name())).append(": {\"class\": ").append(quote(s.handlerClass()))
                    .append(", \"event\": ").append(quote("events/" + s.event().getFileName())).append('}');
        }
        b.append("},\n");
        b.append("  \"baselineMedianInitMs\": ").append(baselineMedian).append(",\n");
        b.append("  \"summary\": {\n");
        List<String> rows = new ArrayList<>();
        samples.forEach((name, list) -> {
            StringBuilder r = new StringBuilder("    ").append(quote(name)).append(": {");
            List<String> cells = new ArrayList<>();
            for (String field : List.of("initFromLaunchMs", "mainFromLaunchMs", "constructMs", "firstRequestMs",
                    "secondRequestMs", "maxRssMb", "heapUsedMb", "processWallMs", "ratioToBaseline")) {
                List<Double> v = values(list, field);
                if (!v.isEmpty()) {
                    cells.add(quote(field) + ": {\"median\": " + round(median(v)) + ", \"min\": " + min(v) + ", \"max\": " + max(v) + "}");
                }
            }
            rows.add(r.append(String.join(", ", cells)).append('}').toString());
        });
        b.append(String.join(",\n", rows)).append("\n  },\n");
        b.append("  \"samples\": [\n");
        List<String> lines = new ArrayList<>();
        samples.values().forEach(list -> list.forEach(s -> {
            List<String> cells = new ArrayList<>();
            s.forEach((k, v) -> cells.add(quote(k) + ": " + (v instanceof String str ? quote(str)
                    : v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : v)));
            lines.add("    {" + String.join(", ", cells) + "}");
        }));
        b.append(String.join(",\n", lines)).append("\n  ]\n}\n");
        Files.writeString(file, b.toString());
        return file;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String quote(String s) {
        return '"' + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
    }

    // ------------------------------------------------------------------ statistics

    private static double number(Map<String, Object> sample, String field) {
        return ((Number) sample.get(field)).doubleValue();
    }

    private static List<Double> values(List<Map<String, Object>> list, String field) {
        return list.stream().filter(s -> s.get(field) instanceof Number).map(s -> number(s, field)).toList();
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    // ------------------------------------------------------------------ arguments

    private static Options parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        int samples = 5;
        int warmups = 1;
        List<String> functions = DEFAULT_FUNCTIONS;
        Path lambdaJar = root.resolve("functions/target/functions-lambda.jar");
        Path driverDir = root.resolve("infrastructure/benchmarks/target/driver");
        Path results = root.resolve("infrastructure/benchmarks/results");
        String extra = "";
        String jarNote = "functions/target/functions-lambda.jar as built";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--samples" -> samples = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--functions" -> functions = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                case "--lambda-jar" -> lambdaJar = Path.of(value).toAbsolutePath();
                case "--driver-dir" -> driverDir = Path.of(value).toAbsolutePath();
                case "--results" -> results = Path.of(value).toAbsolutePath();
                case "--java-options" -> extra = value;
                case "--jar-note" -> jarNote = value;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
            i++;
        }
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1");
        }
        return new Options(samples, warmups, functions, lambdaJar, driverDir, root.resolve("template.yaml"),
                root.resolve("events"), results, extra, jarNote);
    }
}
