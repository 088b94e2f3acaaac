package org.multimedia.operations.site;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionHandler;

import java.util.Map;

/**
 * SitePublisherFunction: the provider of the custom resource {@code SiteFiles}. CloudFormation
 * invokes it (asynchronously) with a Create, Update or Delete request; it publishes or removes the
 * website ({@link SiteFilesResource}) and always answers at the request's ResponseURL
 * ({@link CloudFormationReplies}), within the invocation's time. Returns the answer's status.
 */
public class SitePublisherHandler extends FunctionHandler<Map<String, Object>, String> {

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

    @Override
    protected boolean isKeepAlive(Map<String, Object> event) {
        return Boolean.TRUE.equals(event.get("keepAlive"));
    }

    @Override
    protected String keepAliveAnswer() {
        return "kept alive";
    }

    @Override
    protected String invoke(Map<String, Object> event) {
        CustomResourceRequest request = CustomResourceRequest.from(event);
        return withinDeadline(() -> {
            CustomResourceResponse response = siteFiles.handle(request);
            replies.send(request.responseUrl(), response);
            return response.status();
        });
    }
}
