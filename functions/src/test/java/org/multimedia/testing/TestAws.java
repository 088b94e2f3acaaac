package org.multimedia.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.multimedia.account.LoginHandler;
import org.multimedia.core.FunctionContexts;
import org.multimedia.mail.MailWorker;
import org.multimedia.infrastructure.emulator.DevMailbox;
import org.multimedia.infrastructure.emulator.LocalAws;
import org.multimedia.infrastructure.emulator.QueueConsumer;
import org.multimedia.infrastructure.emulator.QueueEventSource;
import org.multimedia.infrastructure.emulator.Stack;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator the integration tests run against: one moto_server per test run (or the one
 * AWS_ENDPOINT_URL names), provisioned from template.yaml exactly as the local system does.
 * Handlers are built the way the local gateway builds them, with the function's environment.
 */
public final class TestAws {

    private static TestAws shared;

    private final LocalAws aws;
    private final Stack stack;
    private final Path root;
    private final JsonMapper json = JsonMapper.createDefault();
    private final DevMailbox mailbox;
    private MailWorker mailWorker;
    private LoginHandler login;
    private QueueEventSource mailQueue;
    private static final String MAIL_WORKER = "MailWorkerFunction";

    private TestAws(LocalAws aws, Stack stack, Path root) {
        this.aws = aws;
        this.stack = stack;
        this.root = root;
        this.mailbox = new DevMailbox(aws.endpoint());
    }

    private static LocalAws emulator;

    public static synchronized TestAws get() {
        if (shared == null) {
            LocalAws aws = emulator();
            shared = new TestAws(aws, Stack.provision(aws, repositoryRoot().resolve("template.yaml"), "test"), repositoryRoot());
        }
        return shared;
    }

    /** The one emulator of the test run, started on first use. */
    private static synchronized LocalAws emulator() {
        if (emulator == null) {
            emulator = LocalAws.start();
            var credentials = emulator.credentials().resolveCredentials();
            System.setProperty("aws.accessKeyId", credentials.accessKeyId());
            System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
        }
        return emulator;
    }

