package org.multimedia.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a caller can act on. It carries a stable error code (part of the HTTP contract),
 * a message for people, and optional details; {@code http/} turns it into a response.
 */
public class DomainException extends RuntimeException {

    /** What kind of failure this is; {@code http/} maps each kind to one status code. */
    public enum Kind { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, TOO_MANY_REQUESTS, UNAVAILABLE }

    private final Kind kind;
    private final String code;
    private final Map<String, Object> details;
    private final Duration retryAfter;

    public DomainException(Kind kind, String code, String message) {
        this(kind, code, message, Map.of(), null);
    }

    public DomainException(Kind kind, String code, String message, Map<String, Object> details, Duration retryAfter) {
        super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.kind = kind;
        this.code = code;
        this.details = Map.copyOf(details);
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Set for {@link Kind#TOO_MANY_REQUESTS} and {@link Kind#UNAVAILABLE}: how long the caller should wait. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public static DomainException invalidRequest(String message) {
        return new DomainException(Kind.BAD_REQUEST, "invalid_request", message);
    }

    public static DomainException unauthorized() {
        return new DomainException(Kind.UNAUTHORIZED, "unauthorized", "Sign in to continue.");
    }

    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, "not_found", message);
    }

    public static DomainException rateLimited(String code, String message, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retryAfterSeconds", seconds);
        return new DomainException(Kind.TOO_MANY_REQUESTS, code, message, details, Duration.ofSeconds(seconds));
    }

    /** How long a caller should wait after {@code 503}: a failing dependency is usually back within seconds. */
    public static final Duration RETRY_UNAVAILABLE_AFTER = Duration.ofSeconds(2);

    /**
     * A dependency (Cognito, DynamoDB, SES...) failed; the caller may try again after
     * {@code Retry-After}. Nothing half-done stays that a retry does not finish.
     */
    public static DomainException unavailable() {
        return new DomainException(Kind.UNAVAILABLE, "service_unavailable",
                "The service is temporarily unavailable. Please try again in a moment.",
                Map.of("retryAfterSeconds", RETRY_UNAVAILABLE_AFTER.toSeconds()), RETRY_UNAVAILABLE_AFTER);
    }
}
