package org.multimedia.infrastructure.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.multimedia.infrastructure.emulator.LocalAws;
import org.multimedia.infrastructure.emulator.StrictMode;
import org.multimedia.infrastructure.emulator.Template;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local system refuses a template AWS would refuse, as start-local runs it (its own JVM, in
 * the directory of the template): with AWS's error text, a non-zero exit, and nothing created in
 * the emulator, so no function ever started (they start after provisioning).
 */
class StrictLocalSystemTest {

    private static final String CLIENT_WRITES = "WriteAttributes: [email, locale]";

    @Test
    void aClientThatCannotWriteTheRequiredEmailIsRefusedBeforeAnythingIsCreated(@TempDir Path dir) throws Exception {
        String template = Files.readString(Template.locate());
        assertTrue(template.contains(CLIENT_WRITES), "the repository's client writes email and locale");
        Files.writeString(dir.resolve("template.yaml"), template.replace(CLIENT_WRITES, "WriteAttributes: [locale]"));

        try (LocalAws emulator = LocalAws.start()) {
            ProcessBuilder start = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LocalSystem.class.getName(), "--port", "0")
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectError(dir.resolve("err.txt").toFile());
            Map<String, String> environment = start.environment();
            environment.remove(StrictMode.SWITCH_VARIABLE); // strict by default
            environment.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
            environment.put("AWS_REGION", emulator.region());
            environment.put("AWS_ACCESS_KEY_ID", "test");
            environment.put("AWS_SECRET_ACCESS_KEY", "test");
            Process system = start.start();
            assertTrue(system.waitFor(120, TimeUnit.SECONDS), "the local system gave up");
            String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
            String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);

            assertNotEquals(0, system.exitValue(), out + err);
            assertTrue(err.contains("UserPoolClient: InvalidParameterException: Invalid write attributes specified while"
                    + " creating a client"), err);
            assertFalse(out.contains("ready"), out);
            try (CognitoIdentityProviderClient cognito = emulator.client(CognitoIdentityProviderClient.builder());
                 DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder());
                 SqsClient sqs = emulator.client(SqsClient.builder())) {
                assertEquals(List.of(), cognito.listUserPools(b -> b.maxResults(10)).userPools());
                assertEquals(List.of(), dynamo.listTables().tableNames());
                assertEquals(List.of(), sqs.listQueues().queueUrls());
            }
        }
    }
}
