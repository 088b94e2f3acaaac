package org.multimedia.identity;

import jakarta.inject.Singleton;
import org.multimedia.core.EmbeddedMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * One structured log entry per authentication event, through the functions' logger: a JSON line
 * with the invocation's request ids (core/InvocationLog) and the event's own fields {@code time},
 * {@code event}, {@code outcome} and {@code subject}. The address appears only hashed (enough to
 * follow one address through the logs); passwords, codes and tokens never appear.
 */
@Singleton
public class AuthEvents {

    private static final Logger LOG = LoggerFactory.getLogger(AuthEvents.class);

    private final Clock clock;

    public AuthEvents(Clock clock) {
        this.clock = clock;
    }

    /** Metric: a client used up its wrong-code budget (an alarm watches it). */
    public static final String WRONG_CODE_BUDGET_EXHAUSTED = "WrongCodeBudgetExhausted";
    static final String METRICS_NAMESPACE = "MultimediaAccount";

    /**
     * A count of 1 in CloudWatch's embedded metric format (Powertools metrics): Lambda's log line
     * becomes a metric without an API call.
     */
    public void metric(String name) {
        EmbeddedMetrics.count(METRICS_NAMESPACE, name);
    }

    public void record(String event, String outcome, EmailAddress email) {
        // The fields as structured arguments, none as a placeholder: the message is the two names alone.
        LOG.info(event + " " + outcome, entry("time", clock.instant().toString()), entry("event", event),
                entry("outcome", outcome), entry("subject", addressHash(email)));
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
