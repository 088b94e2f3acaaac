package org.multimedia.video;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.account.LogoutHandler;
import org.multimedia.http.ApiHandler;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The video functions against the emulator: catalogue, downloads, and the editors' path, through the handlers. */
class VideoIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestAws aws = TestAws.get();
    private final JsonMapper json = JsonMapper.createDefault();
    private final ListVideosHandler list = aws.handler(ListVideosHandler.class, "ListVideosFunction");
    private final GetVideoHandler get = aws.handler(GetVideoHandler.class, "GetVideoFunction");
    private final DownloadVideoHandler download = aws.handler(DownloadVideoHandler.class, "DownloadVideoFunction");
    private final CreateVideoHandler create = aws.handler(CreateVideoHandler.class, "CreateVideoFunction");
    private final PublishVideoHandler publish = aws.handler(PublishVideoHandler.class, "PublishVideoFunction");
    private final DeleteVideoHandler delete = aws.handler(DeleteVideoHandler.class, "DeleteVideoFunction");
    private final org.multimedia.account.AcceptTermsHandler acceptTerms =
            aws.handler(org.multimedia.account.AcceptTermsHandler.class, "AcceptTermsFunction");
    private final Random random = new Random();

    @Test
    void anEditorCreatesUploadsAndPublishesAndAVerifiedUserDownloadsTheStoredBytes() throws Exception {
        String editor = accessToken(account(true, "editors"));
        byte[] hd = bytes(4096);
        byte[] sd = bytes(1024);
        Instant publishedAt = uniquePastInstant();

        APIGatewayV2HTTPResponse created = call(create, authorized("create-video.json", editor, null,
                newVideo(publishedAt, Map.of("hd", hd, "sd", sd))));
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode draft = aws.body(created);
        String id = draft.get("id").getStringValue();
        assertEquals("draft", draft.get("status").getStringValue());
        assertEquals(2, draft.get("uploads").size());
        JsonNode upload = draft.get("uploads").get(0);
        assertEquals("hd", upload.get("rendition").getStringValue());
        assertEquals("PUT", upload.get("method").getStringValue());
        assertEquals("video/mp4", upload.get("headers").get("Content-Type").getStringValue());
        assertEquals("attachment; filename=\"defence-ministers-hd.mp4\"",
                upload.get("headers").get("Content-Disposition").getStringValue());
        assertTrue(upload.get("s3Uri").getStringValue().endsWith("/uploads/" + id + "/hd"), "a staging key: " + upload);
        assertTrue(Instant.parse(upload.get("expiresAt").getStringValue()).isAfter(Instant.now().plus(Duration.ofMinutes(59))));

        assertEquals(404, call(get, event("get-video.json", id)).getStatusCode(), "a draft is not shown");
        assertTrue(listAll(50).stream().noneMatch(v -> v.get("id").getStringValue().equals(id)), "a draft is not listed");

        put(upload, hd);
        APIGatewayV2HTTPResponse early = call(publish, authorized("publish-video.json", editor, id, null));
        assertEquals(409, early.getStatusCode(), "sd is not uploaded yet");
        assertEquals("upload_missing", aws.body(early).get("error").getStringValue());
        assertEquals(List.of("sd"), strings(aws.body(early).get("renditions")));

        put(draft.get("uploads").get(1), bytes(1000)); // not the declared size
        assertEquals(409, call(publish, authorized("publish-video.json", editor, id, null)).getStatusCode());
        put(draft.get("uploads").get(1), sd);
        APIGatewayV2HTTPResponse published = call(publish, authorized("publish-video.json", editor, id, null));
        assertEquals(200, published.getStatusCode(), published.getBody());
        assertEquals("published", aws.body(published).get("status").getStringValue());
        assertTrue(catalogueChangeQueued(id), "publishing queues the change for the edge cache");

        JsonNode shown = aws.body(call(get, event("get-video.json", id)));
        assertEquals("Defence Ministers' meeting", shown.get("title").getStringValue());
        assertTrue(shown.get("description").getStringValue().startsWith("NATO Defence Ministers"));
        assertEquals(publishedAt.toString(), shown.get("publishedAt").getStringValue());
        assertNull(shown.get("renditions").get(0).get("filename"), "storage details stay inside");
        assertTrue(listAll(50).stream().anyMatch(v -> v.get("id").getStringValue().equals(id)));

        String viewer = viewer();
        APIGatewayV2HTTPResponse link = call(download, authorized("download-video.json", viewer, id, Map.of("rendition", "sd")));
        assertEquals(200, link.getStatusCode(), link.getBody());
        JsonNode answer = aws.body(link);
        assertEquals("defence-ministers-sd.mp4", answer.get("filename").getStringValue());
        Duration left = Duration.between(Instant.now(), Instant.parse(answer.get("expiresAt").getStringValue()));
        assertTrue(left.compareTo(Duration.ofMinutes(9)) > 0 && left.compareTo(Duration.ofMinutes(10).plusSeconds(1)) <= 0,
                "10 minutes and a 1 KB file's second at 20 Mbit/s: " + left);
        String url = answer.get("url").getStringValue();
        assertTrue(URLDecoder.decode(url, StandardCharsets.UTF_8)
                .contains("response-content-disposition=attachment; filename=\"defence-ministers-sd.mp4\""), url);
        HttpResponse<byte[]> file = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertArrayEquals(sd, file.body());
        assertEquals("attachment; filename=\"defence-ministers-sd.mp4\"",
                file.headers().firstValue("Content-Disposition").orElse(null), "the browser saves it under its name");

        APIGatewayV2HTTPResponse first = call(download, authorized("download-video.json", viewer, id, null));
        assertEquals("defence-ministers-hd.mp4", aws.body(first).get("filename").getStringValue(), "the first rendition by default");
        assertArrayEquals(hd, fetch(aws.body(first).get("url").getStringValue()));

        APIGatewayV2HTTPResponse removed = call(delete, authorized("delete-video.json", editor, id, null));
        assertEquals(204, removed.getStatusCode(), removed.getBody());
        assertTrue(catalogueChangeQueued(id), "unpublishing too");
        assertEquals(404, call(get, event("get-video.json", id)).getStatusCode());
        assertEquals(404, call(download, authorized("download-video.json", viewer, id, null)).getStatusCode());
        assertTrue(listAll(50).stream().noneMatch(v -> v.get("id").getStringValue().equals(id)));
    }

    /**
     * Issue 19, item 7: the upload goes to a staging key with the declared SHA-256 signed into the
     * URL; publish copies it to the published key and checks the SHA-256 S3 computed of the copy;
     * a later PUT to the old URL changes nothing that is served.
     */
    @Test
    void publishedBytesArePinnedToTheDeclaredSha256() throws Exception {
        String editor = accessToken(account(true, "editors"));
        byte[] film = bytes(2048);
        byte[] other = bytes(2048);
        String sha256 = sha256(film);
        Map<String, Object> video = newVideo(uniquePastInstant(), Map.of("hd", film));
        video.put("renditions", List.of(Map.of("name", "hd", "label", "HD", "mimeType", "video/mp4", "sizeBytes", film.length,
                "filename", "pinned-hd.mp4", "sha256", sha256)));
        APIGatewayV2HTTPResponse created = call(create, authorized("create-video.json", editor, null, video));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String id = aws.body(created).get("id").getStringValue();
        JsonNode upload = aws.body(created).get("uploads").get(0);
        assertEquals(java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(sha256)),
                upload.get("headers").get("x-amz-checksum-sha256").getStringValue(), "the declared SHA-256 is a signed header");
        Set<String> headers = new HashSet<>();
        upload.get("headers").entries().forEach(h -> headers.add(h.getKey()));
        assertEquals(Set.of("Content-Type", "Content-Disposition", "x-amz-checksum-sha256"), headers,
                "what a browser sends (the bucket's CORS rule allows exactly these)");
        assertTrue(upload.get("s3Uri").getStringValue().endsWith("/uploads/" + id + "/hd"), "a staging key: " + upload);

        put(upload, other); // moto does not check the body against the header (S3 answers 400 BadDigest)
        APIGatewayV2HTTPResponse wrong = call(publish, authorized("publish-video.json", editor, id, null));
        assertEquals(409, wrong.getStatusCode(), wrong.getBody());
        assertEquals("checksum_mismatch", aws.body(wrong).get("error").getStringValue());
        assertEquals(List.of("hd"), strings(aws.body(wrong).get("renditions")));

        put(upload, film);
        APIGatewayV2HTTPResponse published = call(publish, authorized("publish-video.json", editor, id, null));
        assertEquals(200, published.getStatusCode(), published.getBody());
        assertEquals(sha256, aws.body(published).get("renditions").get(0).get("sha256").getStringValue());
        put(upload, other); // the old URL, after publish

        String viewer = viewer();
        APIGatewayV2HTTPResponse link = call(download, authorized("download-video.json", viewer, id, null));
        assertArrayEquals(film, fetch(aws.body(link).get("url").getStringValue()), "the published bytes stay");
        assertEquals(sha256, aws.body(call(get, event("get-video.json", id))).get("renditions").get(0).get("sha256").getStringValue());

        assertEquals(204, call(delete, authorized("delete-video.json", editor, id, null)).getStatusCode());
        APIGatewayV2HTTPResponse again = call(publish, authorized("publish-video.json", editor, id, null));
        assertEquals(200, again.getStatusCode(), "publishing again keeps the pinned copy: " + again.getBody());
        assertArrayEquals(film, fetch(aws.body(call(download, authorized("download-video.json", viewer, id, null))).get("url").getStringValue()));
    }

    @Test
    void theDailyByteBudgetRefusesTheLinkThatWouldCrossItUntilMidnightUtc() {
        List<String> ids = List.of(publishedVideo(), publishedVideo(), publishedVideo()); // one 16-byte file each
        String token = viewer();
        DownloadVideoHandler budgeted = aws.handler(DownloadVideoHandler.class, "DownloadVideoFunction",
                Map.of("DOWNLOAD_BYTES_PER_DAY", "40"));
        for (int i = 0; i < 2; i++) {
            assertEquals(200, call(budgeted, authorized("download-video.json", token, ids.get(i), null)).getStatusCode());
        }
        assertEquals(200, call(budgeted, authorized("download-video.json", token, ids.get(0), null)).getStatusCode(),
                "a file already counted today does not count again");
        Instant refusedAt = Instant.now();
        APIGatewayV2HTTPResponse crossing = call(budgeted, authorized("download-video.json", token, ids.get(2), null));
        assertEquals(429, crossing.getStatusCode(), crossing.getBody());
        JsonNode body = aws.body(crossing);
        assertEquals("too_many_requests", body.get("error").getStringValue());
        assertTrue(body.get("message").getStringValue().contains("download volume allowed per day"), crossing.getBody());
        long toMidnight = Duration.between(refusedAt, refusedAt.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofDays(1))).toSeconds();
        long wait = body.get("retryAfterSeconds").getLongValue();
        assertTrue(Math.abs(wait - toMidnight) <= 5, wait + " s, midnight UTC is in " + toMidnight + " s");
        assertEquals(Long.toString(wait), crossing.getHeaders().get("Retry-After"));

        long recorded;
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            recorded = dynamo.query(q -> q.tableName(aws.stack().physicalId("DownloadsTable"))
                .keyConditionExpression("#sub = :sub").expressionAttributeNames(Map.of("#sub", "sub"))
                .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS(subOf(token))))).items().stream()
                    .filter(item -> item.get("sizeBytes") != null && item.get("sizeBytes").n().equals("16")).count();
        }
        assertEquals(2, recorded, "the refused link is not recorded; each recorded one says what it counted");
    }

    @Test
    void everyDownloadIsAuditedAndCountedAgainstAnHourlyAllowance() {
        String id = publishedVideo();
        String other = publishedVideo();
        TestAws.PoolUser viewer = account(true);
        String token = acceptedTerms(accessToken(viewer));
        DownloadVideoHandler strict = aws.handler(DownloadVideoHandler.class, "DownloadVideoFunction",
                Map.of("VIDEOS_MAX_DOWNLOADS_PER_HOUR", "2"));
        assertEquals(200, call(strict, authorized("download-video.json", token, other, null)).getStatusCode());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, call(strict, authorized("download-video.json", token, id, null)).getStatusCode(),
                    "asking again while the link lives is not a new download");
        }
        APIGatewayV2HTTPResponse limited = call(strict, authorized("download-video.json", token, publishedVideo(), null));
        assertEquals(429, limited.getStatusCode(), limited.getBody());
        assertEquals("too_many_requests", aws.body(limited).get("error").getStringValue());
        long wait = aws.body(limited).get("retryAfterSeconds").getLongValue();
        assertTrue(wait >= 1 && wait <= 3600, Long.toString(wait));
        assertEquals(Long.toString(wait), limited.getHeaders().get("Retry-After"));

        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            String table = aws.stack().physicalId("DownloadsTable");
            List<Map<String, AttributeValue>> audit = new ArrayList<>(dynamo.query(q -> q.tableName(table)
                    .keyConditionExpression("#sub = :sub").expressionAttributeNames(Map.of("#sub", "sub"))
                    .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS(viewer.sub())))).items());
            assertEquals(2, audit.size(), "the repeated and the refused downloads are not recorded");
            audit.sort(java.util.Comparator.comparing(item -> item.get("downloadId").s()));
            assertEquals(id, audit.get(1).get("videoId").s());
            assertEquals("hd", audit.get(0).get("rendition").s());
            assertNull(audit.get(0).get("sourceIp"), "the IP is an item of its own that expires (DownloadAuditIntegrationTest)");
            assertTrue(Instant.parse(audit.get(0).get("at").s()).isAfter(Instant.now().minusSeconds(60)));
            int perVideo = dynamo.query(q -> q.tableName(table).indexName("by-video")
                    .keyConditionExpression("videoId = :v")
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(id)))).count();
            assertEquals(1, perVideo);
        }
    }

    // ------------------------------------------------------------------ issue 21: broadcast-grade delivery

    private final DownloadBasketHandler basket = aws.handler(DownloadBasketHandler.class, "DownloadBasketFunction");
    private final ListDownloadsHandler history = aws.handler(ListDownloadsHandler.class, "ListDownloadsFunction");

    @Test
    void theTermsArePublicAndAcceptingThemIsOnTheProfile() {
        APIGatewayV2HTTPResponse terms = call(aws.handler(org.multimedia.account.GetTermsHandler.class, "GetTermsFunction"),
                aws.event("get-terms.json", null));
        assertEquals(200, terms.getStatusCode(), terms.getBody());
        assertEquals("public, max-age=300", terms.getHeaders().get("Cache-Control"));
        JsonNode body = aws.body(terms);
        assertEquals(org.multimedia.identity.TermsSettings.DEFAULT_VERSION, body.get("version").getStringValue());
        assertTrue(body.get("text").get("en").getStringValue().startsWith("Conditions of use"), terms.getBody());
        assertTrue(body.get("text").get("fr").getStringValue().startsWith("Conditions d'utilisation"), terms.getBody());
        assertEquals("Video: NATO", body.get("credit").getStringValue());

        String token = accessToken(account(true));
        org.multimedia.account.GetProfileHandler profile = aws.handler(org.multimedia.account.GetProfileHandler.class, "GetProfileFunction");
        JsonNode before = aws.body(call(profile, aws.authorized("get-profile.json", token)));
        assertTrue(before.get("terms").isNull(), "never accepted: null, " + before);
        APIGatewayV2HTTPResponse outdated = call(acceptTerms, authorized("accept-terms.json", token, null, Map.of("version", "2020-01-01")));
        assertEquals(409, outdated.getStatusCode(), outdated.getBody());
        assertEquals("terms_outdated", aws.body(outdated).get("error").getStringValue());
        assertEquals(org.multimedia.identity.TermsSettings.DEFAULT_VERSION, aws.body(outdated).get("version").getStringValue());
        acceptedTerms(token);
        JsonNode after = aws.body(call(profile, aws.authorized("get-profile.json", token))).get("terms");
        assertEquals(org.multimedia.identity.TermsSettings.DEFAULT_VERSION, after.get("version").getStringValue());
        assertTrue(Duration.between(Instant.parse(after.get("acceptedAt").getStringValue()), Instant.now()).abs().toSeconds() < 60, after.toString());
    }

    /** Issue 21: 40 requests for one rendition are 40 links and one download; the link answers byte ranges with 206. */
    @Test
    void askingAgainForOneRenditionCountsOnceAndItsLinkAnswersByteRanges() throws Exception {
        byte[] film = bytes(4096);
        String id = publishedVideo(film);
        String viewer = viewer();
        String url = null;
        for (int i = 0; i < 40; i++) {
            APIGatewayV2HTTPResponse link = call(download, authorized("download-video.json", viewer, id, null));
            assertEquals(200, link.getStatusCode(), "request " + (i + 1) + ": " + link.getBody());
            JsonNode answer = aws.body(link);
            assertEquals(sha256(film), answer.get("sha256").getStringValue());
            assertEquals(4096, answer.get("sizeBytes").getLongValue());
            assertEquals("Video: NATO", answer.get("credit").getStringValue());
            url = answer.get("url").getStringValue();
        }
        HttpResponse<byte[]> range = send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=100-199").GET().build());
        assertEquals(206, range.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(film, 100, 200), range.body());
        assertEquals("bytes 100-199/4096", range.headers().firstValue("Content-Range").orElse(null));

        APIGatewayV2HTTPResponse past = call(history, aws.authorized("list-downloads.json", viewer));
        assertEquals(200, past.getStatusCode(), past.getBody());
        JsonNode items = aws.body(past).get("items");
        assertEquals(1, items.size(), past.getBody());
        assertEquals(id, items.get(0).get("videoId").getStringValue());
        assertEquals("Defence Ministers' meeting", items.get(0).get("title").getStringValue());
        assertEquals("defence-ministers-hd.mp4", items.get(0).get("filename").getStringValue());
        assertEquals(sha256(film), items.get(0).get("sha256").getStringValue());
        assertTrue(aws.body(past).get("nextCursor").isNull());
        assertEquals("Video: NATO", aws.body(call(get, event("get-video.json", id))).get("credit").getStringValue());
    }

    /** Issue 21: a basket as JSON or as a Metalink 4 document with every file's size, SHA-256 and link. */
    @Test
    void aBasketAnswersALinkPerFileAsJsonOrMetalink() throws Exception {
        byte[] one = bytes(300);
        byte[] two = bytes(500);
        String first = publishedVideo(one);
        String second = publishedVideo(two);
        String viewer = viewer();
        Map<String, Object> items = Map.of("items", List.of(Map.of("videoId", first), Map.of("videoId", second, "rendition", "hd")));

        APIGatewayV2HTTPEvent asJson = authorized("download-basket.json", viewer, null, items);
        asJson.getHeaders().remove("accept");
        APIGatewayV2HTTPResponse links = call(basket, asJson);
        assertEquals(200, links.getStatusCode(), links.getBody());
        JsonNode answer = aws.body(links);
        assertEquals(2, answer.get("items").size());
        assertEquals(first, answer.get("items").get(0).get("videoId").getStringValue());
        assertEquals(sha256(two), answer.get("items").get(1).get("sha256").getStringValue());
        assertEquals("Video: NATO", answer.get("credit").getStringValue());
        assertArrayEquals(one, fetch(answer.get("items").get(0).get("url").getStringValue()));

        APIGatewayV2HTTPResponse metalink = call(basket, authorized("download-basket.json", viewer, null, items));
        assertEquals(200, metalink.getStatusCode(), metalink.getBody());
        assertEquals("application/metalink4+xml; charset=utf-8", metalink.getHeaders().get("Content-Type"));
        assertEquals("attachment; filename=\"videos.meta4\"", metalink.getHeaders().get("Content-Disposition"));
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var document = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(metalink.getBody().getBytes(StandardCharsets.UTF_8)));
        var files = document.getElementsByTagNameNS("urn:ietf:params:xml:ns:metalink", "file");
        assertEquals(2, files.getLength());
        var hashes = document.getElementsByTagNameNS("urn:ietf:params:xml:ns:metalink", "hash");
        assertEquals(List.of(sha256(one), sha256(two)), List.of(hashes.item(0).getTextContent(), hashes.item(1).getTextContent()));
        String url = document.getElementsByTagNameNS("urn:ietf:params:xml:ns:metalink", "url").item(1).getTextContent();
        assertArrayEquals(two, fetch(url), "the document's link works as it is");

        JsonNode past = aws.body(call(history, aws.authorized("list-downloads.json", viewer))).get("items");
        assertEquals(2, past.size(), "the basket counted once per file, and the Metalink request (links still live) not again");

        String unknown = UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse gone = call(basket, authorized("download-basket.json", viewer, null,
                Map.of("items", List.of(Map.of("videoId", first), Map.of("videoId", unknown)))));
        assertEquals(404, gone.getStatusCode(), gone.getBody());
        assertEquals(unknown, aws.body(gone).get("videoId").getStringValue());
        assertEquals(400, call(basket, authorized("download-basket.json", viewer, null, Map.of("items", List.of()))).getStatusCode());
    }

    /**
     * Issue 21, acceptance 3: a 256 MiB file, published with its SHA-256, fetched in four ranges of
     * 64 MiB from links asked for at different times (one download counted), joined, hashes to what
     * the catalogue shows.
     */
    @Test
    void aQuarterGigabyteFileArrivesWholeInFourRangesFromLinksAskedForAtDifferentTimes() throws Exception {
        int size = 256 << 20;
        int quarter = size / 4;
        byte[] film = new byte[size];
        new Random(21).nextBytes(film);
        // moto says nothing while it copies and hashes the file (S3 keeps the connection alive with
        // whitespace): this publish waits longer for the emulator's first byte than the production setting.
        PublishVideoHandler patient = aws.handler(PublishVideoHandler.class, "PublishVideoFunction",
                Map.of("AWS_CLIENT_READ_TIMEOUT", "60s", "AWS_CLIENT_ATTEMPT_TIMEOUT", "60s", "AWS_CLIENT_CALL_TIMEOUT", "60s"));
        String id = publishedVideo(film, patient);
        String catalogued = aws.body(call(get, event("get-video.json", id))).get("renditions").get(0).get("sha256").getStringValue();
        assertEquals(sha256(film), catalogued);
        film = null; // what arrives is hashed on its own

        try {
            String viewer = viewer();
            MessageDigest joined = MessageDigest.getInstance("SHA-256");
            Set<String> urls = new HashSet<>();
            for (int part = 0; part < 4; part++) {
                Thread.sleep(1100); // each link asked for at another second
                JsonNode link = aws.body(call(download, authorized("download-video.json", viewer, id, null)));
                urls.add(link.get("url").getStringValue());
                Duration life = Duration.between(Instant.now(), Instant.parse(link.get("expiresAt").getStringValue()));
                assertTrue(life.compareTo(Duration.ofMinutes(10).plusSeconds(100)) > 0, "10 min + 256 MiB at 20 Mbit/s (108 s): " + life);
                long from = (long) part * quarter;
                HttpResponse<byte[]> range = send(HttpRequest.newBuilder(URI.create(link.get("url").getStringValue()))
                        .header("Range", "bytes=" + from + "-" + (from + quarter - 1)).GET().build());
                assertEquals(206, range.statusCode());
                assertEquals(quarter, range.body().length);
                joined.update(range.body());
            }
            assertEquals(4, urls.size(), "four different links");
            assertEquals(catalogued, java.util.HexFormat.of().formatHex(joined.digest()));
            assertEquals(1, aws.body(call(history, aws.authorized("list-downloads.json", viewer))).get("items").size(),
                    "one download, however many links and ranges");
        } finally { // the emulator holds objects in memory: the next tests read its whole state
            try (software.amazon.awssdk.services.s3.S3Client s3 = aws.aws().client(software.amazon.awssdk.services.s3.S3Client.builder()
                    .forcePathStyle(true))) {
                String bucket = aws.stack().physicalId("VideoBucket");
                for (String key : List.of("uploads/" + id + "/hd", "videos/" + id + "/hd")) {
                    s3.deleteObject(d -> d.bucket(bucket).key(key));
                }
            }
        }
    }

    @Test
    void onlyALiveConfirmedAccountGetsALinkToAnExistingRendition() {
        String id = publishedVideo();
        APIGatewayV2HTTPEvent anonymous = event("download-video.json", id);
        anonymous.getRequestContext().setAuthorizer(null);
        anonymous.getHeaders().remove("authorization");
        assertEquals(401, call(download, anonymous).getStatusCode());

        String unverified = accessToken(account(false));
        APIGatewayV2HTTPResponse refused = call(download, authorized("download-video.json", unverified, id, null));
        assertEquals(403, refused.getStatusCode(), refused.getBody());
        assertEquals("not_verified", aws.body(refused).get("error").getStringValue());

        String token = accessToken(account(true));
        APIGatewayV2HTTPResponse unaccepted = call(download, authorized("download-video.json", token, id, null));
        assertEquals(409, unaccepted.getStatusCode(), unaccepted.getBody());
        assertEquals("terms_required", aws.body(unaccepted).get("error").getStringValue());
        assertEquals(org.multimedia.identity.TermsSettings.DEFAULT_VERSION, aws.body(unaccepted).get("version").getStringValue());
        acceptedTerms(token);
        APIGatewayV2HTTPResponse noRendition = call(download, authorized("download-video.json", token, id, Map.of("rendition", "4k")));
        assertEquals(404, noRendition.getStatusCode());
        assertEquals("not_found", aws.body(noRendition).get("error").getStringValue());
        assertEquals(404, call(download, authorized("download-video.json", token, UUID.randomUUID().toString(), null)).getStatusCode());
        assertEquals(404, call(download, authorized("download-video.json", token, "../../etc", null)).getStatusCode());
        assertEquals(400, call(download, authorized("download-video.json", token, id, Map.of("rendition", 7))).getStatusCode());

        LogoutHandler logout = aws.handler(LogoutHandler.class, "LogoutFunction");
        assertEquals(204, call(logout, aws.authorized("logout.json", token)).getStatusCode());
        assertEquals(401, call(download, authorized("download-video.json", token, id, null)).getStatusCode(),
                "a signed-out token still passes the JWT check but gets no link");
    }

    @Test
    void theCataloguePagesNewestFirstAndRefusesAForgedCursor() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(publishedVideo());
        }
        List<JsonNode> all = listAll(2);
        Set<String> seen = new HashSet<>();
        Instant previous = Instant.MAX;
        for (JsonNode video : all) {
            assertTrue(seen.add(video.get("id").getStringValue()), "no video twice across pages");
            Instant at = Instant.parse(video.get("publishedAt").getStringValue());
            assertTrue(!at.isAfter(previous), "newest first");
            previous = at;
            assertNull(video.get("description"), "lists carry no description");
        }
        assertTrue(seen.containsAll(mine));

        JsonNode firstPage = aws.body(call(list, listEvent(Map.of("limit", "2"))));
        String cursor = firstPage.get("nextCursor").getStringValue();
        char last = cursor.charAt(cursor.length() - 1);
        String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String bad : List.of(tampered, "garbage", "", "...", cursor.substring(1))) {
            APIGatewayV2HTTPResponse refused = call(list, listEvent(Map.of("cursor", bad)));
            assertEquals(400, refused.getStatusCode(), bad);
            assertEquals("invalid_request", aws.body(refused).get("error").getStringValue());
        }
        for (String limit : List.of("0", "51", "ten", "-1", "1.5")) {
            assertEquals(400, call(list, listEvent(Map.of("limit", limit))).getStatusCode(), limit);
        }
        APIGatewayV2HTTPResponse defaults = call(list, listEvent(Map.of()));
        assertEquals(200, defaults.getStatusCode());
        assertTrue(aws.body(defaults).get("items").size() <= 20);
    }

    @Test
    void onlyEditorsKeepTheCatalogue() {
        String id = publishedVideo();
        String member = accessToken(account(true, "marketing"));
        String nobody = accessToken(account(true));
        for (String token : List.of(member, nobody)) {
            for (APIGatewayV2HTTPResponse refused : List.of(
                    call(create, authorized("create-video.json", token, null, newVideo(uniquePastInstant(), Map.of("hd", new byte[10])))),
                    call(publish, authorized("publish-video.json", token, id, null)),
                    call(delete, authorized("delete-video.json", token, id, null)))) {
                assertEquals(403, refused.getStatusCode(), refused.getBody());
                assertEquals("forbidden", aws.body(refused).get("error").getStringValue());
            }
        }
        assertEquals(200, call(get, event("get-video.json", id)).getStatusCode(), "still published");

        String editor = accessToken(account(true, "editors"));
        Map<String, Object> bad = newVideo(uniquePastInstant(), Map.of("hd", new byte[10]));
        bad.put("renditions", List.of(Map.of("name", "hd", "label", "HD", "mimeType", "video/mp4", "sizeBytes", 10,
                "filename", "../../etc/passwd", "sha256", sha256(new byte[10]))));
        APIGatewayV2HTTPResponse refused = call(create, authorized("create-video.json", editor, null, bad));
        assertEquals(400, refused.getStatusCode());
        assertTrue(aws.body(refused).get("message").getStringValue().contains("renditions[0].filename"));
        assertEquals(404, call(publish, authorized("publish-video.json", editor, UUID.randomUUID().toString(), null)).getStatusCode());
    }

    /**
     * Issue 20 against the emulator: a poster and a preview are uploaded beside the renditions,
     * published to public/ and served without credentials (the preview by byte ranges); French
     * texts are answered for lang=fr; a video published with publishAt is in no list, detail or
     * editors' draft list until then, is in the editors' scheduled list, and appears by itself with
     * publishedAt = publishAt.
     */
    @Test
    void aVideoWithAPosterAPreviewAndFrenchTextsScheduledAFewSecondsAheadAppearsByItself() throws Exception {
        String editor = accessToken(account(true, "editors"));
        byte[] hd = bytes(2048);
        byte[] poster = MediaProbeTest.bytes("poster.jpg");
        byte[] preview = MediaProbeTest.bytes("preview-360p.mp4");
        Map<String, Object> declared = newVideo(uniquePastInstant(), Map.of("hd", hd));
        declared.put("translations", Map.of("fr", Map.of("title", "Réunion des ministres de la Défense")));
        declared.put("poster", Map.of("filename", "ministers.jpg", "mimeType", "image/jpeg", "sizeBytes", poster.length,
                "sha256", sha256(poster)));
        declared.put("preview", Map.of("filename", "ministers-preview.mp4", "mimeType", "video/mp4", "sizeBytes", preview.length));
        JsonNode draft = aws.body(call(create, authorized("create-video.json", editor, null, declared)));
        String id = draft.get("id").getStringValue();
        Map<String, JsonNode> uploads = new LinkedHashMap<>();
        draft.get("uploads").values().forEach(u -> uploads.put(u.get("rendition").getStringValue(), u));
        assertEquals(List.of("hd", "poster", "preview"), List.copyOf(uploads.keySet()));
        assertTrue(editorsList("draft", editor).contains(id), "an editor sees the draft");
        put(uploads.get("hd"), hd);
        put(uploads.get("poster"), poster);
        put(uploads.get("preview"), preview);

        Instant publishAt = Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        APIGatewayV2HTTPResponse scheduled = call(publish, authorized("publish-video.json", editor, id,
                Map.of("publishAt", publishAt.toString())));
        assertEquals(200, scheduled.getStatusCode(), scheduled.getBody());
        assertEquals("scheduled", aws.body(scheduled).get("status").getStringValue());
        assertEquals(404, call(get, event("get-video.json", id)).getStatusCode(), "not before its time");
        assertTrue(listAll(50).stream().noneMatch(v -> v.get("id").getStringValue().equals(id)));
        assertTrue(editorsList("scheduled", editor).contains(id));
        assertTrue(!editorsList("draft", editor).contains(id), "no longer a draft");

        APIGatewayV2HTTPResponse anonymous = call(list, listEvent(Map.of("status", "scheduled")));
        assertEquals(401, anonymous.getStatusCode(), "the editors' list needs a session");
        assertEquals(403, call(list, listEvent(Map.of("status", "scheduled")), accessToken(account(true))).getStatusCode());
        APIGatewayV2HTTPResponse unknown = call(list, listEvent(Map.of("sort", "title")));
        assertEquals(400, unknown.getStatusCode());
        assertTrue(aws.body(unknown).get("message").getStringValue().contains("'sort'"));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), publishAt).toMillis()) + 1100);
        JsonNode shown = aws.body(call(get, event("get-video.json", id)));
        assertEquals(publishAt.toString(), shown.get("publishedAt").getStringValue(), "the time set, not the click");
        assertTrue(listAll(50).stream().anyMatch(v -> v.get("id").getStringValue().equals(id)));

        JsonNode posterView = shown.get("poster");
        MediaProbe.Media probed = MediaProbe.probe(poster).orElseThrow();
        assertEquals(probed.width(), posterView.get("width").getIntValue());
        assertEquals(probed.height(), posterView.get("height").getIntValue());
        HttpResponse<byte[]> image = send(HttpRequest.newBuilder(URI.create(posterView.get("url").getStringValue())).GET().build());
        assertEquals(200, image.statusCode(), "a poster needs no credentials");
        assertArrayEquals(poster, image.body());
        assertEquals("image/jpeg", image.headers().firstValue("Content-Type").orElse(null));
        HttpResponse<byte[]> range = send(HttpRequest.newBuilder(URI.create(shown.get("preview").get("url").getStringValue()))
                .header("Range", "bytes=0-99").GET().build());
        assertEquals(206, range.statusCode(), "a browser can seek in the preview");
        assertArrayEquals(java.util.Arrays.copyOf(preview, 100), range.body());

        APIGatewayV2HTTPEvent french = event("get-video.json", id);
        french.setQueryStringParameters(Map.of("lang", "fr"));
        JsonNode inFrench = aws.body(call(get, french));
        assertEquals("fr", inFrench.get("language").getStringValue());
        assertEquals("Réunion des ministres de la Défense", inFrench.get("title").getStringValue());
        assertEquals("Two days of preparations for the Madrid Summit.", inFrench.get("summary").getStringValue(),
                "no French summary: the English one");
    }

    private APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event, String bearer) {
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put("authorization", "Bearer " + bearer);
        event.setHeaders(headers);
        return call(handler, event);
    }

    /** Every id of an editors' list, page by page (the tests share one emulator: others' drafts are there too). */
    private List<String> editorsList(String status, String editor) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new java.util.HashMap<>(Map.of("status", status, "limit", "50"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            APIGatewayV2HTTPResponse page = call(list, listEvent(query), editor);
            all.addAll(ids(page));
            JsonNode next = aws.body(page).get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.getStringValue();
        } while (cursor != null);
        return all;
    }

    private List<String> ids(APIGatewayV2HTTPResponse page) {
        assertEquals(200, page.getStatusCode(), page.getBody());
        assertTrue(aws.body(page).get("items") != null, page.getBody());
        List<String> ids = new ArrayList<>();
        aws.body(page).get("items").values().forEach(v -> ids.add(v.get("id").getStringValue()));
        return ids;
    }

    // ------------------------------------------------------------------ helpers

    /** A confirmed user made with the admin API (its email verified or not), in the given groups. */
    private TestAws.PoolUser account(boolean emailVerified, String... groups) {
        return aws.confirmedUser("viewer-" + UUID.randomUUID() + "@example.com", PASSWORD, emailVerified, "en", groups);
    }

    private String accessToken(TestAws.PoolUser account) {
        return aws.accessToken(account.email(), PASSWORD);
    }

    /** A confirmed member who accepted the conditions of use in force: their access token. */
    private String viewer() {
        return acceptedTerms(accessToken(account(true)));
    }

    private String acceptedTerms(String token) {
        APIGatewayV2HTTPResponse accepted = call(acceptTerms, authorized("accept-terms.json", token, null,
                Map.of("version", org.multimedia.identity.TermsSettings.DEFAULT_VERSION)));
        assertEquals(200, accepted.getStatusCode(), accepted.getBody());
        return token;
    }

    /**
     * Whether the catalogue changes queue holds {@code {"videoId": id}} (that message is taken out;
     * others are left, invisible for the queue's visibility timeout: no consumer runs in these tests).
     */
    private boolean catalogueChangeQueued(String id) {
        String queue = aws.stack().physicalId("CatalogueChangesQueue");
        String expected = "{\"videoId\":\"" + id + "\"}";
        try (SqsClient sqs = aws.aws().client(SqsClient.builder())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (Message message : sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    if (message.body().equals(expected)) {
                        sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The {@code sub} claim of an access token. */
    private String subOf(String accessToken) {
        try {
            byte[] payload = java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]);
            return json.readValue(payload, JsonNode.class).get("sub").getStringValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A published video with one 16-byte "hd" file. */
    private String publishedVideo() {
        return publishedVideo(bytes(16));
    }

    /** A published video whose only rendition ("hd") holds {@code file}. */
    private String publishedVideo(byte[] file) {
        return publishedVideo(file, publish);
    }

    private String publishedVideo(byte[] file, PublishVideoHandler publish) {
        String editor = accessToken(account(true, "editors"));
        JsonNode draft = aws.body(call(create, authorized("create-video.json", editor, null,
                newVideo(uniquePastInstant(), Map.of("hd", file)))));
        put(draft.get("uploads").get(0), file);
        String id = draft.get("id").getStringValue();
        assertEquals(200, call(publish, authorized("publish-video.json", editor, id, null)).getStatusCode());
        return id;
    }

    /** {@code files}: the bytes each rendition will have (their size and SHA-256 are declared). */
    private Map<String, Object> newVideo(Instant publishedAt, Map<String, byte[]> files) {
        List<Map<String, Object>> renditions = new ArrayList<>();
        for (String name : List.of("hd", "sd")) {
            if (files.containsKey(name)) {
                renditions.add(Map.of("name", name, "label", name.toUpperCase(), "mimeType", "video/mp4",
                        "sizeBytes", files.get(name).length, "filename", "defence-ministers-" + name + ".mp4",
                        "sha256", sha256(files.get(name))));
            }
        }
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("title", "Defence Ministers' meeting");
        video.put("summary", "Two days of preparations for the Madrid Summit.");
        video.put("description", "NATO Defence Ministers concluded two days of preparations.");
        video.put("publishedAt", publishedAt.toString());
        video.put("durationSeconds", 95);
        video.put("renditions", renditions);
        video.put("status", "published"); // not a field of the request: ignored
        return video;
    }

    /** Tests share one emulator: distinct times keep the order of their videos known (all past: visible once published). */
    private Instant uniquePastInstant() {
        return Instant.parse("1990-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000_000));
    }

    private List<JsonNode> listAll(int limit) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = cursor == null ? Map.of("limit", Integer.toString(limit))
                    : Map.of("limit", Integer.toString(limit), "cursor", cursor);
            APIGatewayV2HTTPResponse page = call(list, listEvent(query));
            assertEquals(200, page.getStatusCode(), page.getBody());
            JsonNode body = aws.body(page);
            assertTrue(body.get("items") != null && body.get("items").size() <= limit, page.getBody());
            body.get("items").values().forEach(all::add);
            JsonNode next = body.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.getStringValue();
        } while (cursor != null);
        return all;
    }

    private APIGatewayV2HTTPEvent listEvent(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = aws.event("list-videos.json", null);
        event.setQueryStringParameters(query);
        return event;
    }

    private APIGatewayV2HTTPEvent event(String file, String id) {
        APIGatewayV2HTTPEvent event = aws.event(file, null);
        event.setPathParameters(Map.of("id", id));
        return event;
    }

    private APIGatewayV2HTTPEvent authorized(String file, String token, String id, Map<String, Object> body) {
        APIGatewayV2HTTPEvent event = aws.authorized(file, token);
        event.setPathParameters(id == null ? null : Map.of("id", id));
        try {
            event.setBody(body == null ? null : new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return event;
    }

    private void put(JsonNode upload, byte[] content) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.get("url").getStringValue()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        upload.get("headers").entries().forEach(h -> request.header(h.getKey(), h.getValue().getStringValue()));
        assertEquals(200, send(request.build()).statusCode());
    }

    private byte[] fetch(String url) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.values().forEach(v -> values.add(v.getStringValue()));
        return values;
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] bytes(int size) {
        byte[] content = new byte[size];
        random.nextBytes(content);
        return content;
    }

    private static APIGatewayV2HTTPResponse call(ApiHandler handler, APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }
}
