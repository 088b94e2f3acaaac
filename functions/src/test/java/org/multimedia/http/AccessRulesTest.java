package org.multimedia.http;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Route;
import org.multimedia.infrastructure.emulator.Stack;
import org.multimedia.infrastructure.emulator.Template;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access rule table against what is deployed and what the website reads: every route of
 * template.yaml has exactly one row (same route key, same handler), every row is a route, and a
 * rule is public exactly when the route has no authorizer; every operation of openapi.yaml has
 * the rule its security requirement and its group tag say. A route added without a rule fails here.
 * Reads the two files only (nothing is provisioned).
 */
class AccessRulesTest {

    private static List<Route> routes;
    /** By "METHOD path": whether openapi.yaml declares a security requirement, and its group tag (or ""). */
    private static final Map<String, Boolean> openApiSecured = new TreeMap<>();
    /** By "METHOD path": a bearer is optional (security lists both the empty requirement and a scheme). */
    private static final Map<String, Boolean> openApiOptional = new TreeMap<>();
    private static final Map<String, String> openApiGroup = new TreeMap<>();

    @BeforeAll
    static void readTheTemplateAndTheApiDescription() throws Exception {
        Path template = Template.locate();
        routes = Stack.describe(Template.load(template), "access-rules", "us-east-1", Map.of()).routes();
        Map<?, ?> openApi = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(template.resolveSibling("openapi.yaml")));
        boolean securedByDefault = secured(openApi.get("security"));
        ((Map<?, ?>) openApi.get("paths")).forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) -> {
            if (!(operation instanceof Map<?, ?> op) || !Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                return;
            }
            String route = String.valueOf(method).toUpperCase(Locale.ROOT) + " " + path;
            openApiSecured.put(route, op.containsKey("security") ? secured(op.get("security")) : securedByDefault);
            openApiOptional.put(route, op.get("security") instanceof List<?> requirements && secured(requirements)
                    && requirements.stream().anyMatch(r -> r instanceof Map<?, ?> m && m.isEmpty()));
            List<?> tags = op.get("tags") instanceof List<?> t ? t : List.of();
            openApiGroup.put(route, tags.stream().map(String::valueOf)
                    .filter(tag -> tag.equals("editors") || tag.equals("marketing")).findFirst().orElse(""));
        }));
        assertFalse(routes.isEmpty(), "no HttpApi route in template.yaml");
        assertFalse(openApiSecured.isEmpty(), "no operation in openapi.yaml");
    }

    @Test
    void everyRouteOfTheTemplateHasItsRowAndEveryRowIsARoute() {
        Set<String> deployed = routes.stream().map(r -> r.routeKey() + " -> " + r.handlerClassName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> declared = AccessRules.ROUTES.stream().map(r -> r.routeKey() + " -> " + r.handler())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(deployed, declared, "routes of template.yaml (expected) and rows of AccessRules (actual)");
        assertEquals(AccessRules.ROUTES.size(), declared.size(), "a route declared twice in AccessRules");
    }

    @Test
    void aRuleIsPublicExactlyWhenTheTemplateGivesTheRouteNoAuthorizer() {
        List<String> mismatches = new ArrayList<>();
        for (Route route : routes) {
            AccessRules.ROUTES.stream().filter(r -> r.routeKey().equals(route.routeKey())).findFirst().ifPresent(rule -> {
                if (rule.access().signedIn() != (route.authorizerName() != null)) {
                    mismatches.add(route.routeKey() + ": " + rule.access() + " but authorizer " + route.authorizerName());
                }
            });
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void everyOperationOfTheApiDescriptionHasTheRuleItsSecurityAndGroupSay() {
        Map<String, String> described = new TreeMap<>();
        openApiSecured.forEach((route, secured) -> described.put(route,
                !secured ? "public" : openApiOptional.get(route) ? "optional-session"
                        : openApiGroup.get(route).isEmpty() ? "signed-in" : "group:" + openApiGroup.get(route)));
        Map<String, String> declared = new TreeMap<>();
        AccessRules.ROUTES.forEach(rule -> declared.put(rule.routeKey(), rule.access().toString()));
        assertEquals(described, declared, "openapi.yaml (expected) and AccessRules (actual)");
    }

    @Test
    void everyHandlerOfTheTemplateFindsItsRule() throws Exception {
        for (Route route : routes) {
            Class<?> handler = Class.forName(route.handlerClassName());
            assertTrue(ApiHandler.class.isAssignableFrom(handler), route.handlerClassName() + " is no ApiHandler");
            AccessRules.of(handler); // throws when missing
        }
    }

    @Test
    void aHandlerWithoutARuleCannotServe() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> AccessRules.of(AccessRulesTest.class));
        assertTrue(missing.getMessage().contains("AccessRules"), missing.getMessage());
    }

    @Test
    void theCatalogueIsPublicButItsStatusListsAreTheEditors() {
        assertEquals(Access.PUBLIC, AccessRules.of(org.multimedia.video.ListVideosHandler.class, Map.of("q", "madrid")));
        assertEquals(Access.PUBLIC, AccessRules.of(org.multimedia.video.ListVideosHandler.class, null));
        assertEquals(Access.GROUP_EDITORS, AccessRules.of(org.multimedia.video.ListVideosHandler.class, Map.of("status", "draft")));
        assertEquals(Access.GROUP_EDITORS, AccessRules.of(org.multimedia.video.ListVideosHandler.class, Map.of("status", "")),
                "an empty value asks for the list too");
        assertEquals(Access.PUBLIC, AccessRules.of(org.multimedia.video.GetVideoHandler.class, Map.of("status", "draft")),
                "only the row that says so holds a parameter");
    }

    @Test
    void theEditorsAndMarketingRoutesAreTheGroupRules() {
        Map<String, String> groups = new TreeMap<>();
        AccessRules.ROUTES.forEach(rule -> rule.access().group().ifPresent(group -> groups.put(rule.routeKey(), group)));
        assertEquals(Map.of(
                "POST /videos", "editors",
                "POST /videos/{id}/publish", "editors",
                "DELETE /videos/{id}", "editors",
                "POST /newsletter/campaigns", "marketing",
                "GET /newsletter/campaigns/{id}", "marketing"), groups);
        assertEquals("public", Access.PUBLIC.toString());
        assertEquals("signed-in", Access.SIGNED_IN.toString());
        assertEquals("group:editors", Access.GROUP_EDITORS.toString());
        assertTrue(Access.GROUP_MARKETING.signedIn(), "a group rule needs a live session too");
    }

    @Test
    void campaignsAndVideoMetadataHaveTheirOwnBodyCapAndEveryOtherRoute16Kb() {
        Map<String, Integer> caps = new TreeMap<>();
        AccessRules.ROUTES.forEach(rule -> caps.put(rule.routeKey(), rule.maxBodyBytes()));
        assertEquals(512 * 1024, caps.remove("POST /newsletter/campaigns"));
        assertEquals(64 * 1024, caps.remove("POST /videos"));
        assertEquals(Set.of(16 * 1024), Set.copyOf(caps.values()), caps.toString());
        assertEquals(512 * 1024, AccessRules.maxBodyBytes(org.multimedia.newsletter.CreateCampaignHandler.class));
        assertEquals(64 * 1024, AccessRules.maxBodyBytes(org.multimedia.video.CreateVideoHandler.class));
        assertEquals(16 * 1024, AccessRules.maxBodyBytes(org.multimedia.account.LoginHandler.class));
    }

    /** A non-empty list with at least one non-empty requirement ({@code security: []} or {@code [{}]} = open). */
    private static boolean secured(Object security) {
        return security instanceof List<?> requirements
                && requirements.stream().anyMatch(r -> r instanceof Map<?, ?> m && !m.isEmpty());
    }
}
