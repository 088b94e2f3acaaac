package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;

/**
 * The local system answers with the portal's security headers, the same as CloudFront's: the
 * expected values are worked out here from template.yaml's {@code PortalHeadersPolicy} as written
 * (not through the emulator's resolution), with CloudFront's header names and formats, and
 * compared with what {@code GET /}, a static asset, the API, a dev route and a 404 answer. The
 * unsubscribe page keeps its own {@code Referrer-Policy: no-referrer} and CSP ({@code Override: false}).
 */
class SecurityHeadersLocalSystemTest {

    private static LocalSystem system;
    private static LocalApi api;
    private static Map<String, Object> policy;

    @BeforeAll
    static void start() {
        Template template = Template.load(Template.locate());
        policy = map(template.resources().get(LocalSystem.PORTAL_HEADERS_POLICY).properties()
                .get("ResponseHeadersPolicyConfig"));
        system = LocalSystem.start(Template.locate(), 0);
        api = new LocalApi(system.url());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.stop();
        }
    }

    /** A header CloudFront adds: its value and whether it replaces the origin's. */
    private record Expected(String value, boolean override) {
    }

    /** Header name → value, as CloudFront writes the policy's settings. */
    private static Map<String, Expected> expected() {
        Map<String, Object> security = map(policy.get("SecurityHeadersConfig"));
        Map<String, Expected> headers = new LinkedHashMap<>();
        Map<String, Object> csp = map(security.get("ContentSecurityPolicy"));
        headers.put("Content-Security-Policy", new Expected(localCsp(csp.get("ContentSecurityPolicy")), override(csp)));
        Map<String, Object> nosniff = map(security.get("ContentTypeOptions"));
        headers.put("X-Content-Type-Options", new Expected("nosniff", override(nosniff)));
        Map<String, Object> frame = map(security.get("FrameOptions"));
        headers.put("X-Frame-Options", new Expected(String.valueOf(frame.get("FrameOption")), override(frame)));
        Map<String, Object> referrer = map(security.get("ReferrerPolicy"));
        headers.put("Referrer-Policy", new Expected(String.valueOf(referrer.get("ReferrerPolicy")), override(referrer)));
        Map<String, Object> hsts = map(security.get("StrictTransportSecurity"));
        headers.put("Strict-Transport-Security", new Expected("max-age=" + hsts.get("AccessControlMaxAgeSec")
                + (Boolean.TRUE.equals(hsts.get("IncludeSubdomains")) ? "; includeSubDomains" : "")
                + (Boolean.TRUE.equals(hsts.get("Preload")) ? "; preload" : ""), override(hsts)));
        for (Object item : (List<?>) map(policy.get("CustomHeadersConfig")).get("Items")) {
            Map<String, Object> custom = map(item);
            headers.put(String.valueOf(custom.get("Header")), new Expected(String.valueOf(custom.get("Value")), override(custom)));
        }
        return headers;
    }

    /**
     * The CSP's {@code !Sub} with its origins as the local system resolves them: the video bucket's
     * RegionalDomainName (HasCloudFront is false locally), which locally is the emulator's
     * host:port, where the functions' presigned URLs point (path-style).
     */
    private static String localCsp(Object sub) {
        List<?> parts = (List<?>) map(sub).get("Fn::Sub");
        String text = String.valueOf(parts.get(0));
        Map<String, Object> variables = map(parts.get(1));
        String emulator = system.aws().endpoint().getAuthority();
        Object bucketDomain = Map.of("Fn::GetAtt", List.of("VideoBucket", "RegionalDomainName"));
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            Object value = variable.getValue();
            if (map(value).get("Fn::If") instanceof List<?> branches) {
                assertEquals("HasCloudFront", branches.get(0), variable.getKey());
                value = branches.get(2); // no CloudFront key pair locally
            }
            assertEquals(bucketDomain, value, variable.getKey() + ": the video bucket, reached at the emulator locally");
            text = text.replace("${" + variable.getKey() + "}", emulator);
        }
        assertFalse(text.contains("${"), text);
        return text;
    }

    private static boolean override(Map<String, Object> setting) {
        assertTrue(setting.containsKey("Override"), "CloudFront needs Override: " + setting);
        return Boolean.TRUE.equals(setting.get("Override"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return LocalApi.send(HttpRequest.newBuilder(system.url().resolve(path)));
    }

    private static void assertPortalHeaders(String what, HttpResponse<String> response) {
        expected().forEach((name, expected) -> assertEquals(List.of(expected.value()), response.headers().allValues(name),
                what + ": " + name));
    }

    @Test
    void theSiteTheApiTheDevRoutesAndErrorsAnswerWithTheTemplatesHeaders() throws Exception {
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("GET /", get("/"));
        answers.put("GET /app.js", get("/app.js"));
        answers.put("GET /style.css", get("/style.css"));
        answers.put("GET /favicon.svg", get("/favicon.svg"));
        answers.put("GET /videos", get("/videos"));
        answers.put("GET /account/me (no token)", get("/account/me"));
        answers.put("GET /_dev/mail", get("/_dev/mail?to=nobody@test.example"));
        answers.put("GET /nothing-here.html", get("/nothing-here.html"));
        answers.put("HEAD /", LocalApi.send(HttpRequest.newBuilder(system.url().resolve("/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())));
        assertEquals(200, answers.get("GET /").statusCode());
        assertEquals(200, answers.get("GET /app.js").statusCode());
        assertEquals(200, answers.get("GET /favicon.svg").statusCode());
        assertEquals(200, answers.get("GET /videos").statusCode());
        assertEquals(401, answers.get("GET /account/me (no token)").statusCode());
        assertEquals(404, answers.get("GET /nothing-here.html").statusCode());
        answers.forEach(SecurityHeadersLocalSystemTest::assertPortalHeaders);

        // what the issue asks of the policy, as served
        HttpResponse<String> home = answers.get("GET /");
        String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self';") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("max-age=63072000; includeSubDomains", home.headers().firstValue("Strict-Transport-Security").orElse(""));
        assertEquals("DENY", home.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", home.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("strict-origin-when-cross-origin", home.headers().firstValue("Referrer-Policy").orElse(""));
        assertTrue(home.headers().firstValue("Permissions-Policy").orElse("").contains("camera=()"));
    }

    @Test
    void theUnsubscribePageKeepsItsOwnReferrerPolicyAndCsp() throws Exception {
        HttpResponse<String> page = get("/newsletter/unsubscribe?token=not-a-token&lang=en");
        assertEquals(400, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(List.of("no-referrer"), page.headers().allValues("Referrer-Policy"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.startsWith("default-src 'none'"), "the page's own CSP (Override: false): " + csp);
        assertEquals(1, page.headers().allValues("Content-Security-Policy").size());
        Map<String, Expected> expected = expected();
        assertNotEquals(expected.get("Content-Security-Policy").value(), csp);
        // the settings with Override: true are CloudFront's on this page too
        expected.forEach((name, e) -> {
            if (e.override()) {
                assertEquals(List.of(e.value()), page.headers().allValues(name), name);
            }
        });
    }

    @Test
    void theDownloadLinksAreOnTheOriginTheCspAllows() throws Exception {
        String token = api.acceptTerms(api.verifiedUser("headers-" + UUID.randomUUID() + "@test.example"));
        String id = LocalApi.JSON.readTree(get("/videos?limit=1").body()).get("items").get(0).get("id").asText();
        HttpResponse<String> download = LocalApi.send(api.request("/videos/" + id + "/download")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, download.statusCode(), download.body());
        URI url = URI.create(LocalApi.JSON.readTree(download.body()).get("url").asText());
        String csp = get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("media-src 'self' " + url.getAuthority() + ";"), url + " / " + csp);
        assertTrue(csp.contains("connect-src 'self' " + url.getAuthority() + ";"), url + " / " + csp);
    }
}
