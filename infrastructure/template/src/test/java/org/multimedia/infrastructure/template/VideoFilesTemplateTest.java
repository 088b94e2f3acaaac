package org.multimedia.infrastructure.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.template.DeployedTemplate.Function;
import org.multimedia.infrastructure.template.DeployedTemplate.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Published video bytes never change (issue 19, item 7), as far as the stack decides it: a
 * presigned upload URL acts with its signer's role, and the only signer (the create function)
 * may write staging keys only; the only writer of published keys is the publish function (its
 * server-side copy); downloads and the distribution read published keys only; what is left
 * under the staging prefix expires; browsers may send the signed checksum header.
 */
class VideoFilesTemplateTest {

    private static final String PUBLISHED = "${VideoBucket.Arn}/videos/*";
    private static final String STAGING = "${VideoBucket.Arn}/uploads/*";
    private static final String PUBLIC = "${VideoBucket.Arn}/public/*";
    private static final String SEARCH_INDEX = "${VideoBucket.Arn}/search/*";

    @Test
    void onlyPublishWritesPublishedFilesAndUploadUrlsReachStagingKeysOnly() {
        TemplateTest.deployments().forEach((name, deployment) -> {
            Map<String, Set<String>> writers = new TreeMap<>();
            Map<String, Set<String>> readers = new TreeMap<>();
            for (Function function : deployment.functions()) {
                for (Statement statement : function.statements()) {
                    for (JsonNode resource : statement.resources()) {
                        String arn = resource.path("Fn::Sub").asText("");
                        if (!arn.startsWith("${VideoBucket.Arn}/")) {
                            continue;
                        }
                        for (String action : statement.actions()) {
                            Map<String, Set<String>> into = action.equals("s3:GetObject") ? readers : writers;
                            into.computeIfAbsent(function.logicalId(), f -> new TreeSet<>()).add(action + " " + arn);
                        }
                    }
                }
            }
            // Publish also writes posters and previews to public/ (and deletes one that is not what it claims).
            assertEquals(Map.of(
                    "CreateVideoFunction", Set.of("s3:PutObject " + STAGING),
                    "PublishVideoFunction", Set.of("s3:PutObject " + PUBLISHED, "s3:DeleteObject " + PUBLISHED,
                            "s3:DeleteObject " + STAGING, "s3:PutObject " + PUBLIC, "s3:DeleteObject " + PUBLIC),
                    "SearchIndexFunction", Set.of("s3:PutObject " + SEARCH_INDEX)), writers, name + ": who writes the video bucket");
            // Downloads sign S3 GETs without CloudFront (and then read published keys only), CloudFront URLs with it.
            for (String function : List.of("DownloadVideoFunction", "DownloadBasketFunction")) {
                Set<String> download = readers.remove(function);
                assertTrue(download == null || download.equals(Set.of("s3:GetObject " + PUBLISHED)), name + ": " + function + " reads " + download);
            }
            // The catalogue's functions presign GETs of posters and previews (without CloudFront), public/ only;
            // the list also reads the search index, which only its updater writes.
            assertEquals(Map.of("PublishVideoFunction", Set.of("s3:GetObject " + PUBLISHED, "s3:GetObject " + STAGING,
                            "s3:GetObject " + PUBLIC),
                    "ListVideosFunction", Set.of("s3:GetObject " + PUBLIC, "s3:GetObject " + SEARCH_INDEX),
                    "GetVideoFunction", Set.of("s3:GetObject " + PUBLIC),
                    "SearchIndexFunction", Set.of("s3:GetObject " + SEARCH_INDEX)),
                    readers, name + ": who else reads the video bucket");
        });
    }

    @Test
    void stagedUploadsExpireAndBrowsersMaySendTheSignedChecksum() {
        TemplateTest.deployments().forEach((name, deployment) -> {
            JsonNode bucket = deployment.resources().get("VideoBucket").path("Properties");
            List<String> rules = new ArrayList<>();
            for (JsonNode rule : bucket.path("LifecycleConfiguration").path("Rules")) {
                rules.add(rule.path("Status").asText() + " " + rule.path("Prefix").asText() + " "
                        + rule.path("ExpirationInDays").asInt() + " " + rule.path("AbortIncompleteMultipartUpload").path("DaysAfterInitiation").asInt());
            }
            assertEquals(List.of("Enabled uploads/ 7 1"), rules, name + ": only staged uploads expire, never published files");
            Set<String> headers = new TreeSet<>();
            bucket.path("CorsConfiguration").path("CorsRules").forEach(r -> r.path("AllowedHeaders").forEach(h -> headers.add(h.asText())));
            assertTrue(headers.contains("x-amz-checksum-sha256"), name + ": " + headers);

            for (JsonNode statement : deployment.resources().get("VideoBucketPolicy").path("Properties").path("PolicyDocument").path("Statement")) {
                if (statement.path("Effect").asText().equals("Allow")) {
                    // Published files: videos/ (signed URLs) and public/ (posters and previews); never uploads/
                    // (staging) nor search/ (the search index).
                    List<String> read = new ArrayList<>();
                    statement.path("Resource").forEach(r -> read.add(r.path("Fn::Sub").asText()));
                    assertEquals(List.of(PUBLISHED, "${VideoBucket.Arn}/public/*"), read, name + ": the distribution reads published files only");
                }
            }
        });
    }
}
