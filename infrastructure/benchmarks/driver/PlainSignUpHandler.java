import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The benchmark's framework-free sign-up: a plain {@code RequestHandler} making the same AWS calls
 * as SignUpFunction, with the same SDK clients built the same way (URL-connection HTTP client,
 * explicit region and endpoint, default credentials), so that "our handler / this one" measured in
 * the same run is what the framework and our layering cost. It lives with the benchmark driver,
 * never in the Lambda jar.
 * <p>
 * The calls of one sign-up of a new address, in SignUpFunction's order: DynamoDB GetItem + PutItem
 * (the send quota, rate-limit table), Cognito AdminGetUser, Cognito DescribeUserPoolClient (the
 * client secret, once per container) and SignUp with its SECRET_HASH, Secrets Manager
 * GetSecretValue AWSCURRENT and AWSPREVIOUS (the code key, once per container), DynamoDB PutItem
 * (the code's hash), SQS SendMessage (the mail job). It binds the body with jackson-core's
 * streaming parser (in the jar) and answers the same 202 body. What it leaves out: the password
 * rules beyond length, the throttles' other paths, logging of auth events.
 */
public final class PlainSignUpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final JsonFactory JSON = new JsonFactory();

    private final CognitoIdentityProviderClient cognito;
    private final DynamoDbClient dynamo;
    private final SecretsManagerClient secrets;
    private final SqsClient sqs;
    private final SecureRandom random = new SecureRandom();
    private final String codesTable = System.getenv("TABLES_CODES");
    private final String rateLimitTable = System.getenv("TABLES_RATE_LIMITS");
    private final String userPoolId = System.getenv("COGNITO_USER_POOL_ID");
    private final String clientId = System.getenv("COGNITO_CLIENT_ID");
    private final String keySecretId = System.getenv("KEYS_VERIFICATION_CODES_SECRET_ID");
    private final String mailQueueUrl = System.getenv("MAIL_QUEUE_URL");
    private byte[] clientSecret;
    private List<byte[]> codeKeys;

    public PlainSignUpHandler() {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build();
        cognito = configure(CognitoIdentityProviderClient.builder().httpClient(http)).build();
        dynamo = configure(DynamoDbClient.builder().httpClient(http)).build();
        secrets = configure(SecretsManagerClient.builder().httpClient(http)).build();
        sqs = configure(SqsClient.builder().httpClient(http)).build();
    }

    private static <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        String region = System.getenv("AWS_REGION");
        if (region != null) {
            builder.region(Region.of(region));
        }
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> body = fields(event.getBody());
        String email = body.getOrDefault("email", "").trim().toLowerCase();
        String password = body.getOrDefault("password", "");
        String language = "fr".equals(body.get("language")) ? "fr" : "en";
        if (!EMAIL.matcher(email).matches()) {
            return respond(400, "{\"error\":\"invalid_email\",\"message\":\"This is not an email address.\"}");
        }
        if (password.length() < 12 || password.length() > 256) {
            return respond(400, "{\"error\":\"weak_password\",\"message\":\"Choose a stronger password.\",\"violations\":[\"too_short\"]}");
        }
        Instant now = Instant.now();

        // The send quota: read, then a conditional first write.
        String quotaKey = "send#sign_up#" + email;
        dynamo.getItem(r -> r.tableName(rateLimitTable).key(Map.of("pk", AttributeValue.fromS(quotaKey))).consistentRead(true));
        try {
            dynamo.putItem(r -> r.tableName(rateLimitTable).item(Map.of(
                            "pk", AttributeValue.fromS(quotaKey),
                            "windowStart", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            "sent", AttributeValue.fromN("1"),
                            "lastSentAt", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            "version", AttributeValue.fromN("1"),
                            "ttl", AttributeValue.fromN(Long.toString(now.plus(Duration.ofHours(2)).getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            return respond(429, "{\"error\":\"resend_too_soon\",\"message\":\"Wait a moment.\",\"retryAfterSeconds\":60}");
        }

        // The identity: look it up, then create it (refused without effect when it exists).
        try {
            cognito.adminGetUser(r -> r.userPoolId(userPoolId).username(email));
        } catch (UserNotFoundException absent) {
            // the usual case
        }
        try {
            cognito.signUp(r -> r.clientId(clientId).secretHash(secretHash(email)).username(email).password(password)
                    .userAttributes(AttributeType.builder().name("email").value(email).build(),
                            AttributeType.builder().name("locale").value(language).build()));
        } catch (UsernameExistsException exists) {
            // the same answer
        }

        // The code: six digits, stored as an HMAC with the current key.
        String code = String.format("%06d", random.nextInt(1_000_000));
        String codeHash = HexFormat.of().formatHex(hmac(codeKeys().get(0), ("sign_up:" + email + ":" + code).getBytes(StandardCharsets.UTF_8)));
        Instant expires = now.plus(Duration.ofMinutes(30));
        dynamo.putItem(r -> r.tableName(codesTable).item(Map.of(
                "pk", AttributeValue.fromS("code#sign_up#" + email),
                "codeHash", AttributeValue.fromS(codeHash),
                "expiresAt", AttributeValue.fromN(Long.toString(expires.toEpochMilli())),
                "attemptsLeft", AttributeValue.fromN("5"),
                "attrs", AttributeValue.fromM(Map.of("language", AttributeValue.fromS(language))),
                "ttl", AttributeValue.fromN(Long.toString(expires.plus(Duration.ofDays(1)).getEpochSecond())))));

        // The mail job.
        String message = "{\"to\":\"" + email + "\",\"template\":\"verification-code\",\"language\":\"" + language
                + "\",\"values\":{\"code\":\"" + code + "\"}}";
        sqs.sendMessage(r -> r.queueUrl(mailQueueUrl).messageBody(message));
        return respond(202, "{\"status\":\"verification_sent\",\"expiresInSeconds\":1800}");
    }

    private String secretHash(String username) {
        if (clientSecret == null) {
            clientSecret = cognito.describeUserPoolClient(r -> r.userPoolId(userPoolId).clientId(clientId))
                    .userPoolClient().clientSecret().getBytes(StandardCharsets.UTF_8);
        }
        return Base64.getEncoder().encodeToString(hmac(clientSecret, (username + clientId).getBytes(StandardCharsets.UTF_8)));
    }

    private List<byte[]> codeKeys() {
        if (codeKeys == null) {
            List<byte[]> keys = new ArrayList<>();
            for (String stage : List.of("AWSCURRENT", "AWSPREVIOUS")) {
                try {
                    keys.add(secrets.getSecretValue(r -> r.secretId(keySecretId).versionStage(stage)).secretString()
                            .getBytes(StandardCharsets.UTF_8));
                } catch (ResourceNotFoundException neverRotated) {
                    // no previous version
                }
            }
            codeKeys = keys;
        }
        return codeKeys;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body's top-level string and boolean fields. */
    private static Map<String, String> fields(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null) {
            return fields;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return fields;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue()) {
                    fields.put(name, parser.getValueAsString());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (java.io.IOException e) {
            return new HashMap<>();
        }
        return fields;
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                .withBody(body).build();
    }
}
