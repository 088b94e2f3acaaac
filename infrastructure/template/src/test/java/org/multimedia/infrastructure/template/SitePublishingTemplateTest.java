package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multimedia.infrastructure.template.DeployedTemplate.Function;
import org.multimedia.infrastructure.template.DeployedTemplate.Statement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The website is published by the stack (issue 18, "One origin, deployed by the stack"): the
 * deployment package ships it, a custom resource has the publisher function copy it into the site
 * bucket on every deployment that changes code or site, and the publisher can touch nothing but
 * that bucket. Checked on the stack {@code sam deploy} creates and on the built jar.
 */
class SitePublishingTemplateTest {

    static final String HANDLER = "org.multimedia.operations.site.SitePublisherHandler";
    static final String TYPE = "Custom::SiteFiles";
    static final Set<String> OBJECT_ACTIONS = Set.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
    static final Map<String, String> DEV = Map.of("Stage", "dev", "WebsiteUrl", "http://localhost:3000",
            "SenderEmail", "a@example.org", "NewsletterSenderEmail", "n@example.org");

    private static final Map<String, DeployedTemplate> DEPLOYMENTS = TemplateTest.deployments();

    @Test
    void aCustomResourceHasThePublisherCopyTheSiteIntoTheSiteBucket() {
        DEPLOYMENTS.forEach((name, deployment) -> {
            Map<String, JsonNode> resources = deployment.resources();
            Map<String, JsonNode> siteFiles = deployment.resources(TYPE);
            assertEquals(1, siteFiles.size(), name + ": one " + TYPE + " resource");
            JsonNode properties = siteFiles.values().iterator().next().path("Properties");

            Function publisher = publisher(deployment);
            assertEquals(Set.of("SiteBucket"), DeployedTemplate.references(publisher.environment().get("SITE_BUCKET")),
                    name + ": the publisher's SITE_BUCKET");
            assertEquals("AWS::S3::Bucket", resources.get("SiteBucket").path("Type").asText());

            // The service token is the publisher: its live alias (a fixed ARN, as a ServiceToken must be).
            String token = single(DeployedTemplate.references(properties.path("ServiceToken")), name + " ServiceToken");
            JsonNode target = resources.get(token);
            assertNotNull(target, name + ": the ServiceToken names " + token);
            String tokenFunction = switch (target.path("Type").asText()) {
                case "AWS::Lambda::Alias" -> single(DeployedTemplate.references(target.path("Properties").path("FunctionName")), token);
                case "AWS::Lambda::Function" -> token;
                default -> throw new AssertionError(name + ": the ServiceToken is a " + target.path("Type").asText());
            };
            assertEquals(publisher.logicalId(), tokenFunction, name + ": CloudFormation invokes the publisher");

            // Release is the publisher's published version: a new version (new code or site) is an Update.
            String release = single(DeployedTemplate.references(properties.path("Release")), name + " Release");
            JsonNode version = resources.get(release);
            assertEquals("AWS::Lambda::Version", version.path("Type").asText(), name + ": Release is a published version");
            assertEquals(Set.of(publisher.logicalId()), DeployedTemplate.references(version.path("Properties").path("FunctionName")));

            // It answers (success or failure) within its timeout, well before CloudFormation gives up.
            int timeout = publisher.properties().path("Timeout").asInt();
            int serviceTimeout = properties.path("ServiceTimeout").asInt(3600);
            assertTrue(timeout >= 60 && timeout <= 300, name + ": publisher timeout " + timeout);
            assertTrue(serviceTimeout >= 3 * timeout && serviceTimeout < 3600,
                    name + ": CloudFormation waits " + serviceTimeout + " s, room for Lambda's two retries of a " + timeout + " s run");
        });
    }

    /**
     * Every deployment with a new package (code or site) gives SiteFiles a new Release, and keeps its
     * ServiceToken. SAM names the published version after the package's hash: the S3 key
     * {@code sam deploy} uploads it under, or {@code AutoPublishCodeSha256}, used here because
     * sam-transform gives every transform the same package URI.
     */
    @Test
    void theReleaseChangesWithTheDeploymentPackage(@TempDir Path copies) throws IOException {
        String template = Files.readString(TemplateTest.ROOT.resolve("template.yaml"));
        String handler = "      Handler: " + HANDLER + "\n";
        assertTrue(template.contains(handler), "the publisher's handler line");
        List<JsonNode> releases = new ArrayList<>();
        for (String packaged : List.of("4f1c0d2a9e", "4f1c0d2a9e", "b71e2c44d0")) {
            Path copy = Files.writeString(copies.resolve(releases.size() + ".yaml"),
                    template.replace(handler, handler + "      AutoPublishCodeSha256: " + packaged + "\n"));
            JsonNode siteFiles = DeployedTemplate.transform(TemplateTest.ROOT, copy, DEV).resources(TYPE).values().iterator().next();
            releases.add(siteFiles.path("Properties"));
        }
        assertEquals(releases.get(0).path("Release"), releases.get(1).path("Release"), "the same package: nothing to publish");
        assertNotEquals(releases.get(1).path("Release"), releases.get(2).path("Release"), "a new package: SiteFiles is updated");
        assertEquals(releases.get(1).path("ServiceToken"), releases.get(2).path("ServiceToken"), "a ServiceToken cannot change");
    }

