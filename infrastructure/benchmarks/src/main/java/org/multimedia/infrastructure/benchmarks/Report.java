package org.multimedia.infrastructure.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report of one run of {@link PerformanceBenchmark} (the JSON beside it has every sample). */
final class Report {

    private Report() {
    }

    static String markdown(Map<String, Object> r, String jsonName, String pngName) {
        StringBuilder b = new StringBuilder();
        Map<String, Object> machine = map(r.get("machine"));
        b.append("# Performance run ").append(r.get("started"));
        if (r.get("label") instanceof String label && !label.isBlank()) {
            b.append(" — ").append(label);
        }
        b.append("\n\n");
        b.append(String.format(Locale.ROOT, "Machine: %s CPUs (%s), %s, %s. Load average (1/5/15 min) at start `%s`, at end `%s`. "
                        + "Run took %.0f s. Raw samples: `%s`.%n%n",
                machine.get("cpus"), machine.getOrDefault("cpu", "?"), machine.get("java"), machine.get("os"),
                r.get("loadAverageAtStart"), r.get("loadAverageAtEnd"), num(r.get("durationSeconds")), jsonName));
        Map<String, Object> options = map(r.get("options"));
        if (!String.valueOf(options.get("javaOptionsAdded")).isBlank()) {
            b.append("JAVA_TOOL_OPTIONS added to the template's: `").append(options.get("javaOptionsAdded")).append("`\n\n");
        }
        if (r.get("coldStart") != null) {
            coldStart(b, map(r.get("coldStart")), options, pngName);
        }
        if (r.get("gateway") != null) {
            gateway(b, map(r.get("gateway")));
        }
        if (r.get("campaign") != null) {
            campaign(b, map(r.get("campaign")));
        }
        if (r.get("jar") != null || r.get("coldStart") != null) {
            jar(b, r.get("jar") == null ? null : map(r.get("jar")), r.get("coldStart") == null ? null : map(r.get("coldStart")));
        }
        if (r.get("failures") instanceof List<?> failures && !failures.isEmpty()) {
            b.append("## Failures\n\n");
            failures.forEach(f -> b.append("- ").append(f).append('\n'));
        }
        return b.toString();
    }

