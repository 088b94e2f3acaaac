package org.multimedia.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.multimedia.core.HmacKeys;
import org.multimedia.core.HmacSha256;
import org.multimedia.core.KeyPurpose;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 19 item 11: an address in the logs is a keyed hash (HMAC-SHA-256 with the log key), so
 * that nobody with a list of addresses and the logs, but not the key, can tell whose line it is.
 */
class AuthEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    private final EmailAddress alice = EmailAddress.parse("alice@example.com");

    @Test
    void theSubjectIsNotTheUnkeyedSha256OfTheAddress() throws Exception {
        AuthEvents events = new AuthEvents(clock, HmacKeys.of(KeyPurpose.LOG_PSEUDONYMS, "log-key"));
        JsonNode line = logged(() -> events.record("login", "failure", alice));
        String subject = line.path("subject").asText();
        assertFalse(subject.isEmpty(), line.toString());
        assertFalse(line.toString().contains("alice@example.com"), line.toString());
        String unkeyed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("alice@example.com".getBytes(StandardCharsets.UTF_8)), 0, 12);
        assertNotEquals(unkeyed, subject, "anyone can compute the unkeyed SHA-256 of a listed address");
    }

    @Test
    void theSubjectIsTheHmacWithTheLogKeyStableForOneAddressAndKey() throws Exception {
        AuthEvents events = new AuthEvents(clock, HmacKeys.of(KeyPurpose.LOG_PSEUDONYMS, "log-key"));
        String expected = HexFormat.of().formatHex(HmacSha256.of("log-key".getBytes(StandardCharsets.UTF_8),
                "log-pseudonym\nalice@example.com"), 0, 12);
        assertEquals(expected, logged(() -> events.record("login", "failure", alice)).path("subject").asText());
        assertEquals(expected, logged(() -> events.record("signup", "accepted", alice)).path("subject").asText(),
                "one address, one pseudonym: it can be followed through the logs");
        AuthEvents otherKey = new AuthEvents(clock, HmacKeys.of(KeyPurpose.LOG_PSEUDONYMS, "another-log-key"));
        assertNotEquals(expected, otherKey.pseudonym("alice@example.com"), "without the key, no way to the same pseudonym");
        assertNotEquals(expected, events.pseudonym("bob@example.com"));
    }

    /** The log key is a purpose of its own: a function given only the code key cannot make pseudonyms with it. */
    @Test
    void thePseudonymNeedsTheLogKeyAndNoOther() {
        AuthEvents codesOnly = new AuthEvents(clock, HmacKeys.of(KeyPurpose.VERIFICATION_CODES, "code-key"));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> codesOnly.pseudonym("alice@example.com"));
        assertEquals(true, missing.getMessage().contains("LOG_PSEUDONYMS"), missing.getMessage());
    }

    /** A log line never fails the request it describes: without the log key, the subject says so. */
    @Test
    void anUnreadableLogKeyLeavesTheSubjectUnavailableAndFailsNothing() throws Exception {
        AuthEvents events = new AuthEvents(clock, purpose -> {
            throw org.multimedia.core.DomainException.unavailable();
        });
        assertEquals("unavailable", logged(() -> events.record("login", "success", alice)).path("subject").asText());
    }

    static JsonNode logged(Runnable action) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(out);
        }
        String[] lines = written.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length, written.toString(StandardCharsets.UTF_8));
        return JSON.readTree(lines[0]);
    }
}
