package org.multimedia.infrastructure.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.multimedia.infrastructure.local.LocalSystem;

/**
 * Benchmark 3: the warm path through the local gateway (HTTP on loopback, payload 2.0 events, the
 * JWT authorizer emulation) with 1, 8 and 32 concurrent clients, for two flows:
 * <ul>
 *   <li><b>sign-up + verify</b>: POST /account/signup (a new address each time) then
 *       POST /account/verify with a wrong code (400 invalid_code: the verify path up to the code
 *       check; the right code only exists in the mail, which is outside the measured path);</li>
 *   <li><b>download URL</b>: POST /videos/{id}/download by a confirmed user (200, a signed URL).</li>
 * </ul>
 * For each: requests per second, client latency p50/p99, and from the gateway's own recorder
 * the handlers' wall and CPU time per invocation. The gateway's own cost is client p50 minus
 * handler p50 with one client. Like Lambda, a local function handles one event at a time, so
 * concurrency beyond 1 queues per function (Lambda would add containers).
 */
final class GatewayLoad {

    private GatewayLoad() {
    }

    static Map<String, Object> run(LocalSystem system, List<Integer> concurrencies, double seconds) throws Exception {
        Api api = new Api(system);
        String token = api.confirmedUserToken("bench-downloader@example.com");
        String terms = api.send("GET", "/terms", null, null).json().path("version").asText();
        api.send("PUT", "/account/terms", Map.of("version", terms), token); // downloads need the conditions accepted
        Api.Answer videos = api.send("GET", "/videos?limit=1", null, null);
        String videoId = videos.json().path("items").path(0).path("id").asText();
        if (videoId.isEmpty()) {
            throw new IllegalStateException("No video in the catalogue: " + videos.body());
        }
        AtomicLong addresses = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        Map<String, Flow> flows = new LinkedHashMap<>();
        flows.put("sign-up + verify", () -> {
            String email = "bench-" + run + "-" + addresses.incrementAndGet() + "@example.com";
            return List.of(
                    new Step("SignUpFunction", () -> api.send("POST", "/account/signup", Map.of("email", email, "password", Api.PASSWORD), null)),
                    new Step("VerifyEmailFunction", () -> api.send("POST", "/account/verify",
                            Map.of("email", email, "code", "000000", "password", Api.PASSWORD), null)));
        });
        flows.put("download URL", () -> List.of(new Step("DownloadVideoFunction",
                () -> api.send("POST", "/videos/" + videoId + "/download", Map.of(), token))));

        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Flow> flow : flows.entrySet()) {
            Map<String, Object> byConcurrency = new LinkedHashMap<>();
            for (int clients : concurrencies) {
                System.err.printf("Gateway: %s, %d client(s), %.0f s%n", flow.getKey(), clients, seconds);
                measure(system, flow.getValue(), clients, Math.min(1.0, seconds / 2), new ConcurrentHashMap<>()); // warm-up
                byConcurrency.put(Integer.toString(clients), measure(system, flow.getValue(), clients, seconds, new ConcurrentHashMap<>()));
            }
            out.put(flow.getKey(), byConcurrency);
        }
        return out;
    }

    /** One iteration of a flow: its requests in order, each named by the function that answers it. */
    interface Flow {
        List<Step> once();
    }

    record Step(String function, java.util.function.Supplier<Api.Answer> call) {
    }

    private static Map<String, Object> measure(LocalSystem system, Flow flow, int clients, double seconds,
                                               Map<String, ConcurrentLinkedQueue<long[]>> invocations) throws InterruptedException {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        Map<String, ConcurrentLinkedQueue<Double>> byFunction = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        HandlerTimes.record(system, (function, t) -> invocations.computeIfAbsent(function, f -> new ConcurrentLinkedQueue<>()).add(t));
        long processCpu0 = processCpuNanos();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    for (Step step : flow.once()) {
                        long t0 = System.nanoTime();
                        Api.Answer a = step.call().get();
                        double ms = (System.nanoTime() - t0) / 1e6;
                        latencies.add(ms);
                        byFunction.computeIfAbsent(step.function(), f -> new ConcurrentLinkedQueue<>()).add(ms);
                        statuses.computeIfAbsent(a.status(), s -> new AtomicLong()).incrementAndGet();
                    }
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long processCpu = processCpuNanos() - processCpu0;
        HandlerTimes.record(system, null);

        Map<String, Object> r = new LinkedHashMap<>();
        List<Double> l = new ArrayList<>(latencies);
        r.put("requests", l.size());
        r.put("seconds", Stats.round(elapsed));
        r.put("requestsPerSecond", Stats.round(l.size() / elapsed));
        r.put("p50Ms", Stats.round(Stats.percentile(l, 50)));
        r.put("p99Ms", Stats.round(Stats.percentile(l, 99)));
        Map<String, Long> status = new TreeMap<>();
        statuses.forEach((k, v) -> status.put(Integer.toString(k), v.get()));
        r.put("statuses", status);
        Map<String, Object> handlers = new LinkedHashMap<>();
        invocations.forEach((function, times) -> {
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (long[] t : times) {
                wall.add(t[0] / 1e6);
                if (t[1] >= 0) {
                    cpu.add(t[1] / 1e6);
                }
            }
            Map<String, Object> h = new LinkedHashMap<>();
            List<Double> client = new ArrayList<>(byFunction.getOrDefault(function, new ConcurrentLinkedQueue<>()));
            h.put("clientP50Ms", Stats.round(Stats.percentile(client, 50)));
            h.put("clientP99Ms", Stats.round(Stats.percentile(client, 99)));
            h.put("invocations", wall.size());
            h.put("wallP50Ms", Stats.round(Stats.percentile(wall, 50)));
            h.put("wallP99Ms", Stats.round(Stats.percentile(wall, 99)));
            h.put("cpuP50Ms", Stats.round(Stats.percentile(cpu, 50)));
            h.put("cpuMeanMs", Stats.round(cpu.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
            if (clients == 1 && !client.isEmpty()) {
                // What the client waited beyond the handler: HTTP on loopback, the event, the JWT check.
                h.put("gatewayAddsP50Ms", Stats.round(Stats.percentile(client, 50) - Stats.percentile(wall, 50)));
            }
            handlers.put(function, h);
        });
        r.put("handlers", handlers);
        // The benchmark process holds moto's clients too: only the whole process's CPU per request is known here.
        r.put("processCpuPerRequestMs", Stats.round(processCpu / 1e6 / Math.max(1, l.size())));
        return r;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
