import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Runs in a fresh JVM whose classpath is only functions-lambda.jar and this class (see
 * infrastructure/benchmarks/cold-start). Prints one line "BENCH_RESULT {json}" on stdout.
 *
 * <pre>
 * java ColdStartDriver baseline
 * java ColdStartDriver handler &lt;handler class&gt; &lt;event.json&gt; &lt;sample tag&gt;
 * </pre>
 *
 * The launcher puts the wall-clock time (epoch microseconds) just before it started this process
 * in BENCH_LAUNCH_EPOCH_MICROS; every "...FromLaunch" time is measured from that instant.
 * Nothing here touches the application's classes before the handler's no-arg constructor, and
 * the event is built without any library of the jar (own tiny JSON reader), so that class loading
 * done by the driver does not flatter the handler's numbers.
 */
public final class ColdStartDriver {

    private static final String EMAIL_IN_EVENTS = "alice@example.com";
    private static final String IP_IN_EVENTS = "203.0.113.7";

    public static void main(String[] args) throws Exception {
        Instant mainEntered = Instant.now();
        long mainNanos = System.nanoTime();
        long launchMicros = Long.parseLong(System.getenv().getOrDefault("BENCH_LAUNCH_EPOCH_MICROS", "0"));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", args[0]);
        if (args[0].equals("baseline")) {
            // The trivial program: prints and exits.
            System.out.println("hello from a trivial main");
            result.put("mainFromLaunchMs", sinceLaunchMs(launchMicros, mainEntered));
            result.put("initFromLaunchMs", sinceLaunchMs(launchMicros, Instant.now()));
        } else {
            String handlerClass = args[1];
            String rawEvent = Files.readString(Path.of(args[2]));
            String tag = args[3];

            // What the Lambda runtime does at init: the handler's public no-arg constructor,
            // which builds the function's own Micronaut application context.
            @SuppressWarnings("unchecked")
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                    (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                            Class.forName(handlerClass).getConstructor().newInstance();
            Instant constructed = Instant.now();
            long constructedNanos = System.nanoTime();

            APIGatewayV2HTTPEvent first = event(personalise(rawEvent, tag, 1));
            APIGatewayV2HTTPEvent second = event(personalise(rawEvent, tag, 2));
            Context context = new BenchContext(handlerClass, "req-" + tag + "-1");

            long t0 = System.nanoTime();
            APIGatewayV2HTTPResponse r1 = handler.handleRequest(first, context);
            long t1 = System.nanoTime();
            APIGatewayV2HTTPResponse r2 = handler.handleRequest(second, new BenchContext(handlerClass, "req-" + tag + "-2"));
            long t2 = System.nanoTime();

            result.put("handler", handlerClass);
            result.put("mainFromLaunchMs", sinceLaunchMs(launchMicros, mainEntered));
            result.put("initFromLaunchMs", sinceLaunchMs(launchMicros, constructed));
            result.put("constructMs", ms(constructedNanos - mainNanos));
            result.put("firstRequestMs", ms(t1 - t0));
            result.put("secondRequestMs", ms(t2 - t1));
            result.put("firstStatus", r1.getStatusCode());
            result.put("secondStatus", r2.getStatusCode());
            result.put("firstBody", abbreviate(r1.getBody()));
        }
        // Only now the management classes are loaded (they cost tens of ms themselves).
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        result.put("mainFromJvmStartMs", (double) (mainEntered.toEpochMilli() - jvmStart));
        Runtime rt = Runtime.getRuntime();
        result.put("heapUsedMb", round((rt.totalMemory() - rt.freeMemory()) / 1048576.0));
        result.put("heapCommittedMb", round(rt.totalMemory() / 1048576.0));
        result.put("maxRssMb", procStatusMb("VmHWM"));
        result.put("rssMb", procStatusMb("VmRSS"));
        System.out.println("BENCH_RESULT " + json(result));
        System.out.flush();
        // Lambda would freeze the container here; we do not wait for the context's threads.
        Runtime.getRuntime().halt(0);
    }

    /** A unique address per sample and request, and one client IP per sample (no throttling). */
    private static String personalise(String rawEvent, String tag, int request) {
        String safeTag = tag.replaceAll("[^A-Za-z0-9-]", "-");
        int ipByte = Math.floorMod(safeTag.hashCode(), 250) + 1;
        return rawEvent
                .replace(EMAIL_IN_EVENTS, "bench-" + safeTag + "-" + request + "@example.com")
                .replace(IP_IN_EVENTS, "198.51.100." + ipByte);
    }

    private static double sinceLaunchMs(long launchMicros, Instant at) {
        if (launchMicros == 0) {
            return -1;
        }
        long atMicros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
        return round((atMicros - launchMicros) / 1000.0);
    }

    private static String abbreviate(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ");
        return b.length() > 100 ? b.substring(0, 100) + "..." : b;
    }

    private static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double v) {
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

    // ------------------------------------------------------------------ the event

    @SuppressWarnings("unchecked")
    private static APIGatewayV2HTTPEvent event(String json) {
        Map<String, Object> m = (Map<String, Object>) new JsonReader(json).value();
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setVersion(str(m.get("version")));
        e.setRouteKey(str(m.get("routeKey")));
        e.setRawPath(str(m.get("rawPath")));
        e.setRawQueryString(str(m.get("rawQueryString")));
        e.setCookies(strings(m.get("cookies")));
        e.setHeaders(stringMap(m.get("headers")));
        e.setQueryStringParameters(stringMap(m.get("queryStringParameters")));
        e.setPathParameters(stringMap(m.get("pathParameters")));
        e.setStageVariables(stringMap(m.get("stageVariables")));
        e.setBody(str(m.get("body")));
        e.setIsBase64Encoded(Boolean.TRUE.equals(m.get("isBase64Encoded")));
        if (m.get("requestContext") instanceof Map<?, ?> rcJson) {
            APIGatewayV2HTTPEvent.RequestContext rc = new APIGatewayV2HTTPEvent.RequestContext();
            rc.setRouteKey(str(rcJson.get("routeKey")));
            rc.setAccountId(str(rcJson.get("accountId")));
            rc.setStage(str(rcJson.get("stage")));
            rc.setApiId(str(rcJson.get("apiId")));
            rc.setDomainName(str(rcJson.get("domainName")));
            rc.setDomainPrefix(str(rcJson.get("domainPrefix")));
            rc.setTime(str(rcJson.get("time")));
            if (rcJson.get("timeEpoch") instanceof Number n) {
                rc.setTimeEpoch(n.longValue());
            }
            rc.setRequestId(str(rcJson.get("requestId")));
            if (rcJson.get("http") instanceof Map<?, ?> h) {
                APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
                http.setMethod(str(h.get("method")));
                http.setPath(str(h.get("path")));
                http.setProtocol(str(h.get("protocol")));
                http.setSourceIp(str(h.get("sourceIp")));
                http.setUserAgent(str(h.get("userAgent")));
                rc.setHttp(http);
            }
            if (rcJson.get("authorizer") instanceof Map<?, ?> a) {
                APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
                if (a.get("jwt") instanceof Map<?, ?> j) {
                    APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
                    jwt.setClaims(stringMap(j.get("claims")));
                    jwt.setScopes(strings(j.get("scopes")));
                    authorizer.setJwt(jwt);
                }
                if (a.get("lambda") instanceof Map<?, ?> l) {
                    authorizer.setLambda((Map<String, Object>) l);
                }
                rc.setAuthorizer(authorizer);
            }
            e.setRequestContext(rc);
        }
        return e;
    }

    private static String str(Object o) {
        return o == null ? null : o instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : o.toString();
    }

    private static List<String> strings(Object o) {
        if (!(o instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(str(x)));
        return out;
    }

    private static Map<String, String> stringMap(Object o) {
        if (!(o instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), str(v)));
        return out;
    }

    /** Just enough JSON for the sample events: objects, arrays, strings, numbers, true/false/null. */
    private static final class JsonReader {
        private final String s;
        private int i;

        JsonReader(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    Map<String, Object> m = new LinkedHashMap<>();
                    i++;
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        skip();
                        String k = string();
                        skip();
                        expect(':');
                        m.put(k, value());
                        skip();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    List<Object> l = new ArrayList<>();
                    i++;
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skip();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                default:
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    return Double.parseDouble(s.substring(start, i));
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("Expected '" + c + "' at " + i + " of the event");
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
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
