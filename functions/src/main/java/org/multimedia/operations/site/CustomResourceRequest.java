package org.multimedia.operations.site;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;

import java.net.URI;

/**
 * A CloudFormation custom resource request (Create, Update or Delete), as the Lambda runtime binds
 * it. Only what the answer needs is kept: where to send it and the fields it must copy verbatim.
 */
public record CustomResourceRequest(String requestType, URI responseUrl, String stackId, String requestId,
                                    String logicalResourceId, String physicalResourceId) {

    public static CustomResourceRequest from(CloudFormationCustomResourceEvent event) {
        if (event.getResponseUrl() == null || event.getRequestType() == null) {
            throw new IllegalArgumentException("Not a CloudFormation custom resource request (no RequestType or ResponseURL)");
        }
        return new CustomResourceRequest(event.getRequestType(), URI.create(event.getResponseUrl()), event.getStackId(),
                event.getRequestId(), event.getLogicalResourceId(), event.getPhysicalResourceId());
    }
}
