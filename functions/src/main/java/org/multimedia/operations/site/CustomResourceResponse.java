package org.multimedia.operations.site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer CloudFormation waits for, PUT to the request's ResponseURL (CloudFormation User
 * Guide, "Custom resource response objects"): Status SUCCESS or FAILED, a Reason (required when
 * FAILED), the PhysicalResourceId, StackId, RequestId and LogicalResourceId copied from the
 * request, and Data (what {@code Fn::GetAtt} reads). The whole body must stay under 4096 bytes.
 */
public record CustomResourceResponse(String status, String reason, String physicalResourceId, String stackId,
                                     String requestId, String logicalResourceId, Map<String, String> data) {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";
    /** Room for the other fields within CloudFormation's 4096 bytes. */
    static final int MAX_REASON = 1000;

    public static CustomResourceResponse success(CustomResourceRequest request, String physicalId, Map<String, String> data) {
        return new CustomResourceResponse(SUCCESS, null, physicalId, request.stackId(), request.requestId(),
                request.logicalResourceId(), Map.copyOf(data));
    }

    public static CustomResourceResponse failed(CustomResourceRequest request, String physicalId, String reason) {
        String shortened = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return new CustomResourceResponse(FAILED, shortened, physicalId, request.stackId(), request.requestId(),
                request.logicalResourceId(), Map.of());
    }

    /** The JSON object, field names as CloudFormation spells them. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", status);
        if (reason != null) {
            body.put("Reason", reason);
        }
        body.put("PhysicalResourceId", physicalResourceId);
        body.put("StackId", stackId);
        body.put("RequestId", requestId);
        body.put("LogicalResourceId", logicalResourceId);
        body.put("Data", new LinkedHashMap<>(data));
        return body;
    }
}
