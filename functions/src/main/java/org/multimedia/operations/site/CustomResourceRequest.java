package org.multimedia.operations.site;

import java.net.URI;
import java.util.Map;

/**
 * A CloudFormation custom resource request (Create, Update or Delete), as the Lambda runtime
 * binds its JSON to a map. Only what the answer needs is kept: where to send it and the fields
 * it must copy verbatim.
 */
public record CustomResourceRequest(String requestType, URI responseUrl, String stackId, String requestId,
                                    String logicalResourceId, String physicalResourceId) {

    public static CustomResourceRequest from(Map<String, Object> event) {
        String url = text(event, "ResponseURL");
        String type = text(event, "RequestType");
        if (url == null || type == null) {
            throw new IllegalArgumentException("Not a CloudFormation custom resource request (no RequestType or ResponseURL)");
        }
        return new CustomResourceRequest(type, URI.create(url), text(event, "StackId"), text(event, "RequestId"),
                text(event, "LogicalResourceId"), text(event, "PhysicalResourceId"));
    }

    private static String text(Map<String, Object> event, String name) {
        Object value = event.get(name);
        return value == null ? null : value.toString();
    }
}
