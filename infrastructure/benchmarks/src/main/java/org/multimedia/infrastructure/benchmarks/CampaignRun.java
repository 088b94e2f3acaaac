package org.multimedia.infrastructure.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.multimedia.infrastructure.local.LocalSystem;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Benchmark 4: a campaign to N subscribers (default 10,000) on the local system. The subscribers
 * are written straight into the subscriptions table (as confirmed sign-ups with the newsletter
 * would be); a marketing user creates the campaign over HTTP; the local system's queue pollers
 * run the page worker and the send worker (one container each, as locally every queue has one
 * poller) until the campaign says "sent". Then moto's record of sent mail is read: every
 * subscriber must have exactly one message. Reports the time until sent, the rate, the worker
 * invocations (batches) and the exactly-once check. The send rate is the template parameter
 * NewsletterSendsPerSecond, set here so that the emulator, not the pacing, is the limit (see the report).
 */
final class CampaignRun {

    private CampaignRun() {
    }

    static Map<String, Object> run(LocalSystem system, int subscribers, double sendsPerSecond, Duration timeout) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subscribers", subscribers);
        out.put("configuredSendsPerSecond", sendsPerSecond);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        String domain = "c" + run + ".bench.example";
        long t0 = System.nanoTime();
        writeSubscribers(system, subscribers, domain);
        out.put("subscribersWrittenSeconds", Stats.round((System.nanoTime() - t0) / 1e9));

        Api api = new Api(system);
        String token = api.confirmedUserToken("bench-marketing-" + run + "@example.com", "marketing");
        Map<String, AtomicLong> invocations = new ConcurrentHashMap<>();
        Map<String, AtomicLong> busyNanos = new ConcurrentHashMap<>();
        HandlerTimes.record(system, (function, t) -> {
            invocations.computeIfAbsent(function, f -> new AtomicLong()).incrementAndGet();
            busyNanos.computeIfAbsent(function, f -> new AtomicLong()).addAndGet(t[0]);
        });
        String campaignId = "bench-" + run;
        long start = System.nanoTime();
        Api.Answer created = api.send("POST", "/newsletter/campaigns", Map.of("campaignId", campaignId,
                "subject", "Benchmark " + run, "html", "<p>Hello from the benchmark</p>", "text", "Hello from the benchmark",
                "language", "en"), token);
        if (created.status() != 202) {
            throw new IllegalStateException("Campaign not created: " + created.status() + " " + created.body());
        }
        JsonNode status = null;
        long deadline = start + timeout.toNanos();
        long lastPrint = 0;
        while (System.nanoTime() < deadline) {
            status = api.send("GET", "/newsletter/campaigns/" + campaignId, null, token).json();
            if ("sent".equals(status.path("status").asText())) {
                break;
            }
            if (System.nanoTime() - lastPrint > 15e9) {
                System.err.printf("Campaign: %s after %.0f s%n", status, (System.nanoTime() - start) / 1e9);
                lastPrint = System.nanoTime();
            }
            Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        HandlerTimes.record(system, null);
        boolean finished = status != null && "sent".equals(status.path("status").asText());
        out.put("finished", finished);
        out.put("timeoutSeconds", timeout.toSeconds());
        out.put("secondsUntilSent", finished ? Stats.round(seconds) : null);
        out.put("secondsMeasured", Stats.round(seconds));
        out.put("campaignStatus", status == null ? null : Api.JSON.convertValue(status, Map.class));
        long sent = status == null ? 0 : status.path("sent").asLong();
        out.put("sendsPerSecond", Stats.round(sent / seconds));
        Map<String, Object> workers = new LinkedHashMap<>();
        invocations.forEach((function, n) -> workers.put(function, Map.of("invocations", n.get(),
                "busySeconds", Stats.round(busyNanos.get(function).get() / 1e9))));
        out.put("workers", workers);
        out.put("delivery", deliveries(system, domain, subscribers));
        return out;
    }

    /**
     * N subscribers of the English list, in batches of 25, each with its confirmed identity in the
     * pool (admin API, 8 at a time; its {@code sub} on the row): the send worker mails a
     * subscription only while the identity that subscribed exists (issue 19 item 6).
     */
    private static void writeSubscribers(LocalSystem system, int n, String domain) {
        String table = system.stack().physicalId("SubscriptionsTable");
        String pool = system.stack().userPoolId();
        byte[] id = new byte[16];
        java.util.Random random = new java.util.Random(n);
        String[] subs = new String[n];
        try (CognitoIdentityProviderClient cognito = system.aws().client(CognitoIdentityProviderClient.builder())) {
            java.util.concurrent.ForkJoinPool workers = new java.util.concurrent.ForkJoinPool(8);
            try {
                workers.submit(() -> java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                    String email = address(i, domain);
                    subs[i] = cognito.adminCreateUser(r -> r.userPoolId(pool).username(email).messageAction("SUPPRESS")
                                    .userAttributes(a -> a.name("email").value(email), a -> a.name("email_verified").value("true")))
                            .user().attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
                })).get();
            } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("creating the subscribers' identities", e);
            } finally {
                workers.shutdown();
            }
        }
        try (DynamoDbClient dynamo = system.aws().client(DynamoDbClient.builder())) {
            for (int from = 0; from < n; from += 25) {
                List<WriteRequest> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 25); i++) {
                    random.nextBytes(id);
                    Map<String, AttributeValue> item = new HashMap<>();
                    item.put("email", AttributeValue.fromS(address(i, domain)));
                    item.put("subscribed", AttributeValue.fromBool(true));
                    item.put("language", AttributeValue.fromS("en"));
                    item.put("listLanguage", AttributeValue.fromS("en"));
                    item.put("subscriberId", AttributeValue.fromS(Base64.getUrlEncoder().withoutPadding().encodeToString(id)));
                    item.put("consentAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
                    item.put("consentSource", AttributeValue.fromS("benchmark"));
                    item.put("consentLanguage", AttributeValue.fromS("en"));
                    item.put("sub", AttributeValue.fromS(subs[i]));
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                }
                Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
                    pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                }
            }
        }
    }

    private static String address(int i, String domain) {
        return "sub-" + i + "@" + domain;
    }

    /** Messages per subscriber in moto's record of sent raw mail: exactly one each? */
    private static Map<String, Object> deliveries(LocalSystem system, String domain, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
                        URI.create(system.aws().endpoint().toString().replaceAll("/+$", "") + "/moto-api/data.json"))
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
        Map<String, Object> out = new LinkedHashMap<>();
        if (response.statusCode() != 200) {
            out.put("error", "moto-api/data.json answered " + response.statusCode());
            return out;
        }
        JsonNode raw = Api.JSON.readTree(response.body()).path("ses").path("RawMessage");
        Map<String, Integer> perAddress = new HashMap<>();
        String suffix = "@" + domain;
        for (JsonNode message : raw) {
            Set<String> to = new HashSet<>(); // moto may list a destination twice in one message
            message.path("destinations").forEach(a -> to.add(a.asText().toLowerCase(Locale.ROOT)));
            for (String address : to) {
                if (address.endsWith(suffix)) {
                    perAddress.merge(address, 1, Integer::sum);
                }
            }
        }
        long once = perAddress.values().stream().filter(c -> c == 1).count();
        long more = perAddress.values().stream().filter(c -> c > 1).count();
        out.put("subscribersWithExactlyOne", once);
        out.put("subscribersWithMoreThanOne", more);
        out.put("subscribersWithNone", n - perAddress.size());
        out.put("exactlyOnceForEveryone", once == n && more == 0);
        return out;
    }
}
