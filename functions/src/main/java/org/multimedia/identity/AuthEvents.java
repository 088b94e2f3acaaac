package org.multimedia.identity;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.EmbeddedMetrics;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.HmacSha256;
import org.multimedia.core.KeyPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HexFormat;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * One structured log entry per authentication event, through the functions' logger: a JSON line
 * with the invocation's request ids (core/InvocationLog) and the event's own fields {@code time},
 * {@code event}, {@code outcome} and {@code subject}. The address appears only as a pseudonym: an
 * HMAC-SHA-256 with the log key ({@link KeyPurpose#LOG_PSEUDONYMS}), enough to follow one address
 * through the logs, but not reversible by someone who has the logs and a list of addresses (as a
 * plain SHA-256 is). Passwords, codes and tokens never appear.
 */
@Singleton
public class AuthEvents {

    private static final Logger LOG = LoggerFactory.getLogger(AuthEvents.class);
    /** 96 bits of the HMAC, hex: unique enough to follow an address, short enough to read. */
    private static final int PSEUDONYM_BYTES = 12;

    private final Clock clock;
    private final HmacKeys keys;

    public AuthEvents(Clock clock, HmacKeys keys) {
        this.clock = clock;
        this.keys = keys;
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
                entry("outcome", outcome), entry("subject", subject(email)));
    }

    /**
     * The pseudonym, or {@code "unavailable"} when the log key cannot be read (Secrets Manager
     * unreachable on a container that has not read it yet): a log line never fails a login.
     */
    private String subject(EmailAddress email) {
        try {
            return pseudonym(email.value());
        } catch (DomainException unavailable) {
            return "unavailable";
        }
    }

    /**
     * What the logs show instead of an address (or of any text that may be one, such as a
     * recipient SES reports that is not an address we keep): the keyed hash with the current log
     * key. Rotating the log key changes every pseudonym from then on.
     */
    public String pseudonym(String address) {
        byte[] mac = HmacSha256.of(keys.current(KeyPurpose.LOG_PSEUDONYMS).bytes(), "log-pseudonym\n" + address);
        return HexFormat.of().formatHex(mac, 0, PSEUDONYM_BYTES);
    }
}