    private static final java.util.concurrent.atomic.AtomicInteger ISOLATED = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The same emulator, but a stack of its own, provisioned afresh from template.yaml under a new
     * name (its own tables, queues, dead-letter queues, user pool, secrets): for a test that counts
     * or drains what a table or queue holds, which the leftovers of the tests sharing {@link #get()}
     * would change. Nothing outside the test itself writes to it.
     */
    public static TestAws isolated(String purpose) {
        LocalAws aws = emulator();
        Path root = repositoryRoot();
        String name = purpose + "-" + ISOLATED.incrementAndGet();
        return new TestAws(aws, Stack.provision(aws, root.resolve("template.yaml"), name), root);
    }

    public Stack stack() {
        return stack;
    }

    public LocalAws aws() {
        return aws;
    }

    /** A handler of the template's function, with its environment plus {@code overrides} (env-var names). */
    public <H extends MicronautRequestHandler<?, ?>> H handler(Class<H> type, String functionLogicalId,
                                                              Map<String, String> overrides) {
        Map<String, Object> env = new HashMap<>(stack.functionEnvironment(functionLogicalId));
        env.put("AWS_REGION", aws.region());
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.putAll(overrides);
        ApplicationContext context = FunctionContexts.builder() // as on Lambda
                .propertySources(PropertySource.of("function-env", env, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start();
        try {
            return type.getConstructor(ApplicationContext.class).newInstance(context);
        } catch (InstantiationException | IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public <H extends MicronautRequestHandler<?, ?>> H handler(Class<H> type, String functionLogicalId) {
        return handler(type, functionLogicalId, Map.of());
    }

    /** A user made with the pool's admin API (no mail, no code): its address and {@code sub}. */
    public record PoolUser(String email, String sub) {
    }

    /**
     * A confirmed user with a permanent password, its email verified or not, in a language and
     * in the given groups (a group the template does not declare is created).
     */
    public PoolUser confirmedUser(String email, String password, boolean emailVerified, String language,
                                  String... groups) {
        String pool = stack.userPoolId();
        try (CognitoIdentityProviderClient cognito = aws.client(CognitoIdentityProviderClient.builder())) {
            var user = cognito.adminCreateUser(r -> r.userPoolId(pool).username(email).messageAction("SUPPRESS")
                    .userAttributes(a -> a.name("email").value(email),
                            a -> a.name("email_verified").value(Boolean.toString(emailVerified)),
                            a -> a.name("locale").value(language))).user();
            cognito.adminSetUserPassword(r -> r.userPoolId(pool).username(email).password(password).permanent(true));
            for (String group : groups) {
                try {
                    cognito.createGroup(r -> r.userPoolId(pool).groupName(group));
                } catch (GroupExistsException declared) {
                    // from template.yaml, or made by an earlier test
                }
                cognito.adminAddUserToGroup(r -> r.userPoolId(pool).username(email).groupName(group));
            }
            String sub = user.attributes().stream().filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
            return new PoolUser(email, sub);
        }
    }

    /** The access token of a login through the login function (the sample event's client). */
    public synchronized String accessToken(String email, String password) {
        if (login == null) {
            login = handler(LoginHandler.class, "LoginFunction");
        }
        APIGatewayV2HTTPResponse ok = login.handleRequest(event("login.json", Map.of("email", email, "password", password)), null);
        if (ok.getStatusCode() != 200) {
            throw new AssertionError("login of " + email + " answered " + ok.getStatusCode() + ": " + ok.getBody());
        }
        return body(ok).get("accessToken").getStringValue();
    }

    private String originSecret;

    /**
     * The value CloudFront adds to every request it forwards to the API ({@code X-Origin-Verify}):
     * the stack's {@code OriginSecret}, as the emulator holds it.
     */
    public synchronized String originSecret() {
        if (originSecret == null) {
            try (SecretsManagerClient secrets = aws.client(SecretsManagerClient.builder())) {
                originSecret = secrets.getSecretValue(r -> r.secretId(stack.physicalId("OriginSecret"))).secretString();
            }
        }
        return originSecret;
    }

    /**
     * A sample event from {@code events/}, with its JSON body replaced, as the function receives it
     * through the portal: with the origin secret CloudFront adds. (Remove {@code x-origin-verify}
     * from its headers for a request straight to the API's own endpoint.)
     */
    public APIGatewayV2HTTPEvent event(String file, Map<String, Object> body) {
        try (InputStream in = Files.newInputStream(root.resolve("events").resolve(file))) {
            APIGatewayV2HTTPEvent event = LambdaEventSerializers
                    .serializerFor(APIGatewayV2HTTPEvent.class, getClass().getClassLoader()).fromJson(in);
            Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
            headers.put("x-origin-verify", originSecret());
            event.setHeaders(headers);
            if (body != null) {
                event.setBody(new String(json.writeValueAsBytes(body)));
            }
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sample event as the HttpApi's JWT authorizer passes it on for this access token: the
     * token's claims, as strings. (Checking the token is the authorizer's job, tested in infrastructure/local.)
     */
    public APIGatewayV2HTTPEvent authorized(String file, String accessToken) {
        APIGatewayV2HTTPEvent event = event(file, null);
        try {
            byte[] payload = java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]);
            JsonNode claims = json.readValue(payload, JsonNode.class);
            Map<String, String> strings = new HashMap<>();
            claims.entries().forEach(e -> strings.put(e.getKey(), claimString(e.getValue())));
            event.getRequestContext().getAuthorizer().getJwt().setClaims(strings);
            event.getHeaders().put("authorization", "Bearer " + accessToken);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #authorized(String, String)} with its JSON body replaced (null: the sample's body stays). */
    public APIGatewayV2HTTPEvent authorized(String file, String accessToken, Map<String, Object> body) {
        APIGatewayV2HTTPEvent event = authorized(file, accessToken);
        if (body != null) {
            try {
                event.setBody(new String(json.writeValueAsBytes(body), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return event;
    }

    /** As API Gateway passes a claim on: arrays as {@code [a b]}, everything else as its text. */
    private static String claimString(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            value.values().forEach(item -> items.add(item.isString() ? item.getStringValue() : item.toString()));
            return "[" + String.join(" ", items) + "]";
        }
        return value.isString() ? value.getStringValue() : value.toString();
    }

    public JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return json.readValue(response.getBody(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the mail worker over what the mail queue holds, batch by batch, as Lambda's event
     * source mapping would (failed messages stay in the queue): mail the API functions queued
     * reaches the emulator's SES.
     */
    public synchronized void deliverQueuedMail() {
        if (mailWorker == null) {
            mailWorker = handler(MailWorker.class, MAIL_WORKER);
            QueueConsumer consumer = stack.queueConsumers().stream()
                    .filter(c -> c.functionLogicalId().equals(MAIL_WORKER)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("template.yaml: no SQS event for " + MAIL_WORKER));
            mailQueue = new QueueEventSource(aws.client(SqsClient.builder()), consumer, aws.region());
        }
        while (mailQueue.pollOnce(Duration.ZERO, event -> mailWorker.handleRequest(event, null)) > 0) {
            // until the queue has nothing visible
        }
    }

    /** Subjects and bodies of the mail sent to this address so far (queued mail delivered first), oldest first. */
    public List<SentMail> mailTo(String address) {
        deliverQueuedMail();
        try {
            return mailbox.mailTo(address).stream()
                    .map(mail -> new SentMail(mail.from(), mail.subject(), mail.html() != null ? mail.html() : mail.text()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record SentMail(String from, String subject, String body) {
        /** The 6-digit code, as a person reads it in the email. */
        public String code() {
            var matcher = java.util.regex.Pattern.compile(">(\\d{6})<").matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no code in: " + subject);
            }
            return matcher.group(1);
        }
    }

    /**
     * Runs {@code worker} (the template function's) over what its queue holds, batch by batch, as
     * Lambda's event source mapping would, until nothing is visible. Returns how many messages it was handed.
     */
    public int drain(MicronautRequestHandler<com.amazonaws.services.lambda.runtime.events.SQSEvent,
            com.amazonaws.services.lambda.runtime.events.SQSBatchResponse> worker, String functionLogicalId) {
        QueueConsumer consumer = stack.queueConsumers().stream()
                .filter(c -> c.functionLogicalId().equals(functionLogicalId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml: no SQS event for " + functionLogicalId));
        try (SqsClient sqs = aws.client(SqsClient.builder())) {
            QueueEventSource queue = new QueueEventSource(sqs, consumer, aws.region());
            int total = 0;
            int polled;
            while ((polled = queue.pollOnce(Duration.ZERO, event -> worker.handleRequest(event, null))) > 0) {
                total += polled;
            }
            return total;
        }
    }

    /** A raw MIME message the emulator's SES took (SES v2 Raw keeps every header), as sent. */
    public record RawMail(List<String> destinations, jakarta.mail.internet.MimeMessage mime) {
        public String header(String name) {
            try {
                return mime.getHeader(name, ",");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every raw message sent so far (moto's {@code ses.RawMessage}), oldest first. */
    public List<RawMail> rawMail() {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(aws.endpoint().toString().replaceAll("/+$", "") + "/moto-api/data.json")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            JsonNode root = json.readValue(response.body(), JsonNode.class);
            JsonNode raw = root.get("ses") == null ? null : root.get("ses").get("RawMessage");
            List<RawMail> out = new java.util.ArrayList<>();
            if (raw == null) {
                return out;
            }
            var session = jakarta.mail.Session.getInstance(new java.util.Properties());
            for (JsonNode message : raw.values()) {
                List<String> to = new java.util.ArrayList<>();
                JsonNode destinations = message.get("destinations");
                if (destinations != null) {
                    // moto lists an address once per place it found it (Destination, To header): once is enough
                    destinations.values().forEach(d -> {
                        if (to.stream().noneMatch(t -> t.equalsIgnoreCase(d.getStringValue()))) {
                            to.add(d.getStringValue());
                        }
                    });
                }
                byte[] data = message.get("raw_data").getStringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.add(new RawMail(to, new jakarta.mail.internet.MimeMessage(session, new java.io.ByteArrayInputStream(data))));
            }
            return out;
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
