package org.multimedia.infrastructure.emulator;

import java.util.List;

/**
 * One HttpApi route of the template: {@code method} is upper case ({@code ANY} for any),
 * {@code path} as declared ({@code /videos/{id}}, {@code /{proxy+}}, or {@code $default});
 * {@code authorizerName} is null when the route needs no authorization;
 * {@code authorizationScopes} are the route's {@code Auth.AuthorizationScopes} (else its
 * authorizer's), of which a token must carry one; empty: any token the authorizer accepts.
 */
public record Route(String method, String path, String functionLogicalId, String handlerClassName,
                    String authorizerName, List<String> authorizationScopes) {

    public Route {
        authorizationScopes = authorizationScopes == null ? List.of() : List.copyOf(authorizationScopes);
    }

    /** A route without authorization scopes. */
    public Route(String method, String path, String functionLogicalId, String handlerClassName, String authorizerName) {
        this(method, path, functionLogicalId, handlerClassName, authorizerName, List.of());
    }

    /** The API Gateway route key, e.g. {@code POST /account/signup}. */
    public String routeKey() {
        return "$default".equals(path) ? "$default" : method + " " + path;
    }
}
