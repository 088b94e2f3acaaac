package org.multimedia.infrastructure.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.multimedia.infrastructure.emulator.Route;

/**
 * Matches requests to HttpApi routes the way API Gateway does: the most specific path wins
 * (literal segments over {@code {param}} over greedy {@code {proxy+}}), an exact method over
 * {@code ANY}, and {@code $default} catches what nothing else matches.
 */
final class RouteTable {

    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    List<Route> routes() {
        return routes;
    }

    /** True when some route (any method) has this path: used to tell 404 from a CORS-only answer. */
    boolean hasPath(String path) {
        return routes.stream().anyMatch(r -> parameters(r.path(), path) != null);
    }

    Optional<Match> match(String method, String path) {
        List<Match> candidates = new ArrayList<>();
        for (Route route : routes) {
            if (!route.method().equals("ANY") && !route.method().equals(method)) {
                continue;
            }
            Map<String, String> parameters = "$default".equals(route.path()) ? Map.of() : parameters(route.path(), path);
            if (parameters != null) {
                candidates.add(new Match(route, parameters));
            }
        }
        return candidates.stream().min(Comparator
                .comparingInt((Match m) -> "$default".equals(m.route().path()) ? 1 : 0)
                .thenComparingInt(m -> m.route().path().contains("+}") ? 1 : 0)
                .thenComparingInt(m -> -literalSegments(m.route().path()))
                .thenComparingInt(m -> m.route().method().equals("ANY") ? 1 : 0));
    }

    private static int literalSegments(String template) {
        int count = 0;
        for (String segment : template.split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                count++;
            }
        }
        return count;
    }

    /** The path parameters when {@code path} fits {@code template}, else null. */
    static Map<String, String> parameters(String template, String path) {
        if ("$default".equals(template)) {
            return null;
        }
        String[] expected = split(template);
        String[] actual = split(path);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                String name = segment.substring(1, segment.length() - 2);
                parameters.put(name, String.join("/", List.of(actual).subList(i, actual.length)));
                return parameters;
            }
            if (i >= actual.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameters.put(segment.substring(1, segment.length() - 1), actual[i]);
            } else if (!segment.equals(actual[i])) {
                return null;
            }
        }
        return expected.length == actual.length ? parameters : null;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
