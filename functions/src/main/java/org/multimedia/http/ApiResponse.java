package org.multimedia.http;

/**
 * A successful answer: a status and a body object (serialised as JSON), or no body, or an HTML
 * page ({@link #html}). Errors are not built here: handlers throw {@link org.multimedia.core.DomainException}.
 */
public record ApiResponse(int status, Object body) {

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

    /** A body sent as it is, not as JSON. */
    public record Html(String page) {
    }
}
