package org.multimedia.identity;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One structured JSON line per authentication event, alone on its line (CloudWatch Logs
 * Insights parses it as JSON). The address appears only hashed (enough to follow one address
 * through the logs); passwords, codes and tokens never appear.
 */
@Singleton
public class AuthEvents {

    private static final Logger LOG = LoggerFactory.getLogger(AuthEvents.class);

    private final JsonMapper json;
    private final Clock clock;

    public AuthEvents(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Metric: a client used up its wrong-code budget (an alarm watches it). */
    public static final String WRONG_CODE_BUDGET_EXHAUSTED = "WrongCodeBudgetExhausted";
    static final String METRICS_NAMESPACE = "MultimediaAccount";

    /**
     * A count of 1 in CloudWatch's embedded metric format: Lambda's log line becomes a metric
     * without an API call.
     */
    public void metric(String name) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", METRICS_NAMESPACE, "Dimensions", List.of(List.of()),
                "Metrics", List.of(Map.of("Name", name, "Unit", "Count"))))));
        line.put(name, 1);
        print(line, name);
    }

    public void record(String event, String outcome, EmailAddress email) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("event", event);
        line.put("outcome", outcome);
        line.put("subject", addressHash(email));
        print(line, event);
    }

    private void print(Map<String, Object> line, String what) {
        try {
            System.out.println(new String(json.writeValueAsBytes(line), StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("Could not write the log line {}", what);
        }
    }

    static String addressHash(EmailAddress email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
