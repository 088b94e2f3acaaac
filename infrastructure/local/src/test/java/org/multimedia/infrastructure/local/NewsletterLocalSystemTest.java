package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;

/**
 * The newsletter on the real local system, over HTTP only: a subscriber, a marketing member's
 * campaign sent through the local queues, the newsletter in the dev mailbox with its RFC 8058
 * headers, one-click unsubscribe, and a second campaign that no longer reaches them.
 */
class NewsletterLocalSystemTest {

    private static LocalSystem system;
    private static LocalApi api;

    @BeforeAll
    static void start() {
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
    void aCampaignReachesTheSubscriberWithItsUnsubscribeHeadersAndOneClickEndsIt() throws Exception {
        String reader = "reader-" + UUID.randomUUID() + "@example.com";
        String readerToken = api.verifiedUser(reader);
        HttpResponse<String> subscribed = LocalApi.send(api.request("/newsletter/subscription")
                .PUT(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + readerToken));
        assertEquals("{\"subscribed\":true}", subscribed.body());

        String marketer = "marketer-" + UUID.randomUUID() + "@example.com";
        api.verifiedUser(marketer);
        assertEquals(204, LocalApi.send(api.post("/_dev/groups/marketing", Map.of("email", marketer), null)).statusCode());
        String marketing = api.login(marketer);

        String first = campaign(marketing, "First campaign " + UUID.randomUUID());
        JsonNode newsletter = api.awaitMail(reader, m -> first.equals(m.get("subject").asText()));
        JsonNode headers = newsletter.get("headers");
        assertEquals("List-Unsubscribe=One-Click", headers.get("List-Unsubscribe-Post").asText());
        String link = headers.get("List-Unsubscribe").asText().replaceAll("^<|>$", "");
        assertTrue(link.startsWith(system.url() + "/newsletter/unsubscribe?token="), link);

        assertEquals(200, LocalApi.send(HttpRequest.newBuilder(URI.create(link))).statusCode(), "the page");
        HttpResponse<String> oneClick = LocalApi.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertEquals(200, oneClick.statusCode(), oneClick.body());
        JsonNode me = LocalApi.JSON.readTree(LocalApi.send(api.request("/account/me")
                .header("Authorization", "Bearer " + readerToken)).body());
        assertEquals(false, me.get("newsletter").asBoolean());

        String second = campaign(marketing, "Second campaign " + UUID.randomUUID());
        awaitSent(marketing, second);
        for (JsonNode mail : api.mailTo(reader)) {
            assertTrue(!second.equals(mail.get("subject").asText()), "the second campaign does not reach them");
        }
    }

    /** Sends a campaign whose id is its subject's last word; returns the subject. */
    private static String campaign(String token, String subject) throws Exception {
        HttpResponse<String> accepted = LocalApi.send(api.post("/newsletter/campaigns", Map.of("campaignId", id(subject),
                "subject", subject, "html", "<p>News.</p>", "text", "News.", "language", "en"), token));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return subject;
    }

    /** Waits until the local queues finished the campaign (status sent). */
    private static void awaitSent(String token, String subject) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode campaign = LocalApi.JSON.readTree(LocalApi.send(api.request("/newsletter/campaigns/" + id(subject))
                    .header("Authorization", "Bearer " + token)).body());
            if ("sent".equals(campaign.path("status").asText())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The campaign did not finish: " + subject);
    }

    private static String id(String subject) {
        return subject.substring(subject.lastIndexOf(' ') + 1);
    }
}
