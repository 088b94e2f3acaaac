package org.multimedia.newsletter;

/** Why SES did not take a newsletter email; decides between retry, failed and in doubt. */
public class SendFailure extends RuntimeException {

    public enum Kind {
        /** Throttled ({@code Throttling}, {@code TooManyRequestsException}, "Maximum sending rate exceeded") or SES unavailable: not sent, try again later. */
        RETRYABLE,
        /** Refused for good (MessageRejected, ...): not sent, counted as failed. */
        PERMANENT,
        /** No answer (timeout, connection lost): SES may or may not have taken it. Never sent again. */
        IN_DOUBT
    }

    private final Kind kind;
    private final String code;

    public SendFailure(Kind kind, String code) {
        super(kind + " " + code, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
