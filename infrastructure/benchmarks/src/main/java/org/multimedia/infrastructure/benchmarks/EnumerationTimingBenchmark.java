package org.multimedia.infrastructure.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;

import org.multimedia.core.FunctionContexts;
import org.multimedia.infrastructure.emulator.Template;
import org.multimedia.infrastructure.local.LocalSystem;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * Can known and unknown addresses be told apart by time? Starts the local system (template.yaml,
 * moto, the mail worker polling its queue), then times the sign-up, resend, forgot and login
 * handlers in-process (each as its own warm container with its template environment: the
 * duration Lambda reports, without the local HTTP hop) on three interleaved series per kind:
 * known addresses, unknown ones, and a second unknown series whose difference from the first is
 * the noise. Every request has its own address and client IP, so no rate limit is reached.
 * See infrastructure/benchmarks/README.md.
 */
public final class EnumerationTimingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String PASSWORD = "Correct-Horse7battery";
    private static final String WRONG_PASSWORD = "Wrong-Horse7battery";
    private static final List<String> KINDS = List.of("signup", "resend", "forgot", "login");
    private static final List<String> SERIES = List.of("known", "unknown", "unknown2");

    private record Kind(String name, String function, String handlerClass, String path, int expected) {
    }

    private static final Map<String, Kind> KIND = Map.of(
            "signup", new Kind("signup", "SignUpFunction", "org.multimedia.account.SignUpHandler", "/account/signup", 202),
            "resend", new Kind("resend", "ResendVerificationFunction", "org.multimedia.account.ResendVerificationHandler",
                    "/account/verify/resend", 202),
            "forgot", new Kind("forgot", "ForgotPasswordFunction", "org.multimedia.account.ForgotPasswordHandler",
                    "/account/password/forgot", 202),
            "login", new Kind("login", "LoginFunction", "org.multimedia.account.LoginHandler", "/account/login", 401));

    private EnumerationTimingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 200;
        int warmups = 20;
        Path results = Path.of("infrastructure/benchmarks/target/results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        long started = System.nanoTime();
        try (LocalSystem system = LocalSystem.start(Template.locate(), 0)) {
            Map<String, Object> report = run(system, requests, warmups);
            report.put("totalSeconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
            Files.createDirectories(results);
            Path file = results.resolve("enumeration-timing-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + ".json");
            JSON.writeValue(file.toFile(), report);
            System.out.println("Results: " + file);
        }
        System.exit(0);
    }

    /** The origin secret CloudFront adds to every API request: the functions refuse a request without it. */
    private static String originSecret;

    private static Map<String, Object> run(LocalSystem system, int requests, int warmups) throws Exception {
        try (var secrets = system.aws().client(software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder())) {
            originSecret = secrets.getSecretValue(r -> r.secretId(system.stack().physicalId("OriginSecret"))).secretString();
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        int total = requests + warmups;
        Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new HashMap<>();
        List<ApplicationContext> contexts = new ArrayList<>();
        for (Kind kind : KIND.values()) {
            // A resend right after the sign-up that made the pending account would hit the 60 s
            // cooldown: the resend container gets a 1 s one (the same work otherwise).
            Map<String, String> extra = kind.name().equals("resend") ? Map.of("CODES_RESEND_COOLDOWN", "1s") : Map.of();
            ApplicationContext context = context(system, kind.function(), extra);
            contexts.add(context);
            handlers.put(kind.name(), handler(kind.handlerClass(), context));
        }

        System.out.printf("Setting up %d confirmed and %d pending accounts...%n", total, total);
        String pool = system.stack().userPoolId();
        try (CognitoIdentityProviderClient cognito = system.aws().client(CognitoIdentityProviderClient.builder())) {
            for (int i = 0; i < total; i++) {
                String email = address(run, "confirmed", i);
                cognito.adminCreateUser(r -> r.userPoolId(pool).username(email).messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(AttributeType.builder().name("email").value(email).build(),
                                AttributeType.builder().name("email_verified").value("true").build(),
                                AttributeType.builder().name("locale").value("en").build()));
                cognito.adminSetUserPassword(r -> r.userPoolId(pool).username(email).password(PASSWORD).permanent(true));
            }
        }
        for (int i = 0; i < total; i++) {
            APIGatewayV2HTTPResponse pending = handlers.get("signup").handleRequest(event("/account/signup",
                    Map.of("email", address(run, "pending", i), "password", PASSWORD), ip(9, i)), null);
            if (pending.getStatusCode() != 202) {
                throw new IllegalStateException("Setup sign-up answered " + pending.getStatusCode() + ": " + pending.getBody());
            }
        }
        Thread.sleep(1200); // past the resend container's cooldown

        Map<String, Map<String, List<Double>>> times = new LinkedHashMap<>();
        Map<String, Map<String, Map<Integer, Integer>>> statuses = new LinkedHashMap<>();
        for (String kind : KINDS) {
            times.put(kind, new LinkedHashMap<>());
            statuses.put(kind, new LinkedHashMap<>());
            for (String series : SERIES) {
                times.get(kind).put(series, new ArrayList<>());
                statuses.get(kind).put(series, new TreeMap<>());
            }
        }
        System.out.printf("Timing %d requests per kind and series (%d warm-ups discarded), interleaved...%n", requests, warmups);
        Random order = new Random(7);
        int client = 0;
        for (int i = 0; i < total; i++) {
            for (String kind : KINDS) {
                List<String> series = new ArrayList<>(SERIES);
                Collections.shuffle(series, order);
                for (String s : series) {
                    String email = switch (s) {
                        case "known" -> address(run, kind.equals("resend") ? "pending" : "confirmed", i);
                        default -> address(run, s + "-" + kind, i);
                    };
                    Map<String, Object> body = switch (kind) {
                        case "signup" -> Map.of("email", email, "password", PASSWORD);
                        case "login" -> Map.of("email", email, "password", WRONG_PASSWORD);
                        default -> Map.of("email", email);
                    };
                    APIGatewayV2HTTPEvent event = event(KIND.get(kind).path(), body, ip(10, client++));
                    long before = System.nanoTime();
                    APIGatewayV2HTTPResponse response = handlers.get(kind).handleRequest(event, null);
                    double millis = (System.nanoTime() - before) / 1e6;
                    if (i >= warmups) {
                        times.get(kind).get(s).add(millis);
                        statuses.get(kind).get(s).merge(response.getStatusCode(), 1, Integer::sum);
                    }
                }
            }
        }
        contexts.forEach(ApplicationContext::close);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("what", "handler duration in-process against moto (ms), known vs unknown addresses; noise = unknown2 - unknown");
        report.put("requestsPerSeries", requests);
        report.put("warmupsDiscarded", warmups);
        report.put("processors", Runtime.getRuntime().availableProcessors());
        Map<String, Object> kinds = new LinkedHashMap<>();
        System.out.printf("%n%-7s %-9s %8s %8s   %s%n", "kind", "series", "median", "p90", "statuses");
        for (String kind : KINDS) {
            Map<String, Object> k = new LinkedHashMap<>();
            for (String s : SERIES) {
                List<Double> sample = times.get(kind).get(s);
                k.put(s, Map.of("medianMs", round(percentile(sample, 50)), "p90Ms", round(percentile(sample, 90)),
                        "statuses", statuses.get(kind).get(s)));
                System.out.printf("%-7s %-9s %8.2f %8.2f   %s%n", kind, s, percentile(sample, 50), percentile(sample, 90),
                        statuses.get(kind).get(s));
            }
            double difference = percentile(times.get(kind).get("known"), 50) - percentile(times.get(kind).get("unknown"), 50);
            double noise = percentile(times.get(kind).get("unknown2"), 50) - percentile(times.get(kind).get("unknown"), 50);
            k.put("knownMinusUnknownMedianMs", round(difference));
            k.put("noiseMedianMs", round(noise));
            System.out.printf("%-7s known - unknown = %+.2f ms   noise (unknown2 - unknown) = %+.2f ms   expected status %d%n%n",
                    kind, difference, noise, KIND.get(kind).expected());
            kinds.put(kind, k);
        }
        report.put("kinds", kinds);
        return report;
    }

    private static ApplicationContext context(LocalSystem system, String function, Map<String, String> extra) {
        Map<String, Object> env = new LinkedHashMap<>(system.stack().functionEnvironment(function));
        env.put("AWS_REGION", system.aws().region());
        env.put("AWS_ENDPOINT_URL", system.aws().endpoint().toString());
        env.putAll(extra);
        return FunctionContexts.builder() // as on Lambda
                .propertySources(PropertySource.of("template-env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start();
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String type, ApplicationContext context)
            throws ReflectiveOperationException {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(type)
                .getConstructor(ApplicationContext.class).newInstance(context);
    }

    private static String address(String run, String series, int i) {
        return (series + "-" + run + "-" + i + "@bench.example").toLowerCase(Locale.ROOT);
    }

    private static String ip(int first, int n) {
        return first + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    private static APIGatewayV2HTTPEvent event(String path, Map<String, Object> body, String sourceIp) throws IOException {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("POST " + path);
        event.setRawPath(path);
        event.setRawQueryString("");
        event.setHeaders(new HashMap<>(Map.of("content-type", "application/json", "x-forwarded-for", sourceIp,
                "x-origin-verify", originSecret)));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp(sourceIp);
        context.setHttp(http);
        context.setRequestId(java.util.UUID.randomUUID().toString());
        context.setRouteKey("POST " + path);
        context.setStage("$default");
        event.setRequestContext(context);
        event.setBody(JSON.writeValueAsString(body));
        event.setIsBase64Encoded(false);
        return event;
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
