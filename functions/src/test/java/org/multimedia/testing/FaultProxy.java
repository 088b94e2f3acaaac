package org.multimedia.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock in proxy mode between the functions and the emulator: everything is passed through
 * to moto, except the one AWS step a test fails, with a 500, the service's own throttling error,
 * a connection reset or an answer slower than the client's timeout. Steps are told apart as AWS
 * tells them apart: the {@code X-Amz-Target} header of the JSON protocols (DynamoDB, Cognito,
 * SQS, Secrets Manager) with the table, queue or secret named in the body; method and path for
 * the REST ones (SES v2, S3).
 */
public final class FaultProxy implements AutoCloseable {

    /** What is done to a step. */
    public enum FaultKind {
        SERVER_ERROR("HTTP 500"),
        THROTTLING("throttling error"),
        CONNECTION_RESET("connection reset"),
        SLOW("answer later than the client timeout");

        private final String label;

        FaultKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One AWS step: its service (from the SigV4 scope), action and resource (table, queue,
     * secret, bucket), and how WireMock recognises it.
     */
    public record Step(String service, String action, String resource, String target, RequestMethod method,
                       String pathRegex, String bodyNeedle) {

        /** For people: {@code dynamodb UpdateItem CodesTable}. */
        public String label() {
            return service + " " + action + (resource == null ? "" : " " + resource);
        }
    }

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
    private static final Pattern TABLE = Pattern.compile("\"TableName\":\"([^\"]+)\"");
    private static final Pattern QUEUE = Pattern.compile("\"QueueUrl\":\"[^\"]*/([^\"/]+)\"");
    private static final Pattern SECRET = Pattern.compile("\"SecretId\":\"([^\"]+)\"");

    /** The journal is off (it would grow for the whole run): what passed since {@link #record()} is kept here. */
    private final List<LoggedRequest> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Bodies of the SES SendEmail requests the emulator answered 2xx: mail that went out. */
    private final List<String> sesAccepted = java.util.Collections.synchronizedList(new ArrayList<>());
    private final WireMockServer server;
    private final URI target;
    private final Duration slowAnswer;

    private FaultProxy(URI target, Duration slowAnswer) {
        this.target = target;
        this.slowAnswer = slowAnswer;
        this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(40).gzipDisabled(true).disableRequestJournal()
                .enableBrowserProxying(false));
        server.addMockServiceRequestListener((request, response) -> {
            LoggedRequest logged = LoggedRequest.createFrom(request);
            seen.add(logged);
            if (response.getStatus() / 100 == 2 && "/v2/email/outbound-emails".equals(logged.getUrl())) {
                sesAccepted.add(logged.getBodyAsString());
            }
        });
        server.start();
        server.stubFor(WireMock.any(WireMock.anyUrl()).atPriority(10)
                .willReturn(WireMock.aResponse().proxiedFrom(target.toString().replaceAll("/+$", ""))));
    }

    /** A proxy to {@code target}; {@link FaultKind#SLOW} answers after {@code slowAnswer}. */
    public static FaultProxy start(URI target, Duration slowAnswer) {
        return new FaultProxy(target, slowAnswer);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Starts recording the AWS steps passing through. */
    public void record() {
        seen.clear();
    }

    /** The distinct steps recorded since {@link #record()}, in the order they first happened. */
    public List<Step> recorded() {
        Set<Step> steps = new LinkedHashSet<>();
        synchronized (seen) {
            seen.stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).forEach(r -> steps.add(step(r)));
        }
        seen.clear();
        return new ArrayList<>(steps);
    }

    /** How many emails SES took for this address (through this proxy): a delayed answer counts, a failed request does not. */
    public long mailedTo(String address) {
        synchronized (sesAccepted) {
            return sesAccepted.stream().filter(body -> body.contains("\"" + address + "\"")).count();
        }
    }

    /** Fails every request of {@code step} (retries included) until {@link #heal()}. */
    public void fail(Step step, FaultKind kind) {
        server.stubFor(matching(step).atPriority(1).willReturn(response(step, kind)));
    }

    /** Makes every request slower by {@code delay}, answered by the emulator after it. */
    public void slowEverything(Duration delay) {
        server.stubFor(WireMock.any(WireMock.anyUrl()).atPriority(1).willReturn(WireMock.aResponse()
                .proxiedFrom(target.toString().replaceAll("/+$", "")).withFixedDelay((int) delay.toMillis())));
    }

    /** Removes every fault: everything passes through again. */
    public void heal() {
        for (var mapping : server.getStubMappings()) {
            if (mapping.getPriority() != null && mapping.getPriority() == 1) {
                server.removeStub(mapping);
            }
        }
    }

