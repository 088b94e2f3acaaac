package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The local system on a free port, with a test template whose only function echoes its event. */
class LocalSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(Path.of(LocalSystemTest.class.getResource("/test-template.yaml").toURI()), 0);
    }

    @AfterAll
    static void stop() {
        system.stop();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(system.url().resolve(path));
    }

    @Test
    void routesByMostSpecificPathWithParameters() throws Exception {
        HttpResponse<String> item = send(get("/echo/42?a=1&a=2&b=x%20y").header("Cookie", "s=1; t=2"));
        assertEquals(200, item.statusCode());
        JsonNode echo = JSON.readTree(item.body());
        assertEquals("GET /echo/{id}", echo.get("routeKey").asText());
        assertEquals("42", echo.get("pathParameters").get("id").asText());
        assertEquals("1,2", echo.get("query").get("a").asText());
        assertEquals("x y", echo.get("query").get("b").asText());
        assertEquals("[\"s=1\",\"t=2\"]", echo.get("cookies").toString());
        assertEquals(system.stack().userPoolId(), echo.get("pool").asText());

        assertEquals("GET /echo/special", JSON.readTree(send(get("/echo/special")).body()).get("routeKey").asText());
        JsonNode files = JSON.readTree(send(get("/files/a/b/c.txt").DELETE()).body());
        assertEquals("a/b/c.txt", files.get("pathParameters").get("proxy").asText());

        HttpResponse<String> missing = send(get("/nothing/here"));
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", missing.body());
        assertEquals(404, send(get("/echo/42").POST(HttpRequest.BodyPublishers.noBody())).statusCode());

        HttpResponse<String> failure = send(get("/echo/boom"));
        assertEquals(500, failure.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", failure.body());
    }

    @Test
    void corsFromTheTemplate() throws Exception {
        String origin = "http://localhost:" + system.port();
        HttpResponse<String> preflight = send(get("/echo/1").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "GET"));
        assertEquals(204, preflight.statusCode());
        assertEquals(origin, preflight.headers().firstValue("access-control-allow-origin").orElse(null));
        assertEquals("GET,POST", preflight.headers().firstValue("access-control-allow-methods").orElse(null));
        assertEquals("600", preflight.headers().firstValue("access-control-max-age").orElse(null));

        HttpResponse<String> stranger = send(get("/echo/1").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET"));
        assertTrue(stranger.headers().firstValue("access-control-allow-origin").isEmpty());

        HttpResponse<String> simple = send(get("/echo/1").header("Origin", origin));
        assertEquals(origin, simple.headers().firstValue("access-control-allow-origin").orElse(null));
        assertEquals("retry-after", simple.headers().firstValue("access-control-expose-headers").orElse(null));
    }

    @Test
    void jwtAuthorizerAcceptsOnlyRealTokens() throws Exception {
        assertEquals(401, send(get("/private")).statusCode());
        HttpResponse<String> garbage = send(get("/private").header("Authorization", "Bearer not.a.token"));
        assertEquals(401, garbage.statusCode());
        assertEquals("{\"error\":\"unauthorized\",\"message\":\"Sign in to continue.\"}", garbage.body());

        AuthenticationResultType tokens = signIn("reader@test.example", "Read-Every-Day-42!");
        for (String token : new String[] {tokens.idToken(), tokens.accessToken()}) {
            HttpResponse<String> ok = send(get("/any-token").header("Authorization", "Bearer " + token));
            assertEquals(200, ok.statusCode(), "a route without scopes takes any token of the pool: " + ok.body());
            JsonNode claims = JSON.readTree(ok.body()).get("claims");
            assertTrue(claims.get("iss").asText().endsWith(system.stack().userPoolId()));
            assertTrue(claims.get("exp").asText().matches("\\d+"));
        }
        String tampered = tokens.idToken().substring(0, tokens.idToken().length() - 4) + "AAAA";
        assertEquals(401, send(get("/any-token").header("Authorization", "Bearer " + tampered)).statusCode());
    }

    @Test
    void routeScopesRefuseIdTokensAsApiGatewayDoes() throws Exception {
        AuthenticationResultType tokens = signIn("scoped@test.example", "Read-Every-Day-42!");
        HttpResponse<String> access = send(get("/private").header("Authorization", "Bearer " + tokens.accessToken()));
        assertEquals(200, access.statusCode(), access.body());
        assertEquals("aws.cognito.signin.user.admin",
                JSON.readTree(access.body()).get("claims").get("scope").asText());

        // An ID token is signed by the pool and names the client (aud), but carries no scope.
        HttpResponse<String> id = send(get("/private").header("Authorization", "Bearer " + tokens.idToken()));
        assertEquals(403, id.statusCode(), id.body());
        assertEquals("{\"message\":\"Forbidden\"}", id.body());
        String challenge = id.headers().firstValue("www-authenticate").orElse("");
        assertTrue(challenge.contains("error=\"insufficient_scope\""), challenge);
        assertTrue(challenge.contains("aws.cognito.signin.user.admin"), challenge);
    }

    private AuthenticationResultType signIn(String email, String password) throws Exception {
        createUser(email, password);
        return logIn(email, password);
    }

    private void createUser(String email, String password) {
        try (CognitoIdentityProviderClient cognito = system.aws().client(CognitoIdentityProviderClient.builder())) {
            String pool = system.stack().userPoolId();
            cognito.adminCreateUser(b -> b.userPoolId(pool).username(email).messageAction("SUPPRESS")
                    .userAttributes(a -> a.name("email").value(email)));
            cognito.adminSetUserPassword(b -> b.userPoolId(pool).username(email).password(password).permanent(true));
        }
    }

    private AuthenticationResultType logIn(String email, String password) throws Exception {
        try (CognitoIdentityProviderClient cognito = system.aws().client(CognitoIdentityProviderClient.builder())) {
            String pool = system.stack().userPoolId();
            String clientId = system.stack().physicalId("UserPoolClient");
            String secret = cognito.describeUserPoolClient(b -> b.userPoolId(pool).clientId(clientId))
                    .userPoolClient().clientSecret();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String secretHash = Base64.getEncoder().encodeToString(
                    mac.doFinal((email + clientId).getBytes(StandardCharsets.UTF_8)));
            return cognito.initiateAuth(b -> b.clientId(clientId).authFlow("USER_PASSWORD_AUTH")
                    .authParameters(Map.of("USERNAME", email, "PASSWORD", password, "SECRET_HASH", secretHash)))
                    .authenticationResult();
        }
    }

    private static JsonNode payload(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static HttpRequest.Builder addToGroup(String group, String body) {
        return get("/_dev/groups/" + group).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void devGroupsPutAUserIntoAGroupOfThePool() throws Exception {
        createUser("editor@test.example", "Edit-Every-Day-42!");
        assertNull(payload(logIn("editor@test.example", "Edit-Every-Day-42!").accessToken()).get("cognito:groups"));

        HttpResponse<String> added = send(addToGroup("editors", "{\"email\":\" Editor@Test.example \"}"));
        assertEquals(204, added.statusCode(), added.body());
        assertEquals("", added.body());
        String token = logIn("editor@test.example", "Edit-Every-Day-42!").accessToken();
        assertEquals("[\"editors\"]", payload(token).get("cognito:groups").toString());
        HttpResponse<String> ok = send(get("/private").header("Authorization", "Bearer " + token));
        assertEquals("[editors]", JSON.readTree(ok.body()).get("claims").get("cognito:groups").asText());
        assertEquals(204, send(addToGroup("editors", "{\"email\":\"editor@test.example\"}")).statusCode());

        HttpResponse<String> noGroup = send(addToGroup("admins", "{\"email\":\"editor@test.example\"}"));
        assertEquals(404, noGroup.statusCode());
        assertEquals("not_found", JSON.readTree(noGroup.body()).get("error").asText());
        assertEquals("No group admins.", JSON.readTree(noGroup.body()).get("message").asText());
        assertEquals("application/json", noGroup.headers().firstValue("content-type").orElse(null));
        HttpResponse<String> noUser = send(addToGroup("editors", "{\"email\":\"nobody@test.example\"}"));
        assertEquals(404, noUser.statusCode());
        assertEquals("not_found", JSON.readTree(noUser.body()).get("error").asText());
        assertEquals("No user nobody@test.example.", JSON.readTree(noUser.body()).get("message").asText());
        for (String bad : new String[] {"", "not json", "[]", "{}", "{\"email\":42}", "{\"email\":\" \"}"}) {
            HttpResponse<String> invalid = send(addToGroup("editors", bad));
            assertEquals(400, invalid.statusCode(), bad);
            assertEquals("invalid_request", JSON.readTree(invalid.body()).get("error").asText(), bad);
        }
        assertEquals(404, send(addToGroup("editors/more", "{\"email\":\"editor@test.example\"}")).statusCode());
        assertEquals(404, send(get("/_dev/groups/editors")).statusCode());
    }

    @Test
    void devMailboxShowsWhatSesSent() throws Exception {
        String sender = system.stack().parameters().get("SenderEmail");
        try (SesV2Client ses = system.aws().client(SesV2Client.builder())) {
            ses.sendEmail(b -> b.fromEmailAddress(sender).destination(d -> d.toAddresses("Mia@Test.example"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Plain")).body(x -> x.text(t -> t.data("code 123456"))))));
            String mime = "From: " + sender + "\r\nTo: mia@test.example\r\nSubject: =?UTF-8?Q?Caf=C3=A9?=\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b1\r\n\r\n"
                    + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nraw text\r\n"
                    + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>raw html</p>\r\n--b1--\r\n";
            ses.sendEmail(b -> b.fromEmailAddress(sender).destination(d -> d.toAddresses("mia@test.example"))
                    .content(c -> c.raw(r -> r.data(SdkBytes.fromString(mime, StandardCharsets.UTF_8)))));
        }
        HttpResponse<String> response = send(get("/_dev/mail?to=MIA%40test.example"));
        assertEquals(200, response.statusCode());
        JsonNode mails = JSON.readTree(response.body());
        assertEquals(2, mails.size(), response.body());
        assertEquals("Plain", mails.get(0).get("subject").asText());
        assertEquals("code 123456", mails.get(0).get("text").asText());
        assertEquals("Café", mails.get(1).get("subject").asText());
        assertEquals("raw text", mails.get(1).get("text").asText().trim());
        assertEquals("<p>raw html</p>", mails.get(1).get("html").asText().trim());
        assertEquals(sender, mails.get(1).get("from").asText());
        assertTrue(mails.get(1).get("sentAt").asText().endsWith("Z"));
        assertEquals(0, JSON.readTree(send(get("/_dev/mail?to=nobody@test.example")).body()).size());
        assertEquals(400, send(get("/_dev/mail")).statusCode());
        assertNull(JSON.readTree(send(get("/_dev/mail?to=mia@test.example")).body()).get(0).get("html").textValue());
    }
}
