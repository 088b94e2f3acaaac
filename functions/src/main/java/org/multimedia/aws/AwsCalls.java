package org.multimedia.aws;

import org.multimedia.core.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.function.Supplier;

/** Turns an AWS failure nobody handled into {@code 503 service_unavailable}: AWS messages never reach a caller. */
final class AwsCalls {

    private static final Logger LOG = LoggerFactory.getLogger(AwsCalls.class);

    private AwsCalls() {
    }

    static <T> T guard(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    ? service.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            LOG.warn("AWS call {} failed: {}", operation, code);
            throw DomainException.unavailable();
        }
    }

    static void run(String operation, Runnable call) {
        guard(operation, () -> {
            call.run();
            return null;
        });
    }
}
