package org.multimedia.http;

import java.time.Duration;

/**
 * A successful answer: a status and a body object (serialised as JSON), or no body, or an HTML
 * page ({@link #html}). Errors are not built here: handlers throw {@link org.multimedia.core.DomainException}.
 * <p>
 * Answers are {@code Cache-Control: no-store} unless the handler says otherwise with
 * {@link #cacheFor}: only what is the same for everyone (the public catalogue) may be.
 *
 * @param publicFor how long any cache (CloudFront, the browser) may keep a 200 of it; null: never
 */
public record ApiResponse(int status, Object body, Duration publicFor) {

    public ApiResponse(int status, Object body) {
        this(status, body, null);
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse accepted(Object body) {
        return new ApiResponse(202, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    /** An HTML page (already rendered and escaped), answered as {@code text/html; charset=utf-8}. */
    public static ApiResponse html(int status, String page) {
        return new ApiResponse(status, new Html(page));
    }

    /**
     * The same answer, public and cacheable for {@code duration} ({@code Cache-Control: public,
     * max-age=N}, a 200 only): for answers that are the same for every caller and hold nothing
     * of anyone's account.
     */
    public ApiResponse cacheFor(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("cacheFor needs a positive duration: " + duration);
        }
        return new ApiResponse(status, body, duration);
    }

    /**
     * A document to save ({@code Content-Disposition: attachment}) of {@code mediaType}, in
     * UTF-8, e.g. a Metalink file; {@code filename} is the handler's own constant.
     */
    public static ApiResponse attachment(String mediaType, String filename, String text) {
        return new ApiResponse(200, new Attachment(mediaType, filename, text));
    }

    /** A body sent as it is, not as JSON. */
    public record Html(String page) {
    }

    /** A document sent as it is, to be saved under {@code filename}. */
    public record Attachment(String mediaType, String filename, String text) {
    }
}