    private static void coldStart(StringBuilder b, Map<String, Object> cold, Map<String, Object> options, String pngName) {
        Map<String, Object> summary = map(cold.get("summary"));
        Map<String, Object> subjects = map(cold.get("subjects"));
        double bare = median(summary, ColdStarts.BASELINE, "initFromLaunchMs");
        double plain = median(summary, ColdStarts.PLAIN, "toFirstResponseMs");
        b.append("## 1. Cold start per function (fresh JVMs, interleaved)\n\n");
        b.append(String.format(Locale.ROOT, "Medians over %s rounds for every function, %s for the bare JVM, the plain handler and sign-up. "
                        + "*To 1st response* = JVM launch to the first response (init + first request); *init* = launch to handler "
                        + "and serialisers built; *warm* = median of %s further requests; ratios are to the medians of the same run "
                        + "(a lever's row \"SignUpFunction + X\" to the plain handler with the same X).%n%n",
                options.get("samples"), options.get("ratioSamples"), options.get("warmRequests")));
        double signUp = median(summary, ColdStarts.SIGN_UP, "toFirstResponseMs");
        if (!Double.isNaN(signUp) && !Double.isNaN(plain)) {
            b.append(String.format(Locale.ROOT, "**Sign-up / plain handler (JVM start to first response): %.2f×** "
                            + "(%.0f ms / %.0f ms; goal ≤ 1.5×, stretch 1.25×).%n%n", signUp / plain, signUp, plain));
        }
        if (pngName != null) {
            b.append("![cold start per function](").append(pngName).append(")\n\n");
        }
        b.append("| subject | to 1st response ms | init ms | 1st request ms | warm ms | warm CPU ms | max RSS MB | × bare JVM (init) | × plain (to 1st response) | statuses |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        subjects.forEach((name, d) -> {
            if ("snapstart".equals(map(d).get("mode"))) {
                return;
            }
            Map<String, Object> row = map(summary.get(name));
            b.append("| ").append(name)
                    .append(" | ").append(cell(row, "toFirstResponseMs", 0))
                    .append(" | ").append(cell(row, "initFromLaunchMs", 0))
                    .append(" | ").append(cell(row, "firstRequestMs", 0))
                    .append(" | ").append(cell(row, "warmRequestMs", 1))
                    .append(" | ").append(cell(row, "warmCpuMs", 1))
                    .append(" | ").append(cell(row, "maxRssMb", 0))
                    .append(" | ").append(ratio(median(summary, name, "initFromLaunchMs"), bare))
                    .append(" | ").append(name.equals(ColdStarts.BASELINE) ? "-" : ratio(median(summary, name, "toFirstResponseMs"),
                            name.startsWith(ColdStarts.SIGN_UP + " + ") // a lever: against the plain handler with the same flags
                                    ? median(summary, ColdStarts.PLAIN + name.substring(ColdStarts.SIGN_UP.length()), "toFirstResponseMs") : plain))
                    .append(" | ").append(statuses(row)).append(" |\n");
        });
        b.append("\n## 2. SnapStart proxy (init, the CRaC hooks as SnapStart runs them, then requests)\n\n");
        b.append("*prime* = every registered resource's `beforeCheckpoint` (on AWS: before the snapshot, not felt by users); "
                + "*1st after priming* = the first request after `afterRestore`; goal: 1st / warm ≤ 1.5 for every function. "
                + "The cold 1st / warm of section 1 is beside it.\n\n");
        b.append("*handler only* leaves out the Lambda runtime's share, the event's JSON bound and the response written by "
                + "aws-lambda-java-serialization (its first use costs tens of ms after any restore and no hook of ours can prime it).\n\n");
        b.append("| function | prime ms | 1st after priming ms | warm ms | 1st / warm | ≤ 1.5? | handler only: 1st / warm ms | handler only: ratio | cold 1st / warm |\n|---|---|---|---|---|---|---|---|---|\n");
        int met = 0;
        int total = 0;
        for (Map.Entry<String, Object> e : subjects.entrySet()) {
            if (!"snapstart".equals(map(e.getValue()).get("mode"))) {
                continue;
            }
            Map<String, Object> row = map(summary.get(e.getKey()));
            String function = String.valueOf(map(e.getValue()).get("function"));
            double ratio = median(summary, e.getKey(), "firstOverWarm");
            total++;
            if (ratio <= 1.5) {
                met++;
            }
            b.append("| ").append(function)
                    .append(" | ").append(cell(row, "primeMs", 0))
                    .append(" | ").append(cell(row, "firstRequestMs", 1))
                    .append(" | ").append(cell(row, "warmRequestMs", 1))
                    .append(" | ").append(Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio))
                    .append(" | ").append(Double.isNaN(ratio) ? "-" : ratio <= 1.5 ? "yes" : "no")
                    .append(" | ").append(cell(row, "firstHandlerMs", 1)).append(" / ").append(cell(row, "warmHandlerMs", 1))
                    .append(" | ").append(cell(row, "firstHandlerOverWarm", 2))
                    .append(" | ").append(fmt(median(summary, function, "firstOverWarm"), 2)).append(" |\n");
        }
        b.append(String.format(Locale.ROOT, "%n%d of %d functions at or under 1.5×.%n%n", met, total));
    }

    private static void gateway(StringBuilder b, Map<String, Object> gateway) {
        b.append("## 3. Warm path through the local gateway\n\n");
        b.append("Requests per second over all clients, client latency per request, and per function the handler's own wall "
                + "and CPU time per invocation (recorded inside the gateway). *gateway adds* = client p50 − handler p50 with one "
                + "client (HTTP on loopback, the payload 2.0 event, the JWT check). A local function handles one event at a time, "
                + "as a Lambda container does, so more clients queue.\n\n");
        b.append("| flow | clients | req/s | p50 ms | p99 ms | function: handler p50 ms / CPU p50 ms / gateway adds p50 ms | statuses |\n|---|---|---|---|---|---|---|\n");
        gateway.forEach((flow, byClients) -> map(byClients).forEach((clients, v) -> {
            Map<String, Object> m = map(v);
            StringBuilder handlers = new StringBuilder();
            map(m.get("handlers")).forEach((function, h) -> {
                Map<String, Object> hm = map(h);
                handlers.append(handlers.length() == 0 ? "" : "; ").append(function.replaceFirst("Function$", ""))
                        .append(": ").append(fmt(num(hm.get("wallP50Ms")), 1)).append(" / ").append(fmt(num(hm.get("cpuP50Ms")), 2));
                if (hm.get("gatewayAddsP50Ms") != null) {
                    handlers.append(" / ").append(fmt(num(hm.get("gatewayAddsP50Ms")), 2));
                }
            });
            b.append("| ").append(flow).append(" | ").append(clients)
                    .append(" | ").append(fmt(num(m.get("requestsPerSecond")), 1))
                    .append(" | ").append(fmt(num(m.get("p50Ms")), 1))
                    .append(" | ").append(fmt(num(m.get("p99Ms")), 1))
                    .append(" | ").append(handlers)
                    .append(" | ").append(m.get("statuses")).append(" |\n");
        }));
        b.append('\n');
    }

    private static void campaign(StringBuilder b, Map<String, Object> c) {
        b.append("## 4. Campaign on the local system\n\n");
        Map<String, Object> delivery = map(c.get("delivery"));
        b.append("| subscribers | configured sends/s | time until sent | sends/s | worker invocations | exactly once for everyone |\n|---|---|---|---|---|---|\n");
        StringBuilder workers = new StringBuilder();
        map(c.get("workers")).forEach((f, w) -> workers.append(workers.length() == 0 ? "" : "; ").append(f.replaceFirst("Function$", ""))
                .append(" ").append(map(w).get("invocations")).append(" (busy ").append(map(w).get("busySeconds")).append(" s)"));
        b.append("| ").append(c.get("subscribers")).append(" | ").append(fmt(num(c.get("configuredSendsPerSecond")), 0))
                .append(" | ").append(Boolean.TRUE.equals(c.get("finished")) ? fmt(num(c.get("secondsUntilSent")), 1) + " s"
                        : "not sent within " + c.get("timeoutSeconds") + " s")
                .append(" | ").append(fmt(num(c.get("sendsPerSecond")), 1))
                .append(" | ").append(workers)
                .append(" | ").append(delivery.get("exactlyOnceForEveryone")).append(" (one: ").append(delivery.get("subscribersWithExactlyOne"))
                .append(", more: ").append(delivery.get("subscribersWithMoreThanOne")).append(", none: ").append(delivery.get("subscribersWithNone"))
                .append(") |\n\n");
        b.append("Campaign status at the end: `").append(c.get("campaignStatus")).append("`\n\n");
    }

    private static void jar(StringBuilder b, Map<String, Object> jar, Map<String, Object> cold) {
        b.append("## 5. The Lambda jar and the classes each function loads\n\n");
        if (jar != null) {
            b.append(String.format(Locale.ROOT, "`%s`: **%.1f MB**, %s classes (goal ≤ 25 MB). CloudFront URL signing from the jar alone: %s.%n%n",
                    jar.get("path"), num(jar.get("megabytes")), jar.get("classes"), jar.get("cloudFrontSigningFromJar")));
        }
        if (cold != null) {
            Map<String, Object> summary = map(cold.get("summary"));
            b.append("Classes loaded by the first response (JVM total, management classes included; the bare JVM's count is the floor):\n\n");
            b.append("| subject | classes |\n|---|---|\n");
            map(cold.get("subjects")).forEach((name, d) -> {
                if (!"snapstart".equals(map(d).get("mode"))) {
                    b.append("| ").append(name).append(" | ").append(fmt(median(summary, name, "classesLoaded"), 0)).append(" |\n");
                }
            });
            b.append('\n');
        }
    }

    // ------------------------------------------------------------------ helpers

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static double median(Map<String, Object> summary, String subject, String field) {
        return num(map(map(summary.get(subject)).get(field)).get("median"));
    }

    private static String cell(Map<String, Object> row, String field, int decimals) {
        Map<String, Object> s = map(row.get(field));
        if (s.isEmpty()) {
            return "-";
        }
        return fmt(num(s.get("median")), decimals);
    }

    private static String statuses(Map<String, Object> row) {
        Object failed = row.get("failedSamples");
        String s = row.get("statuses") instanceof List<?> l && !l.isEmpty() ? String.join(", ", l.stream().map(String::valueOf).toList()) : "-";
        return failed == null ? s : s + " **FAILED " + failed + "**";
    }

    private static String ratio(double value, double base) {
        return Double.isNaN(value) || Double.isNaN(base) || base == 0 ? "-" : String.format(Locale.ROOT, "%.2f", value / base);
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
