package org.multimedia.operations.site;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.multimedia.core.InvocationDeadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a custom resource's answer: a PUT of the JSON to the request's presigned ResponseURL (an
 * S3 URL signed for no content type: the header is sent empty, as CloudFormation's own cfn-response
 * does). Without an answer CloudFormation waits for the resource's timeout (an hour by default), so
 * a failed PUT is tried again while the invocation has time; then it throws, and Lambda's retries
 * of the asynchronous invocation run the (idempotent) request again.
 */
@Singleton
public class CloudFormationReplies {

    private static final Logger LOG = LoggerFactory.getLogger(CloudFormationReplies.class);

    static final int ATTEMPTS = 3;
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** Kept at the end of the invocation for the function to return. */
    static final Duration RESERVE = Duration.ofMillis(300);

    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public CloudFormationReplies(JsonMapper json) {
        this.json = json;
    }

    public void send(URI responseUrl, CustomResourceResponse response) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Duration timeout = timeout();
            if (timeout.isNegative() || timeout.isZero()) {
                break;
            }
            HttpRequest put = HttpRequest.newBuilder(responseUrl)
                    .timeout(timeout)
                    .header("Content-Type", "")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            try {
                int status = http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    LOG.info("Answered CloudFormation: {} {}", response.status(), response.logicalResourceId());
                    return;
                }
                last = new IOException("The response URL answered " + status);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while answering CloudFormation", e);
            }
            // The URL's query is its signature: never logged.
            LOG.warn("Answering CloudFormation failed (attempt {} of {}): {}", attempt, ATTEMPTS, last.getClass().getSimpleName());
        }
        throw new UncheckedIOException("CloudFormation could not be answered", last == null ? new IOException("no time left") : last);
    }

    /** An attempt's time: {@link #ATTEMPT_TIMEOUT}, or what the invocation has left. */
    private static Duration timeout() {
        return InvocationDeadline.remaining()
                .map(left -> left.minus(RESERVE))
                .map(left -> left.compareTo(ATTEMPT_TIMEOUT) < 0 ? left : ATTEMPT_TIMEOUT)
                .orElse(ATTEMPT_TIMEOUT);
    }
}
