package org.multimedia.infrastructure.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.multimedia.infrastructure.emulator.ReliabilityReport;
import org.multimedia.infrastructure.emulator.Template;
import org.multimedia.infrastructure.local.LocalSystem;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code infrastructure/benchmarks/load-test}: a sustained mixed load on the local system (its own moto),
 * through HTTP like the website: each virtual user signs up, reads its code from the dev mailbox,
 * verifies, logs in, lists the videos, downloads one and subscribes, then starts again with a new
 * address, for the whole duration (closed loop: as many virtual users as it takes to keep the
 * emulator busy; the rate is whatever it sustains). Then every account is checked: its Cognito
 * user confirmed exactly when its verify answered 200, its subscription exactly when subscribe
 * answered 200, as many download records as links handed out. Prints, and writes the figures to
 * target/reliability/RELIABILITY.md ({@link ReliabilityReport}) with the machine they came from.
 * Not part of CI.
 */
public final class LoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final String PASSWORD = "Correct-Horse-9load";

    private final URI base;
    private final HttpClient http;
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final List<Account> accounts = Collections.synchronizedList(new ArrayList<>());
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final AtomicInteger serial = new AtomicInteger();

    /** What the load did to one account, to check afterwards. */
    private static final class Account {
        final String email;
        volatile boolean verified;
        volatile boolean subscribed;
        volatile int downloads;
        volatile String sub;

        Account(String email) {
            this.email = email;
        }
    }

    private LoadTest(URI base, int users) {
        this.base = base;
        this.http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(users * 2)).build();
    }

    /** The machine's 1-minute load average when the run started (other work on it skews the figures). */
    private static String loadBefore;

    public static void main(String[] args) throws Exception {
        try {
            loadBefore = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException ignored) {
            // not Linux
        }
        int seconds = intArg(args, "--seconds", 120);
        int users = intArg(args, "--users", 12);
        System.err.println("load-test: starting the local system (its own moto)...");
        try (LocalSystem system = LocalSystem.start(Template.locate(), 0)) {
            LoadTest load = new LoadTest(system.url(), users);
            System.err.printf("load-test: %d virtual users for %d s against %s%n", users, seconds, system.url());
            long start = System.nanoTime();
            load.drive(users, Duration.ofSeconds(seconds));
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.err.println("load-test: checking every account...");
            List<String> inconsistent = load.check(system);
            String report = load.report(users, seconds, elapsed, inconsistent);
            System.out.println(report);
            ReliabilityReport.section("load", report);
            System.err.println("load-test: written to " + ReliabilityReport.file());
            if (!inconsistent.isEmpty()) {
                System.exit(1);
            }
        }
        System.exit(0);
    }

    private void drive(int users, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        for (int i = 0; i < users; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        journey();
                    } catch (RuntimeException | IOException e) {
                        errors.computeIfAbsent("journey", k -> new AtomicInteger()).incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
    }

    /** One visitor: sign-up → code → verify → login → list → download → subscribe. */
    private void journey() throws IOException, InterruptedException {
        Account account = new Account("load-" + run + "-" + serial.incrementAndGet() + "@example.com");
        accounts.add(account);
        if (call("POST /account/signup", post("/account/signup", Map.of("email", account.email, "password", PASSWORD), null), 202) == null) {
            return;
        }
        String code = awaitCode(account.email);
        if (code == null) {
            errors.computeIfAbsent("code never mailed", k -> new AtomicInteger()).incrementAndGet();
            return;
        }
        if (call("POST /account/verify", post("/account/verify", Map.of("email", account.email, "code", code,
                "password", PASSWORD), null), 200) == null) {
            return;
        }
        account.verified = true;
        JsonNode login = call("POST /account/login", post("/account/login", Map.of("email", account.email, "password", PASSWORD), null), 200);
        if (login == null) {
            return;
        }
        String token = login.get("accessToken").asText();
        account.sub = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("sub").asText();
        JsonNode page = call("GET /videos", HttpRequest.newBuilder(base.resolve("/videos?limit=5")).GET(), 200);
        if (page == null || page.get("items").isEmpty()) {
            return;
        }
        String video = page.get("items").get(0).get("id").asText();
        JsonNode terms = call("GET /terms", HttpRequest.newBuilder(base.resolve("/terms")).GET(), 200);
        if (terms == null || call("PUT /account/terms", post("/account/terms", Map.of("version", terms.get("version").asText()), token)
                .method("PUT", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("version", terms.get("version").asText())))), 200) == null) {
            return;
        }
        if (call("POST /videos/{id}/download", post("/videos/" + video + "/download", Map.of(), token), 200) != null) {
            account.downloads++;
        }
        if (call("PUT /newsletter/subscription", HttpRequest.newBuilder(base.resolve("/newsletter/subscription"))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.noBody()), 200) != null) {
            account.subscribed = true;
        }
    }

    private String awaitCode(String email) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> mail = http.send(HttpRequest.newBuilder(base.resolve("/_dev/mail?to="
                    + URLEncoder.encode(email, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            if (mail.statusCode() == 200) {
                for (JsonNode m : JSON.readTree(mail.body())) {
                    Matcher code = CODE.matcher(m.get("subject").asText());
                    if (code.find()) {
                        return code.group(1);
                    }
                }
            }
            Thread.sleep(200);
        }
        return null;
    }

    private HttpRequest.Builder post(String path, Object body, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** Sends, times, and counts an unexpected status (or no answer) as an error; the body when as expected. */
    private JsonNode call(String endpoint, HttpRequest.Builder request, int expected) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            latencies.computeIfAbsent(endpoint, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add((System.nanoTime() - start) / 1_000);
            if (response.statusCode() != expected) {
                errors.computeIfAbsent(endpoint + " " + response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                return null;
            }
            return response.body() == null || response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            errors.computeIfAbsent(endpoint + " no answer", k -> new AtomicInteger()).incrementAndGet();
            return null;
        }
    }

    /** Cognito user ⇔ verify, subscription ⇔ subscribe, download records ⇔ links. */
    private List<String> check(LocalSystem system) {
        List<String> problems = new ArrayList<>();
        String pool = system.stack().userPoolId();
        String subscriptions = system.stack().physicalId("SubscriptionsTable");
        String downloads = system.stack().physicalId("DownloadsTable");
        try (CognitoIdentityProviderClient cognito = system.aws().client(CognitoIdentityProviderClient.builder());
             DynamoDbClient dynamo = system.aws().client(DynamoDbClient.builder())) {
            for (Account account : new ArrayList<>(accounts)) {
                UserStatusType status;
                try {
                    AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(pool).username(account.email));
                    status = user.userStatus();
                } catch (UserNotFoundException e) {
                    status = null;
                }
                if (account.verified && status != UserStatusType.CONFIRMED) {
                    problems.add(account.email + ": verified (200) but Cognito says " + status);
                }
                if (!account.verified && status == UserStatusType.CONFIRMED) {
                    problems.add(account.email + ": confirmed in Cognito without a 200 verify");
                }
                var item = dynamo.getItem(r -> r.tableName(subscriptions).key(Map.of("email", AttributeValue.fromS(account.email)))).item();
                boolean subscribed = item != null && item.containsKey("subscribed") && Boolean.TRUE.equals(item.get("subscribed").bool());
                if (subscribed != account.subscribed) {
                    problems.add(account.email + ": subscribe answered " + (account.subscribed ? "200" : "no 200")
                            + " but the subscription is " + (subscribed ? "on" : "off"));
                }
                if (account.sub != null) {
                    int recorded = dynamo.query(r -> r.tableName(downloads).keyConditionExpression("#s = :s")
                            .expressionAttributeNames(Map.of("#s", "sub"))
                            .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(account.sub)))).count();
                    if (recorded != account.downloads) {
                        problems.add(account.email + ": " + account.downloads + " links, " + recorded + " download records");
                    }
                }
            }
        }
        return problems;
    }

    private String report(int users, int seconds, double elapsed, List<String> inconsistent) {
        long requests = latencies.values().stream().mapToLong(List::size).sum();
        long failed = errors.entrySet().stream().filter(e -> !e.getKey().equals("journey"))
                .mapToLong(e -> e.getValue().get()).sum();
        StringBuilder md = new StringBuilder("## Load (last run of `infrastructure/benchmarks/load-test`)\n\n");
        md.append(String.format(Locale.ROOT, "%s, %d s, %d virtual users (closed loop: each runs sign-up → code from the "
                        + "dev mailbox → verify → login → list → download → subscribe, again and again), against the local "
                        + "system and its own moto on %s.%n%n", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                seconds, users, machine()));
        md.append(String.format(Locale.ROOT, "%d requests in %.0f s: **%.1f requests/s**, %d errors (**%.2f %%**); "
                        + "%d accounts created; afterwards %d inconsistent (Cognito user ⇔ verify, subscription ⇔ subscribe, "
                        + "download records ⇔ links).%n%n", requests, elapsed, requests / elapsed, failed,
                requests == 0 ? 0.0 : 100.0 * failed / requests, accounts.size(), inconsistent.size()));
        md.append("| Endpoint | Requests | p50 | p99 | max |\n|---|---|---|---|---|\n");
        new java.util.TreeMap<>(latencies).forEach((endpoint, list) -> {
            List<Long> sorted;
            synchronized (list) {
                sorted = new ArrayList<>(list);
            }
            Collections.sort(sorted);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", endpoint, sorted.size(),
                    percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0));
        });
        if (!errors.isEmpty()) {
            md.append("\nErrors: ");
            Map<String, Integer> byKind = new LinkedHashMap<>();
            errors.forEach((k, v) -> byKind.put(k, v.get()));
            md.append(byKind).append('\n');
        }
        inconsistent.stream().limit(20).forEach(p -> md.append("\n- ").append(p));
        return md.toString();
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceAll(".*:\\s*", "")).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        String moto = "moto";
        try {
            Process version = new ProcessBuilder("python3", "-c", "import moto; print(moto.__version__)").redirectErrorStream(true).start();
            moto = "moto " + new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException ignored) {
            // unknown
        }
        String load = "";
        try {
            load = ", load average before the run " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException ignored) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%d cores (%s), %s %s, Java %s, %s%s", Runtime.getRuntime().availableProcessors(),
                cpu, System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"), moto,
                loadBefore == null ? load : ", load average before the run " + loadBefore);
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
