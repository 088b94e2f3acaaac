package org.multimedia.aws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long the functions wait for AWS, and how often they try (docs/RELIABILITY.md, "Time
 * limits"). The defaults are the production values; {@code AWS_CLIENT_*} environment variables
 * override them (the fault-injection tests shorten them to keep the suite fast).
 *
 * @param connectTimeout  TCP connect to the service endpoint
 * @param readTimeout     longest silence while reading an answer (the socket timeout)
 * @param attemptTimeout  one HTTP attempt, from sending to the last byte of the answer
 * @param callTimeout     one SDK call, every attempt and back-off included: no call lasts longer
 * @param maxAttempts     attempts per call (the first one included), SDK "standard" retry strategy:
 *                        exponential back-off with jitter, longer for throttling errors
 * @param reserve         time kept at the end of an invocation to answer: a call starts only when
 *                        {@code callTimeout + reserve} is left before Lambda's timeout
 */
@ConfigurationProperties("aws.client")
public record AwsClientSettings(
        @Bindable(defaultValue = "1s") Duration connectTimeout,
        @Bindable(defaultValue = "2s") Duration readTimeout,
        @Bindable(defaultValue = "2s") Duration attemptTimeout,
        @Bindable(defaultValue = "5s") Duration callTimeout,
        @Bindable(defaultValue = "3") int maxAttempts,
        @Bindable(defaultValue = "1s") Duration reserve) {

    /** Time an invocation must still have for one more AWS call to start. */
    public Duration neededForACall() {
        return callTimeout.plus(reserve);
    }
}
