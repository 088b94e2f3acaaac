package org.multimedia.core;

import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Counts in CloudWatch's embedded metric format, through Powertools metrics: one JSON line on
 * stdout that CloudWatch Logs turns into a metric without an API call. The line has no dimension
 * (the alarms of template.yaml watch the bare metric) and carries the invocation's request ids.
 */
public final class EmbeddedMetrics {

    /**
     * Always Lambda's environment (the line on stdout): the library would otherwise probe for EC2
     * and ECS over the network wherever AWS_LAMBDA_FUNCTION_NAME is unset (the local system, tests).
     */
    private static final Metrics METRICS = MetricsBuilder.builder()
            .withMetricsProvider(() -> new EmfMetricsLogger(new StdoutEnvironment(), new MetricsContext()))
            .build();

    private EmbeddedMetrics() {
    }

    /** A count of 1 of {@code name} in {@code namespace}, flushed at once. */
    public static void count(String namespace, String name) {
        METRICS.flushMetrics(metrics -> {
            metrics.setNamespace(namespace);
            metrics.setDefaultDimensions(DimensionSet.of(Map.of()));
            addFromLogContext(metrics, "function_request_id");
            addFromLogContext(metrics, InvocationLog.API_REQUEST_ID);
            addFromLogContext(metrics, InvocationLog.MESSAGE_ID);
            metrics.addMetric(name, 1, MetricUnit.COUNT);
        });
    }

    private static void addFromLogContext(Metrics metrics, String key) {
        String value = MDC.get(key);
        if (value != null) {
            metrics.addMetadata(key, value);
        }
    }

    private static final class StdoutEnvironment extends EnvironmentProvider {
        private static final Environment LAMBDA = new LambdaEnvironment();

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(LAMBDA);
        }
    }
}
