package org.multimedia.infrastructure.emulator;

/**
 * A function's {@code Type: SQS} event: which function consumes which queue, in batches of
 * how many, and whether it reports partial batch failures ({@code ReportBatchItemFailures}).
 */
public record QueueConsumer(String functionLogicalId, String handlerClassName, String queueLogicalId,
                            String queueUrl, String queueArn, int batchSize, boolean reportsBatchItemFailures) {
}
