package org.multimedia.http;

import java.util.Optional;

/**
 * Who may call a route. Every route has exactly one rule, declared in {@link AccessRules} and
 * enforced by {@link Callers} before its handler runs.
 */
public enum Access {

    /** Anyone; the route has no authorizer and its handler gets no caller. */
    PUBLIC(null),
    /**
     * Anyone, and a caller when the request carries a bearer token of a live session. The route
     * has no authorizer (a request without a bearer must reach it: logout with the refresh token
     * alone, once the access token has expired), so Cognito itself checks the token
     * ({@code GetUser}: signature, lifetime, scope, not signed out); a token it refuses gives no
     * caller rather than a refusal, and the handler decides what it can still do.
     */
    OPTIONAL_SESSION(null),
    /** A live session: the token's session not signed out, its account still there with the same {@code sub}. */
    SIGNED_IN(null),
    /** A live session of a member of the Cognito group {@code editors}. */
    GROUP_EDITORS("editors"),
    /** A live session of a member of the Cognito group {@code marketing}. */
    GROUP_MARKETING("marketing");

    private final String group;

    Access(String group) {
        this.group = group;
    }

    /** Whether the route needs a signed-in caller (an authorizer in template.yaml, a security requirement in openapi.yaml). */
    public boolean signedIn() {
        return this != PUBLIC && this != OPTIONAL_SESSION;
    }

    /** The Cognito group the route is reserved to, if any. */
    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    /** As the rule is written in docs: {@code public}, {@code optional-session}, {@code signed-in}, {@code group:editors}. */
    @Override
    public String toString() {
        return group != null ? "group:" + group
                : this == PUBLIC ? "public" : this == OPTIONAL_SESSION ? "optional-session" : "signed-in";
    }
}