    private MappingBuilder matching(Step step) {
        MappingBuilder builder;
        if (step.target() != null) {
            builder = WireMock.any(WireMock.anyUrl()).withHeader("X-Amz-Target", WireMock.equalTo(step.target()));
        } else {
            builder = WireMock.request(step.method().getName(), WireMock.urlPathMatching(step.pathRegex()));
        }
        if (step.bodyNeedle() != null) {
            builder = builder.withRequestBody(WireMock.containing(step.bodyNeedle()));
        }
        return builder;
    }

    private ResponseDefinitionBuilder response(Step step, FaultKind kind) {
        return switch (kind) {
            case CONNECTION_RESET -> WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            case SLOW -> WireMock.aResponse().proxiedFrom(target.toString().replaceAll("/+$", ""))
                    .withFixedDelay((int) slowAnswer.toMillis());
            case SERVER_ERROR -> error(step, 500, "InternalFailure", "InternalError", "We encountered an internal error.");
            case THROTTLING -> switch (step.service()) {
                case "dynamodb" -> error(step, 400, "com.amazonaws.dynamodb.v20120810#ThrottlingException", null,
                        "Rate of requests exceeds the allowed throughput.");
                case "cognito-idp" -> error(step, 400, "TooManyRequestsException", null, "Rate exceeded");
                case "ses" -> error(step, 429, "TooManyRequestsException", null, "Maximum sending rate exceeded.");
                case "s3" -> error(step, 503, null, "SlowDown", "Please reduce your request rate.");
                default -> error(step, 400, "ThrottlingException", null, "Rate exceeded");
            };
        };
    }

    /** An AWS error in the step's protocol: JSON {@code __type}, REST-JSON {@code x-amzn-ErrorType}, S3 XML. */
    private static ResponseDefinitionBuilder error(Step step, int status, String jsonType, String xmlCode, String message) {
        if (step.service().equals("s3")) {
            return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                    .withBody("<Error><Code>" + (xmlCode == null ? "InternalError" : xmlCode) + "</Code><Message>"
                            + message + "</Message><RequestId>injected</RequestId></Error>");
        }
        if (step.target() == null) { // REST-JSON (SES v2)
            String type = jsonType.contains("#") ? jsonType.substring(jsonType.indexOf('#') + 1) : jsonType;
            return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", type).withBody("{\"message\":\"" + message + "\"}");
        }
        return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"" + jsonType + "\",\"message\":\"" + message + "\"}");
    }

    private static Step step(LoggedRequest request) {
        String service = "aws";
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            Matcher scope = SCOPE.matcher(authorization);
            if (scope.find()) {
                service = scope.group(1);
            }
        }
        String target = request.containsHeader("X-Amz-Target") ? request.getHeader("X-Amz-Target") : null;
        if (target != null && service.equals("aws")) { // unsigned calls (Cognito's public SignUp, InitiateAuth...)
            service = target.startsWith("AWSCognitoIdentityProviderService") ? "cognito-idp"
                    : target.startsWith("DynamoDB") ? "dynamodb" : target.startsWith("AmazonSQS") ? "sqs" : service;
        }
        String body = request.getBodyAsString();
        if (target != null) {
            String action = target.substring(target.indexOf('.') + 1);
            String needle = null;
            String resource = null;
            Matcher m;
            if (action.equals("TransactWriteItems") || action.equals("TransactGetItems")) {
                resource = "(transaction)";
            } else if ((m = TABLE.matcher(body)).find()) {
                needle = "\"TableName\":\"" + m.group(1) + "\"";
                resource = shortName(m.group(1));
            } else if ((m = QUEUE.matcher(body)).find()) {
                needle = m.group(1) + "\"";
                resource = shortName(m.group(1));
            } else if ((m = SECRET.matcher(body)).find()) {
                needle = "\"SecretId\":\"" + m.group(1) + "\"";
                resource = shortName(m.group(1));
            }
            return new Step(service, action, resource, target, null, null, needle);
        }
        String path = request.getUrl().replaceAll("\\?.*", "");
        if (service.equals("s3")) {
            String bucket = path.replaceAll("^/([^/]+).*", "$1");
            return new Step(service, request.getMethod().getName() + " object", shortName(bucket), null,
                    request.getMethod(), "/" + Pattern.quote(bucket) + "(/.*)?", null);
        }
        String action = path.startsWith("/v2/email/outbound-emails") ? "SendEmail" : path;
        return new Step(service, action, null, null, request.getMethod(), Pattern.quote(path), null);
    }

    /** {@code test-VerificationCodesTable-1A2B} → {@code VerificationCodesTable}: the template's name. */
    private static String shortName(String physical) {
        String last = physical.replaceAll(".*[:/]", "");
        Matcher m = Pattern.compile("^[^-]+-(.+?)(-[A-Za-z0-9]{6,})?$").matcher(last);
        return m.matches() ? m.group(1) : last;
    }

    @Override
    public void close() {
        server.stop();
    }
}