    @Test
    void thePublisherReachesTheSiteBucketAndNothingElse() {
        DEPLOYMENTS.forEach((name, deployment) -> {
            Function publisher = publisher(deployment);
            Map<String, Set<String>> reached = new TreeMap<>();
            for (Statement statement : publisher.statements().stream().filter(Statement::ours).toList()) {
                assertEquals(null, statement.condition(), name);
                for (JsonNode resource : statement.resources()) {
                    assertEquals(Set.of("SiteBucket"), DeployedTemplate.references(resource), name + ": " + statement.actions() + " on " + resource);
                    boolean objects = resource.has("Fn::Sub") && resource.path("Fn::Sub").asText().equals("${SiteBucket.Arn}/*");
                    boolean bucket = resource.path("Fn::GetAtt").toString().equals("[\"SiteBucket\",\"Arn\"]");
                    assertTrue(objects || bucket, name + ": " + resource);
                    for (String action : statement.actions()) {
                        assertTrue(objects ? OBJECT_ACTIONS.contains(action) : action.equals("s3:ListBucket"),
                                name + ": " + action + " on " + resource);
                        reached.computeIfAbsent(action, a -> new TreeSet<>()).add(objects ? "objects" : "bucket");
                    }
                }
            }
            assertEquals(Map.of("s3:ListBucket", Set.of("bucket"), "s3:GetObject", Set.of("objects"),
                    "s3:PutObject", Set.of("objects"), "s3:DeleteObject", Set.of("objects")), reached, name);
        });
    }

    /** The deployment package carries the website as it is in the repository. */
    @Test
    void theJarShipsEveryFileOfTheWebsite() throws IOException {
        Path website = TemplateTest.ROOT.resolve("infrastructure/website");
        Map<String, byte[]> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(website)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                expected.put("site/" + website.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        assertTrue(expected.containsKey("site/index.html"));
        Set<String> shipped = new TreeSet<>();
        try (JarFile jar = new JarFile(TemplateTest.JAR.toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (!entry.isDirectory() && entry.getName().startsWith("site/")) {
                    shipped.add(entry.getName());
                    try (InputStream in = jar.getInputStream(entry)) {
                        assertArrayEquals(expected.get(entry.getName()), in.readAllBytes(), entry.getName()
                                + " is the repository's (run mvn package after changing the site)");
                    }
                }
            }
        }
        assertEquals(expected.keySet(), shipped);
    }

    /** {@code sam build} rebuilds the jar when a file of the site changed, as when the code did. */
    @Test
    void theMakefileRebuildsTheJarWhenTheSiteChanges() throws Exception {
        Process make = new ProcessBuilder("make", "--no-print-directory", "-s", "-f", "Makefile", "-f", "-", "print-sources")
                .directory(TemplateTest.ROOT.toFile()).redirectErrorStream(true).start();
        try (var in = make.getOutputStream()) {
            in.write("print-sources:\n\t@echo $(SOURCES)\n".getBytes());
        }
        String output = new String(make.getInputStream().readAllBytes());
        assertEquals(0, make.waitFor(), output);
        Set<String> sources = new TreeSet<>(Arrays.asList(output.trim().split("\\s+")));
        try (Stream<Path> files = Files.walk(TemplateTest.ROOT.resolve("infrastructure/website"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = TemplateTest.ROOT.relativize(file).toString().replace('\\', '/');
                assertTrue(sources.contains(relative), relative + " is a source of the jar: " + sources);
            }
        }
    }

    private static Function publisher(DeployedTemplate deployment) {
        List<Function> found = deployment.functions().stream().filter(f -> f.handler().equals(HANDLER)).toList();
        assertEquals(1, found.size(), "one function with the handler " + HANDLER);
        return found.get(0);
    }

    private static String single(Set<String> references, String what) {
        assertEquals(1, references.size(), what + " refers to " + references);
        return references.iterator().next();
    }
}
