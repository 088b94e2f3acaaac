package org.multimedia.infrastructure.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * openapi.yaml (what the website codes against) and template.yaml (what is deployed) declare
 * the same HTTP routes, and the same ones need a bearer token. Reads both files only: the
 * routes come from {@link Stack#describe}, which provisions nothing.
 */
class OpenApiRoutesTest {

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** "METHOD path" of every HttpApi event of the template. */
    private static Set<String> templateRoutes;
    /** "METHOD path" of the template routes that have an authorizer. */
    private static Set<String> templateAuthorized;
    /** "METHOD path" of every operation of openapi.yaml. */
    private static Set<String> openApiRoutes;
    /** "METHOD path" of the operations of openapi.yaml that declare a security requirement. */
    private static Set<String> openApiSecured;

    @BeforeAll
    static void readBothFiles() throws IOException {
        Path templateYaml = Template.locate();
        Path openApiYaml = templateYaml.resolveSibling("openapi.yaml");
        assertTrue(Files.isRegularFile(openApiYaml), "No openapi.yaml next to " + templateYaml);

        List<Route> routes = Stack.describe(Template.load(templateYaml), "routes", "us-east-1", Map.of()).routes();
        templateRoutes = routes.stream().map(Route::routeKey).collect(Collectors.toCollection(TreeSet::new));
        templateAuthorized = routes.stream().filter(r -> r.authorizerName() != null)
                .map(Route::routeKey).collect(Collectors.toCollection(TreeSet::new));

        Map<?, ?> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(openApiYaml));
        boolean securedByDefault = declaresSecurity(document.get("security"));
        openApiRoutes = new TreeSet<>();
        openApiSecured = new TreeSet<>();
        Map<?, ?> paths = document.get("paths") instanceof Map<?, ?> p ? p : Map.of();
        paths.forEach((path, item) -> {
            if (!(item instanceof Map<?, ?> operations)) {
                return;
            }
            operations.forEach((key, operation) -> {
                String method = String.valueOf(key).toLowerCase(Locale.ROOT);
                if (!HTTP_METHODS.contains(method)) {
                    return; // summary, parameters, servers... of the path item
                }
                String route = method.toUpperCase(Locale.ROOT) + " " + path;
                openApiRoutes.add(route);
                Object security = operation instanceof Map<?, ?> op && op.containsKey("security")
                        ? op.get("security") : null;
                if (security == null ? securedByDefault : declaresSecurity(security)) {
                    openApiSecured.add(route);
                }
            });
        });
    }

    @Test
    void theTemplateAndTheApiDescriptionDeclareTheSameRoutes() {
        Set<String> missingInTemplate = difference(openApiRoutes, templateRoutes);
        Set<String> missingInOpenApi = difference(templateRoutes, openApiRoutes);
        assertTrue(missingInTemplate.isEmpty() && missingInOpenApi.isEmpty(),
                "Routes differ between template.yaml and openapi.yaml."
                        + "\n  missing in template.yaml (" + missingInTemplate.size() + "): " + missingInTemplate
                        + "\n  missing in openapi.yaml (" + missingInOpenApi.size() + "): " + missingInOpenApi);
    }

    /**
     * Checked on the routes both files declare; a route only one of them has is the other
     * test's failure.
     */
    @Test
    void exactlyTheRoutesWithAnAuthorizerDeclareSecurity() {
        Set<String> shared = intersection(openApiRoutes, templateRoutes);
        Set<String> securedButOpen = difference(intersection(openApiSecured, shared), templateAuthorized);
        Set<String> authorizedButNotSecured = difference(intersection(templateAuthorized, shared), openApiSecured);
        assertTrue(securedButOpen.isEmpty() && authorizedButNotSecured.isEmpty(),
                "Auth differs between template.yaml and openapi.yaml."
                        + "\n  security in openapi.yaml, no Auth.Authorizer in template.yaml: " + securedButOpen
                        + "\n  Auth.Authorizer in template.yaml, no security in openapi.yaml: " + authorizedButNotSecured);
    }

    @Test
    void bothFilesDeclareRoutes() {
        // Guards the two tests above against passing on two empty sets (a parsing slip).
        assertFalse(templateRoutes.isEmpty(), "No HttpApi route found in template.yaml");
        assertFalse(openApiRoutes.isEmpty(), "No operation found in openapi.yaml");
    }

    /**
     * A non-empty list with at least one non-empty requirement and no empty one ({@code security: []}
     * or {@code [{}]} = open; {@code [{}, {bearerAuth: []}]} = a bearer is optional, so the route
     * has no authorizer: logout).
     */
    private static boolean declaresSecurity(Object security) {
        return security instanceof List<?> requirements
                && requirements.stream().anyMatch(r -> r instanceof Map<?, ?> m && !m.isEmpty())
                && requirements.stream().noneMatch(r -> r instanceof Map<?, ?> m && m.isEmpty());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.retainAll(b);
        return result;
    }
}
