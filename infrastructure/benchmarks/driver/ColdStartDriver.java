import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

/**
 * Runs in a fresh JVM whose classpath is functions-lambda.jar, the Lambda runtime's event
 * serialisation (aws-lambda-java-serialization) and this directory (see
 * infrastructure/benchmarks/cold-start). Prints one line "BENCH_RESULT {json}" on stdout.
 *
 * <pre>
 * java ColdStartDriver baseline
 * java ColdStartDriver cold      &lt;handler class&gt; &lt;event.json&gt; &lt;sample tag&gt; &lt;warm requests&gt;
 * java ColdStartDriver snapstart &lt;handler class&gt; &lt;event.json&gt; &lt;sample tag&gt; &lt;warm requests&gt;
 * </pre>
 *
 * The launcher puts the wall-clock time (epoch microseconds) just before it started this process
 * in BENCH_LAUNCH_EPOCH_MICROS; every "...FromLaunch" time is measured from that instant.
 * <p>
 * <b>init</b> is what the Lambda runtime does before the first event: the handler's public no-arg
 * constructor (our handlers build their Micronaut context there) and the event and response
 * serialisers for its types. <b>A request</b> is what the runtime does per event: the event's
 * JSON bound by {@code aws-lambda-java-serialization} (the runtime's own library), handleRequest,
 * the response written back as JSON. <b>snapstart</b> runs, between init and the first request,
 * the CRaC resources the handler registered ({@code beforeCheckpoint} then {@code afterRestore}),
 * as SnapStart does around its snapshot; what a restore itself costs on AWS is not modelled.
 * Nothing here touches the application's classes before the constructor: everything after it
 * lives in nested classes, which the JVM loads only when they are first used.
 */
public final class ColdStartDriver {

    static final String EMAIL_IN_EVENTS = "alice@example.com";
    static final String IP_IN_EVENTS = "203.0.113.7";

