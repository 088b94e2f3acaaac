package org.multimedia.operations.site;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The custom resource's lifecycle: what each CloudFormation request does, and that every one gets an answer. */
class SiteFilesResourceTest {

    private final InMemorySiteBucket bucket = new InMemorySiteBucket();
    private final List<SiteFile> shipped = SitePublisherTest.site("x()");
    private final SiteFilesResource resource = new SiteFilesResource(new ShippedSite() {
        @Override
        public List<SiteFile> files() {
            return shipped;
        }
    }, new SitePublisher(bucket));

    static CustomResourceRequest request(String type, String physicalId) {
        CloudFormationCustomResourceEvent event = new CloudFormationCustomResourceEvent();
        event.setRequestType(type);
        event.setResponseUrl("https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/arn?X-Amz-Signature=abc");
        event.setStackId("arn:aws:cloudformation:eu-west-1:111122223333:stack/portal/1");
        event.setRequestId("request-1");
        event.setResourceType("Custom::SiteFiles");
        event.setLogicalResourceId("SiteFiles");
        event.setPhysicalResourceId(physicalId);
        event.setResourceProperties(Map.of("ServiceToken", "arn:aws:lambda:eu-west-1:111122223333:function:p", "Release", "3"));
        return CustomResourceRequest.from(event);
    }

    @Test
    void createAndUpdatePublishUnderOnePhysicalIdSoThatNoUpdateIsAReplacement() {
        CustomResourceResponse created = resource.handle(request("Create", null));
        assertEquals("SUCCESS", created.status());
        assertEquals(SiteFilesResource.PHYSICAL_ID, created.physicalResourceId());
        assertEquals("7", created.data().get("FileCount"));
        assertEquals(SiteRelease.of(shipped).version(), created.data().get("Version"));
        assertTrue(bucket.objects.containsKey("index.html"));

        CustomResourceResponse updated = resource.handle(request("Update", SiteFilesResource.PHYSICAL_ID));
        assertEquals("SUCCESS", updated.status());
        assertEquals(created.physicalResourceId(), updated.physicalResourceId());
        assertTrue(bucket.objects.containsKey("index.html"), "an update never empties the bucket");
    }

    @Test
    void deleteEmptiesTheBucketEvenWhenItIsGoneAlready() {
        resource.handle(request("Create", null));
        CustomResourceResponse deleted = resource.handle(request("Delete", SiteFilesResource.PHYSICAL_ID));
        assertEquals("SUCCESS", deleted.status());
        assertEquals(Map.of(), bucket.objects);

        bucket.missing = true;
        assertEquals("SUCCESS", resource.handle(request("Delete", SiteFilesResource.PHYSICAL_ID)).status(),
                "a stack whose bucket is gone can still be deleted");
    }

    @Test
    void aFailureIsAnsweredWithAReasonAndNeverThrown() {
        bucket.missing = true;
        CustomResourceResponse missing = resource.handle(request("Create", null));
        assertEquals("FAILED", missing.status());
        assertEquals(SiteFilesResource.PHYSICAL_ID, missing.physicalResourceId(), "a FAILED answer needs a physical id too");
        assertTrue(missing.reason().contains("site-bucket does not exist"), missing.reason());

        bucket.missing = false;
        bucket.failingKey = "index.html";
        CustomResourceResponse failed = resource.handle(request("Update", SiteFilesResource.PHYSICAL_ID));
        assertEquals("FAILED", failed.status());
        assertTrue(failed.reason().startsWith("Update of the site files failed: an AWS call failed (service_unavailable)"), failed.reason());

        assertEquals("FAILED", resource.handle(request("Rename", SiteFilesResource.PHYSICAL_ID)).status());
    }

    @Test
    void theAnswerCopiesTheRequestAndStaysWithinCloudFormationsLimit() {
        CustomResourceRequest request = request("Create", null);
        CustomResourceResponse failed = CustomResourceResponse.failed(request, "site-files", "x".repeat(10_000));
        Map<String, Object> body = failed.body();
        assertEquals(List.of("Status", "Reason", "PhysicalResourceId", "StackId", "RequestId", "LogicalResourceId", "Data"),
                List.copyOf(body.keySet()));
        assertEquals(request.stackId(), body.get("StackId"));
        assertEquals("request-1", body.get("RequestId"));
        assertEquals("SiteFiles", body.get("LogicalResourceId"));
        assertTrue(failed.reason().length() <= CustomResourceResponse.MAX_REASON);
        assertFalse(CustomResourceResponse.success(request, "site-files", Map.of()).body().containsKey("Reason"));
    }

    @Test
    void anEventThatIsNoCustomResourceRequestIsRefused() {
        CloudFormationCustomResourceEvent noUrl = new CloudFormationCustomResourceEvent();
        noUrl.setRequestType("Create");
        assertThrows(IllegalArgumentException.class, () -> CustomResourceRequest.from(noUrl));
    }
}
