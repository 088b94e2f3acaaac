package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.multimedia.infrastructure.emulator.Route;
import org.multimedia.infrastructure.emulator.Template;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Who may call each route, over HTTP against the local system: every route of template.yaml
 * that has an authorizer refuses a request without a token (401) and an ID token (403, the
 * route's scope), a token whose session was logged out (401) and a token of a deleted account
 * (401); a route for a Cognito group (openapi.yaml tags it {@code editors} or {@code marketing})
 * refuses a signed-in non-member (403). The expectations come from the two files the website
 * and the deployment read, not from the code under test.
 */
class AccessRulesLocalSystemTest {

    private static final String PASSWORD = LocalApi.PASSWORD;
    private static final List<String> GROUPS = List.of("editors", "marketing");

    private static LocalSystem system;
    private static LocalApi api;
    /** The routes with an authorizer, by route key; and the group openapi.yaml reserves each one to (or none). */
    private static final Map<String, Route> guarded = new TreeMap<>();
    private static final Map<String, String> groupOf = new TreeMap<>();
    private static String seedVideoId;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(Template.locate(), 0);
        api = new LocalApi(system.url());
        system.stack().routes().stream().filter(r -> r.authorizerName() != null).forEach(r -> guarded.put(r.routeKey(), r));
        groupOf.putAll(groupsByOperation());
        seedVideoId = LocalApi.JSON.readTree(LocalApi.send(api.request("/videos?limit=1")).body())
                .get("items").get(0).get("id").asText();
        assertFalse(guarded.isEmpty(), "no route with an authorizer in template.yaml");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.stop();
        }
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryGuardedRouteIsUnauthorized() {
        return guarded.keySet().stream().map(route -> DynamicTest.dynamicTest(route, () ->
                expect(401, call(route, null, seedVideoId), route + " without a token")));
    }

    @TestFactory
    Stream<DynamicTest> anIdTokenIsForbiddenOnEveryGuardedRoute() throws Exception {
        JsonNode tokens = memberOfEveryGroup("id-token");
        String idToken = tokens.get("idToken").asText();
        return guarded.keySet().stream().map(route -> DynamicTest.dynamicTest(route, () ->
                expect(403, call(route, idToken, seedVideoId), route + " with an ID token")));
    }

    @TestFactory
    Stream<DynamicTest> aTokenLoggedOutIsUnauthorizedOnEveryGuardedRoute() throws Exception {
        String token = memberOfEveryGroup("logged-out").get("accessToken").asText();
        expect(204, call("POST /account/logout", token, null), "logout");
        return guarded.keySet().stream().map(route -> DynamicTest.dynamicTest(route, () ->
                expect(401, call(route, token, seedVideoId), route + " with a token after logout")));
    }

    @TestFactory
    Stream<DynamicTest> aTokenOfADeletedAccountIsUnauthorizedOnEveryGuardedRoute() throws Exception {
        String token = memberOfEveryGroup("deleted").get("accessToken").asText();
        expect(204, call("DELETE /account/me", token, null), "account deletion");
        return guarded.keySet().stream().map(route -> DynamicTest.dynamicTest(route, () ->
                expect(401, call(route, token, seedVideoId), route + " with the token of a deleted account")));
    }

    @TestFactory
    Stream<DynamicTest> aSignedInNonMemberIsForbiddenOnEveryGroupRoute() throws Exception {
        String email = "member-of-nothing-" + UUID.randomUUID() + "@test.example";
        String token = api.verifiedUser(email);
        assertFalse(groupOf.isEmpty(), "openapi.yaml tags no operation with a group");
        return groupOf.keySet().stream().map(route -> DynamicTest.dynamicTest(route + " (" + groupOf.get(route) + ")", () ->
                expect(403, call(route, token, seedVideoId), route + " by a non-member")));
    }

    @Test
    void anEditorLoggedOutCanNoLongerCreatePublishOrDeleteAVideo() throws Exception {
        String token = memberOfEveryGroup("editor").get("accessToken").asText();
        HttpResponse<String> draft = call("POST /videos", token, null);
        expect(201, draft, "the editor's draft before logout");
        String id = LocalApi.JSON.readTree(draft.body()).get("id").asText();

        expect(204, call("POST /account/logout", token, null), "logout");

        List<String> failures = new ArrayList<>();
        check(failures, 401, call("POST /videos", token, null), "create after logout");
        check(failures, 401, call("POST /videos/{id}/publish", token, id), "publish after logout");
        check(failures, 401, call("DELETE /videos/{id}", token, seedVideoId), "delete (unpublish) after logout");
        assertEquals(List.of(), failures);
        expect(200, LocalApi.send(api.request("/videos/" + seedVideoId)), "the seed video still shown");
    }

    // ------------------------------------------------------------------ helpers

    /** A verified account in every group routes are reserved to, logged in after joining: its tokens. */
    private static JsonNode memberOfEveryGroup(String purpose) throws Exception {
        String email = purpose + "-" + UUID.randomUUID() + "@test.example";
        api.verifiedUser(email);
        for (String group : GROUPS) {
            HttpResponse<String> joined = LocalApi.send(api.request("/_dev/groups/" + group)
                    .POST(HttpRequest.BodyPublishers.ofString(LocalApi.JSON.writeValueAsString(Map.of("email", email)))));
            expect(204, joined, email + " joins " + group);
        }
        HttpResponse<String> login = LocalApi.send(api.post("/account/login", Map.of("email", email, "password", PASSWORD), null));
        expect(200, login, "login of " + email);
        return LocalApi.JSON.readTree(login.body());
    }

    /**
     * The route called as the website would, with a body it accepts (so that what answers is the
     * access rule, not a missing field): {@code {id}} is {@code id}.
     */
    private static HttpResponse<String> call(String routeKey, String token, String id) throws Exception {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String path = routeKey.substring(routeKey.indexOf(' ') + 1).replace("{id}", id == null ? "none" : id);
        String body = switch (routeKey) {
            case "POST /videos" -> videoDeclaration();
            case "POST /newsletter/campaigns" -> LocalApi.JSON.writeValueAsString(Map.of("campaignId", "access-" + UUID.randomUUID(),
                    "subject", "Access rules", "html", "<p>Test</p>", "text", "Test",
                    "testRecipients", List.of("nobody@test.example")));
            case "DELETE /account/me" -> LocalApi.JSON.writeValueAsString(Map.of("password", PASSWORD));
            default -> null;
        };
        HttpRequest.Builder request = api.request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return LocalApi.send(request);
    }

    private static String videoDeclaration() {
        ObjectNode video = LocalApi.JSON.createObjectNode()
                .put("title", "Access rules test video")
                .put("summary", "Made by the access rules test.")
                .put("description", "Never published.")
                .put("publishedAt", "2030-01-01T08:00:00Z")
                .put("durationSeconds", 1);
        video.putArray("renditions").addObject().put("name", "hd").put("label", "HD").put("mimeType", "video/mp4")
                .put("sizeBytes", 16).put("filename", "access-rules.mp4")
                .put("sha256", "374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb"); // of 16 zero bytes
        return video.toString();
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        assertEquals(status, response.statusCode(), what + ": " + response.body());
    }

    private static void check(List<String> failures, int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            failures.add(what + ": expected " + status + ", was " + response.statusCode() + " " + response.body());
        }
    }

    /** "METHOD path" of each operation of openapi.yaml tagged with a group, and that group. */
    private static Map<String, String> groupsByOperation() throws Exception {
        Map<?, ?> document = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Template.locate().resolveSibling("openapi.yaml")));
        Map<String, String> groups = new TreeMap<>();
        ((Map<?, ?>) document.get("paths")).forEach((path, item) -> ((Map<?, ?>) item).forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> op && op.get("tags") instanceof List<?> tags) {
                tags.stream().map(String::valueOf).filter(GROUPS::contains).findFirst()
                        .ifPresent(group -> groups.put(String.valueOf(method).toUpperCase() + " " + path, group));
            }
        }));
        return groups;
    }
}
