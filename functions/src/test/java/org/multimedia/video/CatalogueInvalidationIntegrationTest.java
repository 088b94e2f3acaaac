package org.multimedia.video;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import org.junit.jupiter.api.Test;
import org.multimedia.testing.TestAws;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multimedia.testing.SqsEvents.batch;
import static org.multimedia.testing.SqsEvents.failed;

/**
 * The catalogue invalidator against the emulator: a batch of catalogue changes becomes one
 * CloudFront invalidation of the catalogue's paths on the portal's distribution; without a
 * distribution (the local system) nothing is asked and nothing fails.
 */
class CatalogueInvalidationIntegrationTest {

    private final TestAws aws = TestAws.get();

    @Test
    void aBatchOfChangesIsOneInvalidationOfTheCatalogueOnThePortalDistribution() {
        try (CloudFrontClient cloudFront = aws.aws().client(CloudFrontClient.builder())) {
            String distribution = distribution(cloudFront);
            CatalogueInvalidatorHandler invalidator = aws.handler(CatalogueInvalidatorHandler.class,
                    "CatalogueInvalidatorFunction", Map.of("PORTAL_DISTRIBUTION_ID", distribution));

            SQSBatchResponse response = invalidator.handleRequest(batch(change("v-1"), change("v-2"), "{\"videoId\":", change("v-3")), null);
            assertEquals(List.of("m3"), failed(response), "the unreadable message fails alone");

            List<InvalidationSummary> made = cloudFront.listInvalidations(r -> r.distributionId(distribution))
                    .invalidationList().items();
            assertEquals(1, made.size(), "one invalidation for the batch: " + made);
            var batch = cloudFront.getInvalidation(r -> r.distributionId(distribution).id(made.get(0).id()))
                    .invalidation().invalidationBatch();
            assertEquals(List.of("/videos*"), batch.paths().items());
            assertTrue(batch.callerReference().startsWith("catalogue-"), batch.callerReference());
        }
    }

    @Test
    void withoutADistributionTheChangesAreTakenAndNothingIsInvalidated() {
        assertEquals("", aws.stack().functionEnvironment("CatalogueInvalidatorFunction").get("PORTAL_DISTRIBUTION_ID"),
                "no CloudFront locally: the template's distribution has an empty id here");
        CatalogueInvalidatorHandler invalidator = aws.handler(CatalogueInvalidatorHandler.class, "CatalogueInvalidatorFunction");
        assertEquals(List.of(), failed(invalidator.handleRequest(batch(change("v-1"), change("v-2")), null)));
    }

    private static String distribution(CloudFrontClient cloudFront) {
        Origin api = Origin.builder().id("api").domainName("api.example.org")
                .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy(OriginProtocolPolicy.HTTPS_ONLY))
                .build();
        return cloudFront.createDistribution(r -> r.distributionConfig(c -> c
                .callerReference(UUID.randomUUID().toString())
                .comment("portal")
                .enabled(true)
                .origins(o -> o.quantity(1).items(api))
                .defaultCacheBehavior(b -> b.targetOriginId("api")
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .forwardedValues(f -> f.queryString(true).cookies(k -> k.forward("none")))
                        .minTTL(0L)))).distribution().id();
    }

    private static String change(String videoId) {
        return "{\"videoId\":\"" + videoId + "\"}";
    }

}
