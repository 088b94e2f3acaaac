package org.multimedia.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multimedia.operations.VersionUpkeep;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lambda adapter and the upkeep against a moto_server of this test's own: Lambda functions
 * must not exist in the shared emulator (its data.json, which the mail tests read, then fails).
 * moto does not refuse to delete a version an alias uses (AWS does): the upkeep never asks.
 */
class LambdaFunctionVersionsIntegrationTest {

    private static Process moto;
    private static URI endpoint;
    private static LambdaClient lambda;

    @BeforeAll
    static void startOwnMoto() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        moto = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(), HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException notYet) {
                assertTrue(moto.isAlive() && System.nanoTime() < deadline, "moto_server did not start");
                Thread.sleep(50);
            }
        }
        lambda = LambdaClient.builder().region(Region.EU_WEST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopOwnMoto() throws InterruptedException {
        if (lambda != null) {
            lambda.close();
        }
        if (moto != null) {
            moto.descendants().forEach(ProcessHandle::destroy);
            moto.destroy();
            moto.waitFor();
        }
    }

    /** A function with {@code count} published versions, the live alias on the last one. */
    private static void deployed(String function, int count) throws Exception {
        String role = role(function + "-role");
        byte[] code = zip();
        lambda.createFunction(r -> r.functionName(function).runtime("python3.12").role(role).handler("h.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
        String last = null;
        for (int i = 0; i < count; i++) {
            lambda.updateFunctionCode(r -> r.functionName(function).zipFile(SdkBytes.fromByteArray(code)));
            last = lambda.publishVersion(r -> r.functionName(function)).version();
        }
        String live = last;
        lambda.createAlias(r -> r.functionName(function).name("live").functionVersion(live));
    }

    /** IAM CreateRole through moto's query API (the functions' code has no IAM client). */
    private static String role(String name) throws Exception {
        String form = "Action=CreateRole&Version=2010-05-08&RoleName=" + name + "&AssumeRolePolicyDocument="
                + URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[]}", StandardCharsets.UTF_8);
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=x")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        return "arn:aws:iam::123456789012:role/" + name;
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("h.py"));
            zip.write("def handler(event, context):\n    return None\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static List<String> versions(String function) {
        return lambda.listVersionsByFunctionPaginator(r -> r.functionName(function)).versions().stream()
                .map(FunctionConfiguration::version).toList();
    }

    @Test
    void theUpkeepKeepsLivePreviousAndAliasedVersionsAndDeletesTheRest() throws Exception {
        deployed("signup", 5);
        deployed("mail", 5);
        lambda.createAlias(r -> r.functionName("mail").name("canary").functionVersion("2"));

        LambdaFunctionVersions adapter = new LambdaFunctionVersions(lambda);
        VersionUpkeep.Report report = new VersionUpkeep(adapter).run(List.of("signup", "mail"));

        assertEquals(List.of("$LATEST", "4", "5"), versions("signup"));
        assertEquals(List.of("$LATEST", "2", "4", "5"), versions("mail"));
        assertEquals(5, report.deleted());
        assertEquals(List.of("live", "4"), report.functions().get(0).keptAlive());
        assertEquals(Set.of("5", "2"), adapter.aliases("mail").stream().map(a -> a.version()).collect(Collectors.toSet()));

        // A function that does not exist: its failure is reported after the others were kept up.
        deployed("video", 3);
        VersionUpkeep.UpkeepFailed failed = assertThrows(VersionUpkeep.UpkeepFailed.class,
                () -> new VersionUpkeep(adapter).run(List.of("absent", "video")));
        assertTrue(failed.getMessage().contains("absent: DomainException service_unavailable"), failed.getMessage());
        assertEquals(List.of("$LATEST", "2", "3"), versions("video"));
        // deleting what is gone already is what was wanted
        assertEquals(org.multimedia.operations.FunctionVersions.Deletion.GONE, adapter.delete("video", "1"));
    }
}
