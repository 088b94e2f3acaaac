package org.multimedia.infrastructure.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The mail the emulator's SES has "sent", read from moto's {@code /moto-api/data.json}
 * ({@code ses.Message} for simple sends, {@code ses.RawMessage} for raw MIME).
 * moto keeps no send time, so {@code sentAt} is when this mailbox first saw the message;
 * the local gateway looks right after every function call, so that is close enough.
 */
public final class DevMailbox {

    public record Mail(String id, List<String> to, String from, String subject, String text, String html,
                       Map<String, String> headers, Instant sentAt) {
    }

    private static final Pattern HTML = Pattern.compile("(?s).*<(html|body|p|div|a|br|table|h[1-6]|span|strong)\\b.*",
            Pattern.CASE_INSENSITIVE);

    private final URI dataJson;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Session session = Session.getInstance(new Properties());
    /** Every message seen so far, in the order first seen. */
    private final Map<String, Mail> seen = new LinkedHashMap<>();

    public DevMailbox(URI endpoint) {
        this.dataJson = URI.create(endpoint.toString().replaceAll("/+$", "") + "/moto-api/data.json");
    }

    /** Mail whose recipients include {@code address} (case-insensitive), oldest first. */
    public synchronized List<Mail> mailTo(String address) throws IOException {
        refresh();
        String wanted = address.trim().toLowerCase(Locale.ROOT);
        return seen.values().stream()
                .filter(m -> m.to().stream().anyMatch(t -> extractAddress(t).equals(wanted)))
                .toList();
    }

    /**
     * Reads the emulator's record of sent mail and stamps new messages with the current time. The
     * emulator dumps its whole state (10 MB and 10 s on a busy 2-core machine late in the suite).
     */
    public synchronized void refresh() throws IOException {
        JsonNode ses;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(dataJson).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IOException("The emulator's " + dataJson + " answered " + response.statusCode());
            }
            ses = json.readTree(response.body()).path("ses");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
        Instant now = Instant.now();
        for (JsonNode message : ses.path("Message")) {
            String id = message.path("id").asText();
            if (!seen.containsKey(id)) {
                seen.put(id, simple(id, message, now));
            }
        }
        for (JsonNode message : ses.path("RawMessage")) {
            String id = message.path("id").asText();
            if (!seen.containsKey(id)) {
                seen.put(id, raw(id, message, now));
            }
        }
    }

    /** A simple send: moto keeps one body, the HTML one when both parts were sent. */
    private static Mail simple(String id, JsonNode message, Instant sentAt) {
        Set<String> to = new LinkedHashSet<>();
        JsonNode destinations = message.path("destinations");
        for (String field : List.of("ToAddresses", "CcAddresses", "BccAddresses")) {
            destinations.path(field).forEach(a -> to.add(a.asText()));
        }
        String body = message.path("body").isMissingNode() || message.path("body").isNull()
                ? null : message.path("body").asText();
        boolean html = body != null && HTML.matcher(body).matches();
        return new Mail(id, List.copyOf(to), message.path("source").asText(null),
                message.path("subject").asText(null), html ? null : body, html ? body : null, Map.of(), sentAt);
    }

    private Mail raw(String id, JsonNode message, Instant sentAt) {
        Set<String> to = new LinkedHashSet<>();
        Set<String> lower = new LinkedHashSet<>();
        message.path("destinations").forEach(a -> {
            if (lower.add(a.asText().toLowerCase(Locale.ROOT))) {
                to.add(a.asText());
            }
        });
        String data = message.path("raw_data").asText("");
        try {
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
            if (to.isEmpty()) {
                Address[] recipients = mime.getAllRecipients();
                if (recipients != null) {
                    for (Address recipient : recipients) {
                        to.add(recipient.toString());
                    }
                }
            }
            Address[] from = mime.getFrom();
            String[] bodies = new String[2];
            collectBodies(mime, bodies);
            return new Mail(id, List.copyOf(to),
                    from != null && from.length > 0 ? from[0].toString() : message.path("source").asText(null),
                    mime.getSubject(), bodies[0], bodies[1], headers(mime), sentAt);
        } catch (MessagingException | IOException unreadable) {
            return new Mail(id, List.copyOf(to), message.path("source").asText(null), null, data, null, Map.of(), sentAt);
        }
    }

    /** The message's own top-level headers (e.g. List-Unsubscribe), repeated ones joined with ", ". */
    private static Map<String, String> headers(MimeMessage mime) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (var header : java.util.Collections.list(mime.getAllHeaders())) {
            headers.merge(header.getName(), header.getValue(), (a, b) -> a + ", " + b);
        }
        return headers;
    }

    /** First text/plain into [0], first text/html into [1]; attachments are skipped. */
    private static void collectBodies(Part part, String[] bodies) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = String.valueOf(part.getContent());
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = String.valueOf(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collectBodies(child, bodies);
            }
        }
    }

    private static String extractAddress(String recipient) {
        String r = recipient.trim().toLowerCase(Locale.ROOT);
        int open = r.lastIndexOf('<');
        int close = r.lastIndexOf('>');
        return open >= 0 && close > open ? r.substring(open + 1, close).trim() : r;
    }

    /** The JSON the /_dev/mail endpoint answers. */
    public String toJson(List<Mail> mails) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Mail mail : mails) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("to", mail.to());
            item.put("from", mail.from());
            item.put("subject", mail.subject());
            item.put("text", mail.text());
            item.put("html", mail.html());
            item.put("headers", mail.headers());
            item.put("sentAt", mail.sentAt().toString());
            out.add(item);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }
}
