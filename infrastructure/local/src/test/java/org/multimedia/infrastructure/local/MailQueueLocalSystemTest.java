package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.multimedia.infrastructure.emulator.Template;

/** The real template.yaml: account mail goes API → MailQueue → MailWorkerFunction → /_dev/mail, within 2 s. */
class MailQueueLocalSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalSystem system;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(Template.locate(), 0);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.stop();
        }
    }

    @Test
    void aSignUpCodeIsInTheDevMailboxWithinTwoSeconds() throws Exception {
        String email = "queued-" + UUID.randomUUID() + "@test.example";
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(system.url().resolve("/account/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("email", email, "password", "Correct-Horse-9x")))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        long answered = System.nanoTime();
        JsonNode mails = JSON.createArrayNode();
        while (mails.isEmpty() && System.nanoTime() - answered < 2_000_000_000L) {
            mails = JSON.readTree(HTTP.send(HttpRequest.newBuilder(system.url().resolve("/_dev/mail?to="
                    + URLEncoder.encode(email, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (mails.isEmpty()) {
                Thread.sleep(50);
            }
        }
        long millis = (System.nanoTime() - answered) / 1_000_000;
        assertEquals(1, mails.size(), "the code within 2 s of the answer (waited " + millis + " ms)");
        assertTrue(mails.get(0).get("subject").asText().matches("Your verification code: \\d{6}"),
                mails.get(0).get("subject").asText());
        System.out.println("Sign-up code in /_dev/mail " + millis + " ms after the 202");
    }
}
