package org.multimedia.operations.site;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.core.KeepAlive;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SitePublisherFunction as CloudFormation runs it, against the emulator's site bucket (provisioned
 * from template.yaml) and with the function's template environment: a Create request publishes the
 * shipped website and is answered SUCCESS at its ResponseURL (a local server standing in for the
 * presigned S3 URL), Delete empties the bucket, and a bucket that does not exist is answered FAILED.
 */
class SitePublisherIntegrationTest {

    /** What the response URL received: method, Content-Type header (null when absent), body. */
    record Answer(String method, String contentType, String query, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) body.get("Data");
        }
    }

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final List<Answer> ANSWERS = new CopyOnWriteArrayList<>();
    private static HttpServer responseUrl;
    private static S3Client s3;

    private final TestAws aws = TestAws.get();
    private final String bucket = aws.stack().functionEnvironment("SitePublisherFunction").get("SITE_BUCKET");

    @BeforeAll
    static void startTheResponseUrl() throws IOException {
        responseUrl = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responseUrl.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            @SuppressWarnings("unchecked")
            Map<String, Object> json = JSON.readValue(body, Map.class);
            ANSWERS.add(new Answer(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestURI().getQuery(), json));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        responseUrl.start();
    }

    @AfterAll
    static void stop() {
        responseUrl.stop(0);
        if (s3 != null) {
            s3.close();
        }
    }

    private S3Client s3() {
        if (s3 == null) {
            s3 = aws.aws().client(S3Client.builder().forcePathStyle(true));
        }
        return s3;
    }

    /**
     * The sample event (events/site-publisher.json, what CloudFormation sends), bound as the Lambda
     * runtime binds it, with this request's type and ids and the local response URL.
     */
    private CloudFormationCustomResourceEvent request(String type) {
        Path sample = SitePublisherTest.repositoryRoot().resolve("events/site-publisher.json");
        try (InputStream in = Files.newInputStream(sample)) {
            CloudFormationCustomResourceEvent event = LambdaEventSerializers
                    .serializerFor(CloudFormationCustomResourceEvent.class, getClass().getClassLoader()).fromJson(in);
            assertTrue(event.getResponseUrl().startsWith("https://"), "ResponseURL bound: " + event.getResponseUrl());
            event.setRequestType(type);
            event.setResponseUrl("http://127.0.0.1:" + responseUrl.getAddress().getPort()
                    + "/arn%3Aaws%3Acloudformation/SiteFiles?X-Amz-Signature=0123abcd");
            event.setStackId("arn:aws:cloudformation:eu-west-1:123456789012:stack/portal/" + UUID.randomUUID());
            event.setRequestId(UUID.randomUUID().toString());
            if (!type.equals("Create")) {
                event.setPhysicalResourceId("site-files");
            }
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer lastAnswer(CloudFormationCustomResourceEvent request) {
        Answer answer = ANSWERS.get(ANSWERS.size() - 1);
        assertEquals("PUT", answer.method());
        assertEquals("", answer.contentType(), "the presigned URL is signed for an empty content type");
        assertEquals("X-Amz-Signature=0123abcd", answer.query(), "the presigned URL as given");
        assertEquals(request.getRequestId(), answer.body().get("RequestId"));
        assertEquals(request.getStackId(), answer.body().get("StackId"));
        assertEquals("SiteFiles", answer.body().get("LogicalResourceId"));
        assertEquals("site-files", answer.body().get("PhysicalResourceId"));
        return answer;
    }

    @Test
    void aCreateRequestPublishesTheShippedSiteAndIsAnsweredAndDeleteEmptiesTheBucket() {
        CloudFormationCustomResourceEvent create = request("Create");
        SitePublisherHandler publisher = aws.handler(SitePublisherHandler.class, "SitePublisherFunction");
        assertEquals("SUCCESS", publisher.handleRequest(create, null));

        Answer answer = lastAnswer(create);
        assertEquals("SUCCESS", answer.body().get("Status"), answer.body().toString());
        List<SiteFile> shipped = new ShippedSite().files();
        assertEquals(Integer.toString(shipped.size()), answer.data().get("FileCount"));

        ResponseBytes<GetObjectResponse> index = s3().getObjectAsBytes(g -> g.bucket(bucket).key("index.html"));
        assertEquals("no-cache", index.response().cacheControl());
        assertTrue(index.response().contentType().startsWith("text/html"), index.response().contentType());
        String page = index.asString(StandardCharsets.UTF_8);
        Set<String> named = SiteRelease.references(page);
        assertTrue(named.stream().anyMatch(k -> k.matches("app\\.[0-9a-f]{10}\\.js")), "the page names the hashed script: " + page);
        assertTrue(named.stream().anyMatch(k -> k.matches("config\\.[0-9a-f]{10}\\.js")), page);
        for (String key : named) {
            ResponseBytes<GetObjectResponse> asset = s3().getObjectAsBytes(g -> g.bucket(bucket).key(key));
            assertEquals("public, max-age=31536000, immutable", asset.response().cacheControl(), key);
            assertEquals(SiteRelease.contentType(key), asset.response().contentType(), key);
            String file = key.replaceFirst("\\.[0-9a-f]{10}(?=\\.[^.]+$|$)", "");
            byte[] original = shipped.stream().filter(f -> f.path().equals(file)).findFirst().orElseThrow().content();
            assertEquals(new String(original, StandardCharsets.UTF_8), asset.asString(StandardCharsets.UTF_8), key + " is " + file);
        }
        String config = s3().getObjectAsBytes(g -> g.bucket(bucket).key(named.stream()
                .filter(k -> k.startsWith("config.")).findFirst().orElseThrow())).asString(StandardCharsets.UTF_8);
        assertTrue(config.matches("(?s).*apiBase:\\s*\"\".*"), "the site calls its own origin: " + config);

        // An update with the same site changes nothing (a retry, or a deployment of other code).
        Set<String> before = keys();
        CloudFormationCustomResourceEvent update = request("Update");
        assertEquals("SUCCESS", publisher.handleRequest(update, null));
        assertEquals("SUCCESS", lastAnswer(update).body().get("Status"));
        assertEquals(before, keys());

        CloudFormationCustomResourceEvent delete = request("Delete");
        assertEquals("SUCCESS", publisher.handleRequest(delete, null));
        assertEquals("SUCCESS", lastAnswer(delete).body().get("Status"));
        assertEquals(Set.of(), keys(), "CloudFormation can delete the bucket");
    }

    @Test
    void aBucketThatDoesNotExistIsAnsweredFailedWithTheReason() {
        CloudFormationCustomResourceEvent create = request("Create");
        SitePublisherHandler publisher = aws.handler(SitePublisherHandler.class, "SitePublisherFunction",
                Map.of("SITE_BUCKET", "no-such-site-bucket-" + UUID.randomUUID().toString().substring(0, 8)));
        assertEquals("FAILED", publisher.handleRequest(create, null));
        Answer answer = lastAnswer(create);
        assertEquals("FAILED", answer.body().get("Status"));
        String reason = String.valueOf(answer.body().get("Reason"));
        assertTrue(reason.startsWith("Create of the site files failed: The site bucket no-such-site-bucket-")
                && reason.contains("does not exist"), reason);

        CloudFormationCustomResourceEvent delete = request("Delete");
        assertEquals("SUCCESS", publisher.handleRequest(delete, null), "a stack whose bucket is gone can be deleted");
        assertFalse(lastAnswer(delete).body().containsKey("Reason"));
    }

    @Test
    void theKeepAliveEventIsAnsweredWithoutARequest() {
        int answers = ANSWERS.size();
        SitePublisherHandler publisher = aws.handler(SitePublisherHandler.class, "SitePublisherFunction");
        CloudFormationCustomResourceEvent keepAlive = LambdaEventSerializers
                .serializerFor(CloudFormationCustomResourceEvent.class, getClass().getClassLoader())
                .fromJson(new java.io.ByteArrayInputStream(KeepAlive.EVENT.getBytes(StandardCharsets.UTF_8)));
        assertEquals("kept alive", publisher.handleRequest(keepAlive, null));
        assertEquals(answers, ANSWERS.size());
    }

    private Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        s3().listObjectsV2Paginator(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).forEach(keys::add);
        return keys;
    }
}
