package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A person with curl against a running local system: requests, accounts, the dev mailbox. */
final class LocalApi {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "Correct-Horse-9";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private final URI base;

    LocalApi(URI base) {
        this.base = base;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json");
    }

    HttpRequest.Builder post(String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sign up, read the code from the dev mailbox, verify, log in: the access token. */
    String verifiedUser(String email) throws Exception {
        HttpResponse<String> signup = send(post("/account/signup", Map.of("email", email, "password", PASSWORD), null));
        assertEquals(202, signup.statusCode(), signup.body());
        String code = code(email);
        HttpResponse<String> verify = send(post("/account/verify",
                Map.of("email", email, "code", code, "password", PASSWORD), null));
        assertEquals(200, verify.statusCode(), verify.body());
        return login(email);
    }

    String login(String email) throws Exception {
        HttpResponse<String> login = send(post("/account/login", Map.of("email", email, "password", PASSWORD), null));
        assertEquals(200, login.statusCode(), login.body());
        return JSON.readTree(login.body()).get("accessToken").asText();
    }

    /** The signed-in member accepts the conditions of use in force (GET /terms), as the website's first download asks. */
    String acceptTerms(String token) throws Exception {
        String version = JSON.readTree(send(request("/terms")).body()).get("version").asText();
        HttpResponse<String> accepted = send(post("/account/terms", Map.of("version", version), token)
                .method("PUT", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("version", version)))));
        assertEquals(200, accepted.statusCode(), accepted.body());
        return token;
    }

    /** The code in the newest mail to that address. */
    String code(String email) throws Exception {
        JsonNode mail = awaitMail(email, m -> true);
        Matcher code = CODE.matcher(mail.get("subject").asText());
        assertTrue(code.find(), "a code in " + mail.get("subject"));
        return code.group(1);
    }

    /** The newest mail to that address that matches (mail goes out through a queue: wait a little). */
    JsonNode awaitMail(String email, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode mails = mailTo(email);
            for (int i = mails.size() - 1; i >= 0; i--) {
                if (wanted.test(mails.get(i))) {
                    return mails.get(i);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No such mail to " + email);
    }

    JsonNode mailTo(String email) throws Exception {
        return JSON.readTree(send(request("/_dev/mail?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8))).body());
    }
}
