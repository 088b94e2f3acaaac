package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.multimedia.infrastructure.emulator.Template;

/**
 * The real local system (the repository's template.yaml, a fresh emulator, the seed catalogue)
 * driven over HTTP only, as a person with curl would: the catalogue, a verified user's download,
 * and an editor's create → upload → publish → unpublish.
 */
class VideosLocalSystemTest {

    private static final ObjectMapper JSON = LocalApi.JSON;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path SEED = CatalogueSeed.folder(Template.locate());
    private static final String PASSWORD = LocalApi.PASSWORD;

    private static LocalSystem system;
    private static LocalApi api;
    private static JsonNode seed;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(Template.locate(), 0);
        api = new LocalApi(system.url());
        seed = JSON.readTree(SEED.resolve("videos.json").toFile());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.stop();
        }
    }

    @Test
    void listsTheSeededCatalogueNewestFirstAndPagesWithASignedCursor() throws Exception {
        HttpResponse<String> response = send(request("/videos"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = JSON.readTree(response.body());
        assertTrue(page.get("nextCursor").isNull(), "one page with the default limit");
        List<String> titles = titles(page);
        List<String> expected = new ArrayList<>();
        seed.forEach(v -> expected.add(v.get("title").asText())); // videos.json is newest first
        assertEquals(expected, titles);
        JsonNode first = page.get("items").get(0);
        assertEquals("NATO Defence Ministers meet ahead of the Madrid Summit", first.get("title").asText());
        assertEquals("2022-06-16T14:30:00Z", first.get("publishedAt").asText());
        assertEquals(4, first.get("durationSeconds").asInt());
        assertEquals("hd", first.get("renditions").get(0).get("name").asText());
        assertEquals(13743, first.get("renditions").get(0).get("sizeBytes").asLong());
        assertNull(first.get("description"), "lists carry no description");

        JsonNode detail = JSON.readTree(send(request("/videos/" + first.get("id").asText())).body());
        assertEquals(seed.get(0).get("description").asText(), detail.get("description").asText());

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/videos?limit=2" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> answer = send(request(path));
            assertEquals(200, answer.statusCode(), answer.body());
            JsonNode next = JSON.readTree(answer.body());
            assertTrue(next.get("items").size() <= 2);
            paged.addAll(titles(next));
            cursor = next.get("nextCursor").isNull() ? null : next.get("nextCursor").asText();
            pages++;
            if (pages == 1) {
                assertNotNull(cursor);
                String tampered = tamper(cursor);
                HttpResponse<String> refused = send(request("/videos?limit=2&cursor="
                        + URLEncoder.encode(tampered, StandardCharsets.UTF_8)));
                assertEquals(400, refused.statusCode(), refused.body());
                assertEquals("invalid_request", JSON.readTree(refused.body()).get("error").asText());
            }
        } while (cursor != null && pages < 10);
        assertEquals(expected, paged);
        assertEquals(2, pages);

        HttpResponse<String> garbage = send(request("/videos?cursor=not-a-cursor"));
        assertEquals(400, garbage.statusCode(), garbage.body());
        assertEquals("invalid_request", JSON.readTree(garbage.body()).get("error").asText());
    }

    @Test
    void aVerifiedUserDownloadsTheExactBytesOfTheSeedFile() throws Exception {
        String token = verifiedUser("viewer-" + UUID.randomUUID() + "@test.example");
        JsonNode first = JSON.readTree(send(request("/videos?limit=1")).body()).get("items").get(0);

        HttpResponse<String> response = send(request("/videos/" + first.get("id").asText() + "/download")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"rendition\":\"sd\"}")));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode link = JSON.readTree(response.body());
        assertEquals("nato-defence-ministers-2022-06-16-sd.mp4", link.get("filename").asText());
        Instant expiresAt = Instant.parse(link.get("expiresAt").asText());
        assertTrue(expiresAt.isAfter(Instant.now()), "expiresAt in the future: " + expiresAt);

        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(link.get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        assertArrayEquals(Files.readAllBytes(SEED.resolve("files/nato-defence-ministers-2022-06-16-sd.mp4")), file.body());

        // No body: the first rendition.
        HttpResponse<String> byDefault = send(request("/videos/" + first.get("id").asText() + "/download")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, byDefault.statusCode(), byDefault.body());
        assertEquals("nato-defence-ministers-2022-06-16-hd.mp4", JSON.readTree(byDefault.body()).get("filename").asText());
    }

    @Test
    void anEditorCreatesUploadsPublishesAndUnpublishesAVideo() throws Exception {
        String email = "editor-" + UUID.randomUUID() + "@test.example";
        String viewerToken = verifiedUser(email);
        HttpResponse<String> refused = send(request("/videos").header("Authorization", "Bearer " + viewerToken)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("forbidden", JSON.readTree(refused.body()).get("error").asText());

        HttpResponse<String> grouped = send(request("/_dev/groups/editors")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email)))));
        assertEquals(204, grouped.statusCode(), grouped.body());
        String token = login(email);

        byte[] bytes = new byte[4321];
        new Random(6).nextBytes(bytes);
        ObjectNode video = JSON.createObjectNode()
                .put("title", "Editors' test video")
                .put("summary", "Published by the local system test.")
                .put("description", "A few random bytes standing in for a film.")
                .put("publishedAt", "2025-01-01T08:00:00Z") // newer than every seed video, and past (a future one would be published as now)
                .put("durationSeconds", 1);
        ArrayNode renditions = video.putArray("renditions");
        renditions.addObject().put("name", "hd").put("label", "HD 1080p").put("mimeType", "video/mp4")
                .put("sizeBytes", bytes.length).put("filename", "editors-test.mp4").put("sha256", sha256(bytes));

        HttpResponse<String> created = send(request("/videos").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(video.toString())));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode draft = JSON.readTree(created.body());
        String id = draft.get("id").asText();
        assertEquals("draft", draft.get("status").asText());
        JsonNode upload = draft.get("uploads").get(0);
        assertEquals("hd", upload.get("rendition").asText());
        assertEquals("PUT", upload.get("method").asText());
        assertTrue(upload.get("s3Uri").asText().endsWith("/uploads/" + id + "/hd"), upload.get("s3Uri").asText());

        assertEquals(404, send(request("/videos/" + id)).statusCode(), "a draft is not shown");
        HttpResponse<String> early = send(request("/videos/" + id + "/publish").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(409, early.statusCode(), early.body());
        assertEquals("upload_missing", JSON.readTree(early.body()).get("error").asText());

        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.get("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> stored = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());

        HttpResponse<String> published = send(request("/videos/" + id + "/publish")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, published.statusCode(), published.body());
        assertEquals("published", JSON.readTree(published.body()).get("status").asText());

        JsonNode list = JSON.readTree(send(request("/videos?limit=50")).body());
        assertEquals(id, list.get("items").get(0).get("id").asText());
        assertEquals("2025-01-01T08:00:00Z", list.get("items").get(0).get("publishedAt").asText());
        assertEquals(seed.size() + 1, list.get("items").size());

        HttpResponse<String> download = send(request("/videos/" + id + "/download")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, download.statusCode(), download.body());
        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(
                URI.create(JSON.readTree(download.body()).get("url").asText())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(bytes, file.body());

        HttpResponse<String> deleted = send(request("/videos/" + id).header("Authorization", "Bearer " + token).DELETE());
        assertEquals(204, deleted.statusCode(), deleted.body());
        JsonNode after = JSON.readTree(send(request("/videos?limit=50")).body());
        after.get("items").forEach(item -> assertFalse(item.get("id").asText().equals(id), "unpublished video listed"));
        assertEquals(seed.size(), after.get("items").size());
        HttpResponse<String> gone = send(request("/videos/" + id));
        assertEquals(404, gone.statusCode(), gone.body());
        assertEquals("not_found", JSON.readTree(gone.body()).get("error").asText());
        assertEquals(404, send(request("/videos/" + id + "/download").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode(), "not downloadable once unpublished");
    }

    /**
     * Issue 19, item 7 (acceptance): the presigned upload URL stays valid for an hour after
     * publish, but a PUT to it no longer changes what a new download link serves: the same bytes,
     * whose SHA-256 is the one the editor declared and the catalogue shows.
     */
    @Test
    void aPutToAPublishedRenditionsOldUploadUrlDoesNotChangeWhatANewDownloadLinkServes() throws Exception {
        String email = "editor-" + UUID.randomUUID() + "@test.example";
        api.verifiedUser(email);
        HttpResponse<String> grouped = send(request("/_dev/groups/editors")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email)))));
        assertEquals(204, grouped.statusCode(), grouped.body());
        String token = login(email);

        byte[] original = new byte[5000];
        new Random(19).nextBytes(original);
        String declared = sha256(original);
        ObjectNode video = JSON.createObjectNode()
                .put("title", "Pinned bytes").put("summary", "Published, then attacked through its old upload URL.")
                .put("description", "").put("publishedAt", "2029-01-01T08:00:00Z").put("durationSeconds", 1);
        video.putArray("renditions").addObject().put("name", "hd").put("label", "HD").put("mimeType", "video/mp4")
                .put("sizeBytes", original.length).put("filename", "pinned.mp4").put("sha256", declared);
        HttpResponse<String> created = send(request("/videos").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(video.toString())));
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        JsonNode upload = JSON.readTree(created.body()).get("uploads").get(0);
        assertEquals(200, put(upload, original).statusCode());
        HttpResponse<String> published = send(request("/videos/" + id + "/publish")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, published.statusCode(), published.body());
        try {
            assertPinned(id, token, upload, original, declared);
        } finally { // the other tests expect the seed catalogue alone
            assertEquals(204, send(request("/videos/" + id).header("Authorization", "Bearer " + token).DELETE()).statusCode());
        }
    }

    private static void assertPinned(String id, String token, JsonNode upload, byte[] original, String declared) throws Exception {
        assertArrayEquals(original, downloadedBytes(id, token), "the published bytes");

        byte[] replacement = new byte[original.length]; // same size: only the bytes differ
        new Random(7).nextBytes(replacement);
        HttpResponse<String> replaced = put(upload, replacement); // the old URL, still within its hour
        byte[] served = downloadedBytes(id, token); // a new link, issued after the PUT
        assertArrayEquals(original, served, "a PUT to the old upload URL (answered " + replaced.statusCode()
                + ") replaced the published bytes");
        assertEquals(declared, sha256(served));
        JsonNode shown = JSON.readTree(send(request("/videos/" + id)).body()).get("renditions").get(0);
        assertEquals(declared, shown.get("sha256").asText(), "the catalogue shows the declared SHA-256");
    }

    /** A PUT to a presigned upload URL with the headers it was signed with. */
    private static HttpResponse<String> put(JsonNode upload, byte[] bytes) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.get("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        return HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The bytes a new download link of the video's first rendition serves. */
    private static byte[] downloadedBytes(String id, String token) throws Exception {
        HttpResponse<String> link = send(request("/videos/" + id + "/download")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, link.statusCode(), link.body());
        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(JSON.readTree(link.body()).get("url").asText()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        return file.body();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void downloadingWithoutATokenIsUnauthorized() throws Exception {
        String id = JSON.readTree(send(request("/videos?limit=1")).body()).get("items").get(0).get("id").asText();
        HttpResponse<String> response = send(request("/videos/" + id + "/download").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, response.statusCode(), response.body());
    }




    /** The same cursor with one character changed in its middle. */
    private static String tamper(String cursor) {
        int at = cursor.length() / 2;
        char replacement = cursor.charAt(at) == 'A' ? 'B' : 'A';
        return cursor.substring(0, at) + replacement + cursor.substring(at + 1);
    }

    /** A confirmed member who accepted the conditions of use (downloads need them). */
    private static String verifiedUser(String email) throws Exception {
        return api.acceptTerms(api.verifiedUser(email));
    }

    private static String login(String email) throws Exception {
        return api.acceptTerms(api.login(email));
    }

    private static HttpRequest.Builder request(String path) {
        return api.request(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return LocalApi.send(request);
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("items").forEach(item -> titles.add(item.get("title").asText()));
        return titles;
    }


}
