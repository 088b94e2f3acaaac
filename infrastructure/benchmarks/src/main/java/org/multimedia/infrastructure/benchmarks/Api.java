package org.multimedia.infrastructure.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.multimedia.infrastructure.local.LocalSystem;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;

/** The benchmarks' HTTP client of the local gateway, and the users they need (made with the pool's admin API). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "Bench-passw0rd-42!";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalSystem system;

    Api(LocalSystem system) {
        this.system = system;
    }

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body);
            }
        }
    }

    Answer send(String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url() + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    /** A confirmed user (its email verified) in the given groups, logged in: its access token. */
    String confirmedUserToken(String email, String... groups) {
        String pool = system.stack().userPoolId();
        try (CognitoIdentityProviderClient cognito = system.aws().client(CognitoIdentityProviderClient.builder())) {
            cognito.adminCreateUser(r -> r.userPoolId(pool).username(email).messageAction("SUPPRESS")
                    .userAttributes(a -> a.name("email").value(email), a -> a.name("email_verified").value("true"),
                            a -> a.name("locale").value("en")));
            cognito.adminSetUserPassword(r -> r.userPoolId(pool).username(email).password(PASSWORD).permanent(true));
            for (String group : groups) {
                try {
                    cognito.createGroup(r -> r.userPoolId(pool).groupName(group));
                } catch (GroupExistsException declared) {
                    // from template.yaml
                }
                cognito.adminAddUserToGroup(r -> r.userPoolId(pool).username(email).groupName(group));
            }
        }
        Answer login = send("POST", "/account/login", Map.of("email", email, "password", PASSWORD), null);
        if (login.status() != 200) {
            throw new IllegalStateException("Login of " + email + " answered " + login.status() + ": " + login.body());
        }
        return login.json().path("accessToken").asText();
    }
}
