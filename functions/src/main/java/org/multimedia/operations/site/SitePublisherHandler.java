package org.multimedia.operations.site;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionHandler;

/**
 * SitePublisherFunction: the provider of the custom resource {@code SiteFiles}. CloudFormation
 * invokes it (asynchronously) with a Create, Update or Delete request; it publishes or removes the
 * website ({@link SiteFilesResource}) and always answers at the request's ResponseURL
 * ({@link CloudFormationReplies}), within the invocation's time. Returns the answer's status.
 */
public class SitePublisherHandler extends FunctionHandler<CloudFormationCustomResourceEvent, String> {

    @Inject
    SiteFilesResource siteFiles;

    @Inject
    CloudFormationReplies replies;

    public SitePublisherHandler() {
    }

    public SitePublisherHandler(ApplicationContext context) {
        super(context);
    }

    /** Before a snapshot: the release is built from the shipped files; nothing is stored or sent. */
    @Override
    protected void primeRequestPath() {
        siteFiles.rehearse();
    }

    /** CloudFormation always sends a RequestType: an event without one is the keep-alive. */
    @Override
    protected boolean isKeepAlive(CloudFormationCustomResourceEvent event) {
        return event.getRequestType() == null;
    }

    @Override
    protected String keepAliveAnswer() {
        return "kept alive";
    }

    @Override
    protected String invoke(CloudFormationCustomResourceEvent event) {
        CustomResourceRequest request = CustomResourceRequest.from(event);
        return withinDeadline(() -> {
            CustomResourceResponse response = siteFiles.handle(request);
            replies.send(request.responseUrl(), response);
            return response.status();
        });
    }
}
