package org.multimedia.operations.site;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The custom resource {@code SiteFiles} (template.yaml): the website in its bucket, for as long as
 * the stack lives. Create and Update (each deployment whose code or site changed: its
 * {@code Release} property is the publisher's new version) publish the shipped site; Delete empties
 * the bucket so that CloudFormation can delete it.
 * <p>
 * The physical id never changes: CloudFormation reads a new one as a replacement and then sends a
 * Delete for the old one, which would empty the bucket just published. So Delete comes only when
 * the stack (or the resource) is deleted, or when a failed Create is rolled back.
 * <p>
 * Every request gets an answer, success or failure: a failure never reaches the caller as an
 * exception (CloudFormation would wait an hour for an answer that never comes).
 */
@Singleton
public class SiteFilesResource {

    private static final Logger LOG = LoggerFactory.getLogger(SiteFilesResource.class);

    public static final String PHYSICAL_ID = "site-files";

    private final ShippedSite site;
    private final SitePublisher publisher;

    public SiteFilesResource(ShippedSite site, SitePublisher publisher) {
        this.site = site;
        this.publisher = publisher;
    }

    public CustomResourceResponse handle(CustomResourceRequest request) {
        try {
            Map<String, String> data = switch (request.requestType()) {
                case "Create", "Update" -> {
                    SitePublisher.Publication published = publisher.publish(site.files());
                    yield Map.of("Version", published.version(), "FileCount", Integer.toString(published.files()));
                }
                case "Delete" -> Map.of("FileCount", Integer.toString(publisher.empty()));
                default -> throw new IllegalArgumentException("Unknown RequestType " + request.requestType());
            };
            return CustomResourceResponse.success(request, PHYSICAL_ID, data);
        } catch (RuntimeException e) {
            String reason = reason(request, e);
            LOG.error(reason);
            return CustomResourceResponse.failed(request, PHYSICAL_ID, reason);
        }
    }

    /** Before a snapshot: the release built from the shipped files (read, hashed, page rewritten); nothing is stored. */
    public void rehearse() {
        SiteRelease.of(site.files());
    }

    /** What an operator reads in the stack's events: never an AWS message (the adapter logged its error code). */
    private static String reason(CustomResourceRequest request, RuntimeException e) {
        String what;
        if (e instanceof SiteBucket.Missing || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            what = e.getMessage();
        } else if (e instanceof DomainException domain) {
            what = "an AWS call failed (" + domain.code() + ")";
        } else {
            what = e.getClass().getSimpleName();
        }
        return request.requestType() + " of the site files failed: " + what + ". See SitePublisherFunction's log.";
    }
}
