package org.multimedia.aws;

import org.multimedia.core.InvocationDeadline;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Refuses to start an AWS call the invocation has no time left to wait for: every call is cut at
 * {@link AwsClientSettings#callTimeout()}, so a call started with {@code callTimeout + reserve}
 * left ends (answered, failed or cut) at least {@code reserve} before Lambda's timeout. Refused,
 * it fails like an unavailable service: {@code 503} with {@code Retry-After}, or a queue message
 * left for a retry. This is what bounds an invocation whose every call is slow but within its
 * own limit, which per-call timeouts alone cannot.
 */
final class InvocationDeadlineInterceptor implements ExecutionInterceptor {

    private final AwsClientSettings settings;

    InvocationDeadlineInterceptor(AwsClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        InvocationDeadline.remaining().ifPresent(left -> {
            if (left.compareTo(settings.neededForACall()) < 0) {
                throw SdkClientException.create("No time left in this invocation for another AWS call ("
                        + left.toMillis() + " ms left)");
            }
        });
    }
}
