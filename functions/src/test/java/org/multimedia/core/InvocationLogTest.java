package org.multimedia.core;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;
import org.multimedia.http.OriginSecrets;
import org.multimedia.queue.QueueHandler;
import org.multimedia.video.ListVideosHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator reads in CloudWatch: each line the functions log during an invocation is one
 * JSON object with the Lambda request id, the function's name, whether it is the environment's
 * first request, the API Gateway request id (HTTP) or the SQS message id (queues), and the X-Ray
 * trace id when Lambda gives one; nothing of an invocation is left for the next one.
 */
class InvocationLogTest {

    private static final Logger LOG = LoggerFactory.getLogger(InvocationLogTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationContext context = FunctionContexts.builder().properties(Map.of(
            "aws.region", "eu-west-1", "aws.endpoint-url", "http://127.0.0.1:9",
            "tables.codes", "t", "tables.rate-limits", "t", "tables.subscriptions", "t", "tables.videos", "t",
            "tables.downloads", "t", "tables.suppressions", "t", "tables.campaigns", "t", "tables.deliveries", "t")).properties(Map.of("keys.catalogue-cursors-secret-id", "k")).start();

    /** The test's origin secret, explicitly: the event below carries it, as CloudFront sends it. */
    private static final String ORIGIN = "origin-secret-of-the-test";

    {
        context.registerSingleton(OriginSecrets.class, OriginSecrets.of(ORIGIN));
    }

    @AfterEach
    void close() {
        context.close();
        System.clearProperty("com.amazonaws.xray.traceHeader");
    }

    /** A public route's function whose route only logs a line. */
    static class Api extends ListVideosHandler {
        Api(ApplicationContext context) {
            super(context);
        }

        @Override
        protected ApiResponse handle(ApiRequest request) {
            LOG.info("listing");
            return ApiResponse.ok(Map.of());
        }
    }

    static final class Queue extends QueueHandler {
        Queue(ApplicationContext context) {
            super(context);
        }

        @Override
        protected void process(SQSEvent.SQSMessage message) {
            if (message.getBody().equals("bad")) {
                throw new IllegalArgumentException("cannot read " + message.getBody());
            }
            LOG.info("processed");
        }
    }

    @Test
    void anHttpInvocationLogsJsonLinesWithItsRequestIdsAndOnlyTheFirstOneIsCold() throws Exception {
        Api handler = new Api(context);
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        List<JsonNode> first = lines(() -> handler.handleRequest(request("api-1"), lambda("lambda-1", "local-ListVideosFunction")));
        System.clearProperty("com.amazonaws.xray.traceHeader");
        List<JsonNode> second = lines(() -> handler.handleRequest(request("api-2"), lambda("lambda-2", "local-ListVideosFunction")));

        assertEquals(1, first.size(), first.toString());
        JsonNode line = first.get(0);
        assertEquals("INFO", line.path("level").asText());
        assertEquals("listing", line.path("message").asText());
        assertEquals("lambda-1", line.path("function_request_id").asText());
        assertEquals("api-1", line.path("correlation_id").asText());
        assertEquals("local-ListVideosFunction", line.path("function_name").asText());
        assertTrue(line.path("cold_start").asBoolean(), line.toString());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", line.path("xray_trace_id").asText());

        JsonNode next = second.get(0);
        assertEquals("lambda-2", next.path("function_request_id").asText());
        assertEquals("api-2", next.path("correlation_id").asText());
        assertFalse(next.path("cold_start").asBoolean(), next.toString());
        assertFalse(next.has("xray_trace_id"), next.toString());
        assertNull(MDC.getCopyOfContextMap() == null || MDC.getCopyOfContextMap().isEmpty() ? null : MDC.getCopyOfContextMap(),
                "the log context is emptied after the invocation");
    }

    @Test
    void eachQueueMessageLogsItsOwnIdAndAFailureNeverItsBody() throws Exception {
        Queue handler = new Queue(context);
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(message("m-1", "fine"), message("m-2", "bad")));
        List<JsonNode> lines = lines(() -> handler.handleRequest(batch, lambda("lambda-3", "local-MailWorkerFunction")));

        assertEquals(2, lines.size(), lines.toString());
        assertEquals("m-1", lines.get(0).path("message_id").asText());
        assertEquals("m-2", lines.get(1).path("message_id").asText());
        assertEquals("WARN", lines.get(1).path("level").asText());
        for (JsonNode line : lines) {
            assertEquals("lambda-3", line.path("function_request_id").asText());
            assertEquals("local-MailWorkerFunction", line.path("function_name").asText());
            assertFalse(line.toString().contains("bad"), line.toString());
        }
    }

    @Test
    void aCountIsAnEmbeddedMetricLineWithoutDimensionsCarryingTheRequestId() throws Exception {
        Api handler = new Api(context) {
            @Override
            protected ApiResponse handle(ApiRequest request) {
                EmbeddedMetrics.count("MultimediaAccount", "WrongCodeBudgetExhausted");
                return ApiResponse.ok(Map.of());
            }
        };
        List<JsonNode> lines = lines(() -> handler.handleRequest(request("api-9"), lambda("lambda-9", "local-VerifyFunction")));

        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = lines.get(0);
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals("MultimediaAccount", directive.path("Namespace").asText(), line.toString());
        assertEquals("[[]]", directive.path("Dimensions").toString(), "the alarm watches the metric without dimensions");
        assertEquals("WrongCodeBudgetExhausted", directive.path("Metrics").get(0).path("Name").asText());
        assertEquals("Count", directive.path("Metrics").get(0).path("Unit").asText());
        assertEquals(1.0, line.path("WrongCodeBudgetExhausted").asDouble());
        assertEquals("lambda-9", line.path("function_request_id").asText());
        assertEquals("api-9", line.path("correlation_id").asText());
    }

    private static List<JsonNode> lines(Runnable invocation) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setOut(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            invocation.run();
        } finally {
            System.setOut(out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : written.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static APIGatewayV2HTTPEvent request(String requestId) {
        APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
        requestContext.setRequestId(requestId);
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /videos").withRawPath("/videos")
                .withHeaders(Map.of("x-origin-verify", ORIGIN)).withRequestContext(requestContext).build();
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        return message;
    }

    static Context lambda(String requestId, String functionName) {
        return new Context() {
            public String getAwsRequestId() { return requestId; }
            public String getLogGroupName() { return "/aws/lambda/" + functionName; }
            public String getLogStreamName() { return "stream"; }
            public String getFunctionName() { return functionName; }
            public String getFunctionVersion() { return "7"; }
            public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:123456789012:function:" + functionName; }
            public CognitoIdentity getIdentity() { return null; }
            public ClientContext getClientContext() { return null; }
            public int getRemainingTimeInMillis() { return 10_000; }
            public int getMemoryLimitInMB() { return 1024; }
            public LambdaLogger getLogger() { return null; }
        };
    }
}
