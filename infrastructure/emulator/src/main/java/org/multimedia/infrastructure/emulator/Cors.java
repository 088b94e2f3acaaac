package org.multimedia.infrastructure.emulator;

import java.util.List;

/** The HttpApi's CorsConfiguration, resolved; {@link #NONE} when the API declares none. */
public record Cors(List<String> allowOrigins, List<String> allowHeaders, List<String> allowMethods,
                   List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {

    public static final Cors NONE = new Cors(List.of(), List.of(), List.of(), List.of(), null, false);

    public boolean enabled() {
        return !allowOrigins.isEmpty();
    }

    public boolean allowsOrigin(String origin) {
        return origin != null && (allowOrigins.contains("*") || allowOrigins.stream().anyMatch(origin::equalsIgnoreCase));
    }
}
