package org.multimedia.infrastructure.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

import org.multimedia.infrastructure.emulator.LocalAws;
import org.multimedia.infrastructure.emulator.Stack;
import org.multimedia.infrastructure.local.LocalSystem;

/**
 * The performance benchmark of issue 11; run it with infrastructure/benchmarks/run (see
 * docs/PERFORMANCE.md). Sections, each optional ({@code --only}):
 * <ol>
 *   <li>{@code cold}: cold start per function in fresh JVMs, interleaved with the bare JVM and a
 *       plain RequestHandler sign-up, plus the SnapStart proxy ({@link ColdStarts});</li>
 *   <li>{@code gateway}: the warm path through the local gateway at 1, 8 and 32 clients ({@link GatewayLoad});</li>
 *   <li>{@code campaign}: a campaign to 10,000 subscribers on the local system ({@link CampaignRun});</li>
 *   <li>{@code jar}: the Lambda jar's size (the classes per function come from {@code cold}).</li>
 * </ol>
 * Writes target/results/performance-DATE.json, .md and .png (a document that cites a run copies
 * it to infrastructure/benchmarks/results/); exits 1 if a handler could not start or a
 * campaign did not reach everyone exactly once.
 */
public final class PerformanceBenchmark {

    record Options(int samples, int ratioSamples, int warmups, int warmRequests, List<String> functions, Set<String> modes,
                   List<ColdStarts.Variant> variants, Set<String> only,
                   List<Integer> concurrencies, double gatewaySeconds, int subscribers, double sendsPerSecond,
                   int campaignTimeoutSeconds, Path lambdaJar, Path serializationJar, Path driverDir, Path root,
                   Path results, String extraJavaOptions, String label, String name) {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("started", started.toString());
        report.put("label", options.label());
        report.put("machine", machine());
        report.put("loadAverageAtStart", loadAverage());
        report.put("options", describe(options));
        List<String> failures = new ArrayList<>();

        if (options.only().contains("jar")) {
            Map<String, Object> jar = jar(options.lambdaJar());
            jar.put("cloudFrontSigningFromJar", jarCheck(options));
            if (!Boolean.TRUE.equals(jar.get("cloudFrontSigningFromJar"))) {
                failures.add("jar: CloudFront URL signing does not work from the Lambda jar alone");
            }
            report.put("jar", jar);
        }
        if (options.only().contains("cold")) {
            try (LocalAws aws = LocalAws.start()) {
                System.err.println("Emulator: " + aws + "; provisioning template.yaml ...");
                Stack stack = Stack.provision(aws, options.root().resolve("template.yaml"), "bench");
                report.put("coldStart", ColdStarts.run(aws, stack, new ColdStarts.Settings(options.samples(),
                        options.ratioSamples(), options.warmups(), options.warmRequests(), options.functions(), options.modes(), options.variants(),
                        options.lambdaJar(), options.serializationJar(), options.driverDir(),
                        options.root().resolve("events"), options.extraJavaOptions()), failures));
            }
        }
        if (options.only().contains("gateway") || options.only().contains("campaign")) {
            // No limit of ours may answer 429 to a benchmark that sends thousands of requests from one
            // client and user (not in the template's environment, so these system properties apply).
            System.setProperty("videos.max-downloads-per-hour", "100000000");
            System.setProperty("codes.max-wrong-per-client", "100000000");
            try (LocalSystem system = LocalSystem.start(options.root().resolve("template.yaml"), 0,
                    Map.of("NewsletterSendsPerSecond", Double.toString(options.sendsPerSecond())))) {
                System.err.printf("Local system on %s in %.1f s%n", system.url(), system.startupMillis() / 1000.0);
                if (options.only().contains("gateway")) {
                    report.put("gateway", GatewayLoad.run(system, options.concurrencies(), options.gatewaySeconds()));
                }
                if (options.only().contains("campaign")) {
                    Map<String, Object> campaign = CampaignRun.run(system, options.subscribers(), options.sendsPerSecond(),
                            Duration.ofSeconds(options.campaignTimeoutSeconds()));
                    report.put("campaign", campaign);
                    Object delivery = campaign.get("delivery");
                    if (Boolean.TRUE.equals(campaign.get("finished")) && delivery instanceof Map<?, ?> d
                            && !Boolean.TRUE.equals(d.get("exactlyOnceForEveryone"))) {
                        failures.add("campaign: not exactly once for everyone: " + d);
                    }
                }
            }
        }
        report.put("loadAverageAtEnd", loadAverage());
        report.put("durationSeconds", Stats.round((System.nanoTime() - t0) / 1e9));
        report.put("failures", failures);

        Files.createDirectories(options.results());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
        String base = options.name() + "-" + stamp;
        Path json = options.results().resolve(base + ".json");
        Files.writeString(json, Json.write(report));
        Path png = options.results().resolve(base + ".png");
        boolean charted = report.containsKey("coldStart") && Chart.write(report, png);
        Path md = options.results().resolve(base + ".md");
        String markdown = Report.markdown(report, json.getFileName().toString(), charted ? png.getFileName().toString() : null);
        Files.writeString(md, markdown);
        System.out.println(markdown);
        System.out.println("Results: " + json + ", " + md + (charted ? ", " + png : ""));
        if (!failures.isEmpty()) {
            System.out.println("\nFAILURES:");
            failures.forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
    }

    private static Map<String, Object> jar(Path lambdaJar) throws IOException {
        Map<String, Object> jar = new LinkedHashMap<>();
        jar.put("path", "functions/target/" + lambdaJar.getFileName());
        jar.put("bytes", Files.size(lambdaJar));
        jar.put("megabytes", Stats.round(Files.size(lambdaJar) / 1048576.0));
        try (ZipFile zip = new ZipFile(lambdaJar.toFile())) {
            jar.put("classes", zip.stream().filter(e -> e.getName().endsWith(".class")).count());
        }
        return jar;
    }

    /** The driver's jar check in a JVM with only the Lambda jar (what the shade filters kept must work). */
    private static boolean jarCheck(Options options) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                options.lambdaJar() + java.io.File.pathSeparator + options.driverDir(), "ColdStartDriver", "jarcheck")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        boolean ok = output.contains("\"cloudFrontSignedUrl\":true");
        if (!ok) {
            System.err.println("Jar check failed: " + output);
        }
        return ok;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("host", InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            m.put("host", "unknown");
        }
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try {
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException e) {
            // not Linux
        }
        return m;
    }

    /** 1, 5 and 15 minute load averages (the machine is shared: read the numbers with them). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, Object> describe(Options o) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sections", List.copyOf(o.only()));
        d.put("samples", o.samples());
        d.put("ratioSamples", o.ratioSamples());
        d.put("warmups", o.warmups());
        d.put("warmRequests", o.warmRequests());
        d.put("functions", o.functions());
        d.put("modes", List.copyOf(o.modes()));
        d.put("variants", o.variants().stream().map(v -> v.name() + " = " + (v.jar() != null ? "jar " + v.jar().getFileName() : v.javaOptions())).toList());
        d.put("javaOptionsAdded", o.extraJavaOptions());
        d.put("concurrencies", o.concurrencies());
        d.put("gatewaySeconds", o.gatewaySeconds());
        d.put("subscribers", o.subscribers());
        d.put("sendsPerSecond", o.sendsPerSecond());
        return d;
    }

    private static Options parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        int samples = 3;
        int ratioSamples = 8;
        int warmups = 1;
        int warmRequests = 5;
        List<String> functions = List.of("all");
        Set<String> modes = Set.of("cold", "snapstart");
        List<ColdStarts.Variant> variants = new ArrayList<>();
        Set<String> only = Set.of("jar", "cold", "gateway", "campaign");
        List<Integer> concurrencies = List.of(1, 8, 32);
        double gatewaySeconds = 6;
        int subscribers = 10_000;
        double sendsPerSecond = 1000;
        int campaignTimeout = 180;
        Path lambdaJar = root.resolve("functions/target/functions-lambda.jar");
        Path serializationJar = null;
        Path driverDir = root.resolve("infrastructure/benchmarks/target/driver");
        Path results = root.resolve("infrastructure/benchmarks/target/results");
        String extra = "";
        String label = "";
        String name = "performance";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--smoke" -> {
                    samples = 1;
                    ratioSamples = 1;
                    warmups = 0;
                    warmRequests = 2;
                    concurrencies = List.of(1, 8);
                    gatewaySeconds = 1;
                    subscribers = 50;
                    campaignTimeout = 120;
                    // One JVM per function, primed: it starts from the jar alone and its hook runs.
                    modes = Set.of("snapstart");
                    i--;
                }
                case "--samples" -> samples = Integer.parseInt(value);
                case "--ratio-samples" -> ratioSamples = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--warm-requests" -> warmRequests = Integer.parseInt(value);
                case "--functions" -> functions = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                case "--variant" -> { // NAME=JAVA OPTIONS, repeatable
                    int eq = value.indexOf('=');
                    variants.add(new ColdStarts.Variant(value.substring(0, eq), value.substring(eq + 1)));
                }
                case "--jar-variant" -> { // NAME=PATH of another Lambda jar, repeatable
                    int eq = value.indexOf('=');
                    Path jar = Path.of(value.substring(eq + 1)).toAbsolutePath();
                    if (!java.nio.file.Files.isRegularFile(jar)) {
                        throw new IllegalArgumentException("--jar-variant: no file " + jar);
                    }
                    variants.add(new ColdStarts.Variant(value.substring(0, eq), "", jar));
                }
                case "--modes" -> modes = Set.copyOf(Arrays.stream(value.split(",")).map(String::trim).toList());
                case "--only" -> only = Set.copyOf(Arrays.stream(value.split(",")).map(String::trim).toList());
                case "--concurrency" -> concurrencies = Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--gateway-seconds" -> gatewaySeconds = Double.parseDouble(value);
                case "--subscribers" -> subscribers = Integer.parseInt(value);
                case "--sends-per-second" -> sendsPerSecond = Double.parseDouble(value);
                case "--campaign-timeout" -> campaignTimeout = Integer.parseInt(value);
                case "--lambda-jar" -> lambdaJar = Path.of(value).toAbsolutePath();
                case "--serialization-jar" -> serializationJar = Path.of(value).toAbsolutePath();
                case "--driver-dir" -> driverDir = Path.of(value).toAbsolutePath();
                case "--results" -> results = Path.of(value).toAbsolutePath();
                case "--java-options" -> extra = value;
                case "--label" -> label = value;
                case "--name" -> name = value;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
            i++;
        }
        if (samples < 1 || ratioSamples < 1) {
            throw new IllegalArgumentException("--samples and --ratio-samples must be at least 1");
        }
        if (serializationJar == null) {
            throw new IllegalArgumentException("--serialization-jar is required (the script passes it)");
        }
        return new Options(samples, ratioSamples, warmups, warmRequests, functions, modes, variants, only, concurrencies, gatewaySeconds,
                subscribers, sendsPerSecond, campaignTimeout, lambdaJar, serializationJar, driverDir, root, results, extra,
                label, name);
    }
}