    public static void main(String[] args) throws Exception {
        Instant mainEntered = Instant.now();
        long mainNanos = System.nanoTime();
        long launchMicros = Long.parseLong(System.getenv().getOrDefault("BENCH_LAUNCH_EPOCH_MICROS", "0"));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", args[0]);
        if (args[0].equals("jarcheck")) {
            // What the shade filters keep must still work: a CloudFront signed URL from the jar alone.
            result.put("cloudFrontSignedUrl", JarCheck.cloudFrontSignedUrl());
        } else if (args[0].equals("baseline")) {
            // The trivial program: prints and exits.
            System.out.println("hello from a trivial main");
            result.put("mainFromLaunchMs", sinceLaunchMs(launchMicros, mainEntered));
            result.put("initFromLaunchMs", sinceLaunchMs(launchMicros, Instant.now()));
            result.put("classesLoaded", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        } else {
            String handlerClass = args[1];
            // What the Lambda runtime does at init: the handler's public no-arg constructor.
            Object handler = Class.forName(handlerClass).getConstructor().newInstance();
            Invocation.run(handler, args, result, launchMicros, mainEntered, mainNanos);
        }
        // Only now are the remaining management classes loaded (they cost tens of ms themselves).
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        result.put("mainFromJvmStartMs", (double) (mainEntered.toEpochMilli() - jvmStart));
        Runtime rt = Runtime.getRuntime();
        result.put("heapUsedMb", round((rt.totalMemory() - rt.freeMemory()) / 1048576.0));
        result.put("heapCommittedMb", round(rt.totalMemory() / 1048576.0));
        result.put("maxRssMb", procStatusMb("VmHWM"));
        result.put("rssMb", procStatusMb("VmRSS"));
        System.out.println("BENCH_RESULT " + json(result));
        System.out.flush();
        // Lambda would freeze the container here; we do not wait for the context's threads. A run that
        // dumps a class-data sharing archive must exit normally: the JVM writes it on exit, not on halt.
        if (System.getenv().getOrDefault("JAVA_TOOL_OPTIONS", "").contains("-XX:ArchiveClassesAtExit")) {
            System.exit(0);
        }
        Runtime.getRuntime().halt(0);
    }

    /** Everything after the constructor (loaded only then). */
    static final class Invocation {

        @SuppressWarnings({"unchecked", "rawtypes"})
        static void run(Object built, String[] args, Map<String, Object> result, long launchMicros,
                        Instant mainEntered, long mainNanos) throws Exception {
            String mode = args[0];
            String handlerClass = args[1];
            String rawEvent = Files.readString(Path.of(args[2]));
            String tag = args[3];
            int warmRequests = args.length > 4 ? Integer.parseInt(args[4]) : 5;
            RequestHandler handler = (RequestHandler) built;
            Class<?>[] types = requestAndResponseTypes(handler.getClass());
            // The runtime resolves its serialisers for the handler's types at init too.
            PojoSerializer in = LambdaEventSerializers.serializerFor(types[0], handler.getClass().getClassLoader());
            PojoSerializer out = types[1] == Void.class ? null
                    : LambdaEventSerializers.serializerFor(types[1], handler.getClass().getClassLoader());
            Instant initialised = Instant.now();
            long initialisedNanos = System.nanoTime();
            result.put("handler", handlerClass);
            result.put("mainFromLaunchMs", sinceLaunchMs(launchMicros, mainEntered));
            result.put("initFromLaunchMs", sinceLaunchMs(launchMicros, initialised));
            result.put("constructMs", ms(initialisedNanos - mainNanos));

            if (mode.equals("snapstart")) {
                Snapshot.primeAndRestore(result);
            }

            long t0 = System.nanoTime();
            long[] parts = new long[3];
            Object first = request(handler, in, out, personalise(rawEvent, tag, 1), handlerClass, tag, 1, parts);
            long t1 = System.nanoTime();
            result.put("firstRequestMs", ms(t1 - t0));
            // The runtime's share of the first request (event JSON in, response JSON out) and the handler's.
            result.put("firstEventInMs", ms(parts[0]));
            result.put("firstHandlerMs", ms(parts[1]));
            result.put("firstResponseOutMs", ms(parts[2]));
            result.put("firstStatus", status(first));
            if (mode.equals("cold")) {
                // Counted right after the first response (the management classes add ~100 of their own, as in the baseline).
                result.put("classesLoaded", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[] warm = new double[warmRequests];
            double[] cpu = new double[warmRequests];
            double[] handlerOnly = new double[warmRequests];
            Object last = null;
            for (int i = 0; i < warmRequests; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                long[] warmParts = new long[3];
                last = request(handler, in, out, personalise(rawEvent, tag, i + 2), handlerClass, tag, i + 2, warmParts);
                warm[i] = (System.nanoTime() - w0) / 1e6;
                handlerOnly[i] = warmParts[1] / 1e6;
                cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            if (warmRequests > 0) {
                result.put("secondRequestMs", round(warm[0]));
                result.put("warmRequestMs", round(median(warm)));
                result.put("warmCpuMs", round(median(cpu)));
                result.put("firstOverWarm", round(ms(t1 - t0) / median(warm)));
                result.put("warmHandlerMs", round(median(handlerOnly)));
                result.put("firstHandlerOverWarm", round(ms(parts[1]) / median(handlerOnly)));
                result.put("warmStatus", status(last));
            }
            result.put("warmRequests", warmRequests);
        }

        /** One event as the runtime handles it: JSON in, handleRequest, JSON out. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object request(RequestHandler handler, PojoSerializer in, PojoSerializer out, String json,
                                      String handlerClass, String tag, int n, long[] parts) {
            long t0 = System.nanoTime();
            Object event = in.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            long t1 = System.nanoTime();
            Object response = handler.handleRequest(event, new BenchContext(handlerClass, "req-" + tag + "-" + n));
            long t2 = System.nanoTime();
            if (out != null && response != null) {
                out.toJson(response, new ByteArrayOutputStream());
            }
            parts[0] = t1 - t0;
            parts[1] = t2 - t1;
            parts[2] = System.nanoTime() - t2;
            return response;
        }

        private static Object status(Object response) {
            if (response == null) {
                return "-";
            }
            try {
                return response.getClass().getMethod("getStatusCode").invoke(response);
            } catch (ReflectiveOperationException e) {
                return response.getClass().getSimpleName();
            }
        }

        /** The handler's RequestHandler&lt;I, O&gt; types, as the Lambda runtime resolves them. */
        static Class<?>[] requestAndResponseTypes(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                List<Type> candidates = new ArrayList<>(Arrays.asList(c.getGenericInterfaces()));
                candidates.add(c.getGenericSuperclass());
                for (Type t : candidates) {
                    if (t instanceof ParameterizedType p && p.getActualTypeArguments().length == 2
                            && p.getActualTypeArguments()[0] instanceof Class<?> i && p.getActualTypeArguments()[1] instanceof Class<?> o
                            && RequestHandler.class.isAssignableFrom((Class<?>) p.getRawType())) {
                        return new Class<?>[]{i, o};
                    }
                }
            }
            throw new IllegalArgumentException(type + " is not a RequestHandler of concrete types");
        }
    }

    /** Checks of the Lambda jar's filtered parts. */
    static final class JarCheck {

        static boolean cloudFrontSignedUrl() throws Exception {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            java.security.PrivateKey key = generator.generateKeyPair().getPrivate();
            String url = software.amazon.awssdk.services.cloudfront.CloudFrontUtilities.create()
                    .getSignedUrlWithCannedPolicy(r -> r.resourceUrl("https://d111111abcdef8.cloudfront.net/videos/x/hd")
                            .privateKey(key).keyPairId("K2JCJMDEHXQW5F").expirationDate(Instant.now().plusSeconds(600)))
                    .url();
            return url.contains("Signature=") && url.contains("Key-Pair-Id=K2JCJMDEHXQW5F");
        }
    }

    /** The SnapStart proxy: what the handler registered with CRaC, run as SnapStart runs it. */
    static final class Snapshot {

        static void primeAndRestore(Map<String, Object> result) throws Exception {
            List<org.multimedia.core.Priming> registered = org.multimedia.core.Priming.registered();
            long t0 = System.nanoTime();
            for (org.crac.Resource resource : registered) {
                resource.beforeCheckpoint(null);
            }
            long t1 = System.nanoTime();
            for (org.crac.Resource resource : registered) {
                resource.afterRestore(null);
            }
            long t2 = System.nanoTime();
            result.put("primedResources", registered.size());
            result.put("primeMs", ms(t1 - t0));
            result.put("restoreMs", ms(t2 - t1));
        }
    }

    /** A unique address per sample and request, and one client IP per sample (no throttling). */
    static String personalise(String rawEvent, String tag, int request) {
        String safeTag = tag.replaceAll("[^A-Za-z0-9-]", "-");
        int ipByte = Math.floorMod(safeTag.hashCode(), 250) + 1;
        return rawEvent
                .replace(EMAIL_IN_EVENTS, "bench-" + safeTag + "-" + request + "@example.com")
                .replace(IP_IN_EVENTS, "198.51.100." + ipByte);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double sinceLaunchMs(long launchMicros, Instant at) {
        if (launchMicros == 0) {
            return -1;
        }
        long atMicros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
        return round((atMicros - launchMicros) / 1000.0);
    }

    static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double procStatusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    String kb = line.substring(field.length() + 1).trim().split("\\s+")[0];
                    return round(Long.parseLong(kb) / 1024.0);
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    // ------------------------------------------------------------------ output

    private static String json(Map<String, Object> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(k).append("\":");
            if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                b.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        });
        return b.append('}').toString();
    }

    /** What the Lambda runtime hands the handler, with benchmark values. */
    private static final class BenchContext implements Context {
        private final String function;
        private final String requestId;

        BenchContext(String handlerClass, String requestId) {
            this.function = handlerClass.substring(handlerClass.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            this.requestId = requestId;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + function;
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return function;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:" + function;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 15_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.print(new String(message));
                }
            };
        }
    }
}
