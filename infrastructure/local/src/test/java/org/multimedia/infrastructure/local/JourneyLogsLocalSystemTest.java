package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.multimedia.infrastructure.emulator.Template;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What an operator would read in CloudWatch after one person's journey (sign-up → verify with the
 * code from the mailbox → login → download), read from what the local system prints, as
 * {@code start-local} shows it: every line is JSON; every line of a function carries the Lambda
 * request id and the function's name (an HTTP function's also the API Gateway request id, a queue
 * consumer's the SQS message id); the gateway's access lines carry the request id; no line holds
 * the code, the password, a token or the clear address.
 */
class JourneyLogsLocalSystemTest {

    private static final ObjectMapper JSON = LocalApi.JSON;
    private static final String PASSWORD = LocalApi.PASSWORD;

    private static LocalSystem system;
    private static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(Template.locate(), 0);
        api = new LocalApi(system.url());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.stop();
        }
    }

    @Test
    void everyLineOfAJourneyIsJsonWithItsRequestIdAndNoSecret() throws Exception {
        String email = "journey-" + UUID.randomUUID() + "@test.example";
        List<String> secrets = new ArrayList<>();
        String printed = printedDuring(() -> {
            HttpResponse<String> signup = LocalApi.send(api.post("/account/signup",
                    Map.of("email", email, "password", PASSWORD, "newsletter", true), null));
            assertEquals(202, signup.statusCode(), signup.body());
            String code = api.code(email);
            secrets.add(code);
            HttpResponse<String> verify = LocalApi.send(api.post("/account/verify",
                    Map.of("email", email, "code", code, "password", PASSWORD), null));
            assertEquals(200, verify.statusCode(), verify.body());
            tokens(verify.body(), secrets);
            HttpResponse<String> login = LocalApi.send(api.post("/account/login",
                    Map.of("email", email, "password", PASSWORD), null));
            assertEquals(200, login.statusCode(), login.body());
            tokens(login.body(), secrets);
            String accessToken = JSON.readTree(login.body()).get("accessToken").asText();
            String video = JSON.readTree(LocalApi.send(api.request("/videos?limit=1")).body())
                    .get("items").get(0).get("id").asText();
            api.acceptTerms(accessToken);
            HttpResponse<String> download = LocalApi.send(api.post("/videos/" + video + "/download", Map.of(), accessToken));
            assertEquals(200, download.statusCode(), download.body());
        });

        List<JsonNode> functionLines = new ArrayList<>();
        Set<String> accessLogged = new TreeSet<>();
        for (String line : printed.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret (code or token) is logged: " + line);
            }
            assertFalse(line.contains(PASSWORD), "the password is logged: " + line);
            assertFalse(line.toLowerCase(Locale.ROOT).contains(email.substring(0, email.indexOf('@'))),
                    "the address is logged in clear: " + line);
            JsonNode entry = json(line);
            if (entry.has("routeKey") && !entry.has("level")) { // the gateway's access log (its own log group on AWS)
                assertFalse(entry.path("requestId").asText().isEmpty(), line);
                accessLogged.add(entry.path("routeKey").asText());
                continue;
            }
            assertFalse(entry.path("function_request_id").asText().isEmpty(), "no Lambda request id: " + line);
            assertFalse(entry.path("function_name").asText().isEmpty(), "no function name: " + line);
            assertTrue(entry.has("correlation_id") || entry.has("message_id"),
                    "neither the API Gateway request id nor the SQS message id: " + line);
            functionLines.add(entry);
        }

        assertTrue(accessLogged.containsAll(List.of("POST /account/signup", "POST /account/verify", "POST /account/login",
                "PUT /account/terms", "POST /videos/{id}/download")), "access lines: " + accessLogged);
        String subject = hash(email);
        for (String[] expected : new String[][] {{"sign_up", "code_sent", "SignUpFunction"},
                {"verify_email", "success", "VerifyEmailFunction"}, {"login", "success", "LoginFunction"}}) {
            assertTrue(functionLines.stream().anyMatch(entry -> expected[0].equals(entry.path("event").asText())
                            && expected[1].equals(entry.path("outcome").asText())
                            && subject.equals(entry.path("subject").asText())
                            && entry.path("function_name").asText().endsWith("-" + expected[2])
                            && !entry.path("correlation_id").asText().isEmpty()),
                    "the security event " + String.join(" ", expected) + " in " + functionLines);
        }
    }

    /** Everything printed (standard output and error) while the journey runs, as the terminal of start-local shows it. */
    private static String printedDuring(Journey journey) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(new Tee(printed, out), true, StandardCharsets.UTF_8);
        // log4j's own complaints go to the standard error it found at start, as plain text: listen to them
        List<String> complaints = new CopyOnWriteArrayList<>();
        StatusListener listener = new StatusListener() {
            @Override
            public void log(StatusData data) {
                complaints.add(data.getFormattedStatus());
            }

            @Override
            public Level getStatusLevel() {
                return Level.WARN;
            }

            @Override
            public void close() {
            }
        };
        StatusLogger.getLogger().registerListener(listener);
        System.setOut(capture);
        System.setErr(capture);
        try {
            journey.run();
            Thread.sleep(500); // the mail queue's last batch
        } finally {
            System.setOut(out);
            System.setErr(err);
            StatusLogger.getLogger().removeListener(listener);
        }
        assertEquals(List.of(), complaints, "log4j's own plain-text warnings");
        return printed.toString(StandardCharsets.UTF_8);
    }

    private interface Journey {
        void run() throws Exception;
    }

    private static void tokens(String body, List<String> secrets) throws Exception {
        JsonNode answer = JSON.readTree(body);
        for (String name : List.of("accessToken", "idToken", "refreshToken")) {
            if (answer.hasNonNull(name)) {
                secrets.add(answer.get(name).asText());
            }
        }
    }

    private static JsonNode json(String line) {
        try {
            JsonNode entry = JSON.readTree(line);
            assertTrue(entry.isObject(), "not a JSON object: " + line);
            return entry;
        } catch (Exception e) {
            return fail("not a JSON line: " + line);
        }
    }

    /** The address as the security events name it (account/AuthEvents: SHA-256, 12 bytes in hex). */
    /** The address's pseudonym: HMAC-SHA-256 with the log key (LogPseudonymKey), as identity/AuthEvents makes it. */
    private static String hash(String email) throws Exception {
        String key;
        try (SecretsManagerClient secrets = system.aws().client(SecretsManagerClient.builder())) {
            key = secrets.getSecretValue(r -> r.secretId(system.stack().physicalId("LogPseudonymKey"))).secretString();
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] pseudonym = mac.doFinal(("log-pseudonym\n" + email).getBytes(StandardCharsets.UTF_8));
        assertFalse(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8)), 0, 12)
                .equals(HexFormat.of().formatHex(pseudonym, 0, 12)));
        return HexFormat.of().formatHex(pseudonym, 0, 12);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream copy;
        private final OutputStream terminal;

        Tee(OutputStream copy, OutputStream terminal) {
            this.copy = copy;
            this.terminal = terminal;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            copy.write(b);
            terminal.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            copy.write(b, off, len);
            terminal.write(b, off, len);
        }
    }
}
