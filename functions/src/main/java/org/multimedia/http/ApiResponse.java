package org.multimedia.http;

/**
 * A successful answer: a status and a body object (serialised as JSON), or no body.
 * Errors are not built here: handlers throw {@link org.multimedia.core.DomainException}.
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
}
