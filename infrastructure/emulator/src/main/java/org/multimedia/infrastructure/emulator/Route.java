package org.multimedia.infrastructure.emulator;

/**
 * One HttpApi route of the template: {@code method} is upper case ({@code ANY} for any),
 * {@code path} as declared ({@code /videos/{id}}, {@code /{proxy+}}, or {@code $default});
 * {@code authorizerName} is null when the route needs no authorization.
 */
public record Route(String method, String path, String functionLogicalId, String handlerClassName,
                    String authorizerName) {

    /** The API Gateway route key, e.g. {@code POST /account/signup}. */
    public String routeKey() {
        return "$default".equals(path) ? "$default" : method + " " + path;
    }
}
