package org.multimedia.aws;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS clients, one per container and each created only when a function first needs it, all on
 * the lightweight URL-connection HTTP client, with an explicit region and endpoint, and explicit
 * time limits and retries ({@link AwsClientSettings}).
 */
@Factory
public class AwsClients {

    private final AwsSettings settings;
    private final AwsClientSettings limits;

    public AwsClients(AwsSettings settings, AwsClientSettings limits) {
        this.settings = settings;
        this.limits = limits;
    }

    @Singleton
    SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(limits.connectTimeout())
                .socketTimeout(limits.readTimeout())
                .build();
    }

    /**
     * Explicit limits on every client (docs/RELIABILITY.md): each attempt and each call is cut,
     * retries are bounded, and no call starts that could outlive the invocation.
     */
    private ClientOverrideConfiguration overrides(int maxAttempts) {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(limits.attemptTimeout())
                .apiCallTimeout(limits.callTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts).build())
                .addExecutionInterceptor(new InvocationDeadlineInterceptor(limits))
                .build();
    }

    @Singleton
    CognitoIdentityProviderClient cognito(SdkHttpClient http) {
        return configure(CognitoIdentityProviderClient.builder().httpClient(http)).build();
    }

    @Singleton
    DynamoDbClient dynamoDb(SdkHttpClient http) {
        return configure(DynamoDbClient.builder().httpClient(http)).build();
    }

    /**
     * No SDK retries for SES: {@code SendEmail} has no idempotency token, so an attempt retried
     * after a lost answer (a timeout, a reset connection) would send the email twice. Retrying is
     * the queues' job, where the mail worker and the campaign send worker decide (a newsletter
     * whose send is in doubt is never sent again).
     */
    @Singleton
    SesV2Client ses(SdkHttpClient http) {
        return configure(SesV2Client.builder().httpClient(http))
                .overrideConfiguration(overrides(1)).build();
    }

    @Singleton
    SqsClient sqs(SdkHttpClient http) {
        return configure(SqsClient.builder().httpClient(http)).build();
    }

    @Singleton
    SecretsManagerClient secretsManager(SdkHttpClient http) {
        return configure(SecretsManagerClient.builder().httpClient(http)).build();
    }

    /**
     * Only the catalogue invalidator uses it. CloudFront is a global service: its endpoint depends
     * on the region's partition only, so the function's own region does.
     */
    @Singleton
    CloudFrontClient cloudFront(SdkHttpClient http) {
        return configure(CloudFrontClient.builder().httpClient(http)).build();
    }

    /** Only the maintenance function (operations/) uses it: its versions and keep-alive invocations. */
    @Singleton
    LambdaClient lambda(SdkHttpClient http) {
        return configure(LambdaClient.builder().httpClient(http)).build();
    }

    @Singleton
    S3Client s3(SdkHttpClient http) {
        return configure(S3Client.builder().httpClient(http)).serviceConfiguration(s3Configuration()).build();
    }

    /** Signs locally: no HTTP client, no call. */
    @Singleton
    S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .serviceConfiguration(s3Configuration());
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpointUrl() != null) {
            builder.endpointOverride(settings.endpointUrl());
        }
        return builder.build();
    }

    /** An emulator's endpoint (a bare host:port) can only address buckets path-style. */
    private S3Configuration s3Configuration() {
        return S3Configuration.builder().pathStyleAccessEnabled(settings.endpointUrl() != null).build();
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        builder.overrideConfiguration(overrides(limits.maxAttempts()));
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpointUrl() != null) {
            builder.endpointOverride(settings.endpointUrl());
        }
        return builder;
    }
}
