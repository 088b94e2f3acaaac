package org.multimedia.core;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.multimedia.http.ApiRequest;
import org.multimedia.http.ApiResponse;
import org.multimedia.newsletter.BounceHandler;
import org.multimedia.operations.LiveVersionsHandler;
import org.multimedia.operations.UpkeepRequest;
import org.multimedia.queue.QueueHandler;
import org.multimedia.video.ListVideosHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keep-alive event, as the Lambda runtime binds it to each trigger's event type, is answered
 * by every handler base at once: the function's own code never runs, nothing is logged, nothing
 * fails. The AWS endpoint is a closed port: any AWS call would fail.
 */
class KeepAliveTest {

    private final ApplicationContext context = FunctionContexts.builder().properties(Map.of(
            "aws.region", "eu-west-1", "aws.endpoint-url", "http://127.0.0.1:9",
            "tables.codes", "t", "tables.rate-limits", "t", "tables.subscriptions", "t", "tables.videos", "t",
            "tables.downloads", "t", "tables.suppressions", "t", "tables.campaigns", "t", "tables.deliveries", "t")).properties(Map.of("keys.catalogue-cursors-secret-id", "k",
            "newsletter.feedback.topic-arn", "arn:aws:sns:eu-west-1:123456789012:t", "newsletter.feedback.configuration-set", "t")).start();

    @AfterEach
    void close() {
        context.close();
    }

    /** What the Lambda runtime hands the handler: the event bound with its own serialisation. */
    private static <T> T asTheRuntimeBindsIt(Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, KeepAliveTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(KeepAlive.EVENT.getBytes(StandardCharsets.UTF_8)));
    }

    /** A public route's function (its access rule is the list's), whose route only records that it ran. */
    static final class Api extends ListVideosHandler {
        final List<String> handled = new ArrayList<>();

        Api(ApplicationContext context) {
            super(context);
        }

        @Override
        protected ApiResponse handle(ApiRequest request) {
            handled.add("request");
            return ApiResponse.ok(Map.of());
        }

        boolean recognises(APIGatewayV2HTTPEvent event) {
            return isKeepAlive(event);
        }
    }

    static final class Queue extends QueueHandler {
        final List<String> processed = new ArrayList<>();

        Queue(ApplicationContext context) {
            super(context);
        }

        @Override
        protected void process(SQSEvent.SQSMessage message) {
            processed.add(message.getMessageId());
        }
    }

    @Test
    void theRuntimeBindsTheOneEventToEveryTriggerSTypeAsTheBasesExpect() {
        assertEquals(KeepAlive.ROUTE_KEY, asTheRuntimeBindsIt(APIGatewayV2HTTPEvent.class).getRouteKey());
        assertNull(asTheRuntimeBindsIt(SQSEvent.class).getRecords());
        assertNull(asTheRuntimeBindsIt(SNSEvent.class).getRecords());
        UpkeepRequest upkeep = asTheRuntimeBindsIt(UpkeepRequest.class);
        assertEquals(Boolean.TRUE, upkeep.getKeepAlive());
        assertNull(upkeep.getFunctions());
    }

    @Test
    void anHttpFunctionAnswersAtOnceWithoutRunningItsRoute() {
        Api handler = new Api(context);
        APIGatewayV2HTTPResponse response = quietly(() -> handler.handleRequest(asTheRuntimeBindsIt(APIGatewayV2HTTPEvent.class), null));
        assertEquals(204, response.getStatusCode());
        assertEquals(List.of(), handler.handled);
    }

    @Test
    void aQueueFunctionAnswersAtOnceWithNoFailure() {
        Queue handler = new Queue(context);
        SQSBatchResponse response = quietly(() -> handler.handleRequest(asTheRuntimeBindsIt(SQSEvent.class), null));
        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(List.of(), handler.processed);
    }

    @Test
    void theBounceFunctionAnswersAtOnce() {
        BounceHandler handler = new BounceHandler(context);
        assertNull(quietly(() -> handler.handleRequest(asTheRuntimeBindsIt(SNSEvent.class), null)));
    }

    @Test
    void theMaintenanceFunctionAnswersAtOnceWithoutListingAnything() {
        LiveVersionsHandler handler = new LiveVersionsHandler(context);
        assertEquals("kept alive", quietly(() -> handler.handleRequest(asTheRuntimeBindsIt(UpkeepRequest.class), null)));
    }

    @Test
    void aRealEventStillRunsTheFunctionSCode() {
        Api api = new Api(context);
        assertFalse(api.recognises(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /videos").build()));
        assertFalse(api.recognises(APIGatewayV2HTTPEvent.builder().withRouteKey("$default").build()));

        Queue queue = new Queue(context);
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m1");
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(message));
        queue.handleRequest(batch, null);
        assertEquals(List.of("m1"), queue.processed);
        SQSEvent empty = new SQSEvent(); // what priming sends: Records present, none in it
        empty.setRecords(List.of());
        assertEquals(List.of(), queue.handleRequest(empty, null).getBatchItemFailures());
    }

    /** Runs the call and checks it wrote nothing to the log (standard output or error). */
    private static <T> T quietly(Supplier<T> call) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(written, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            return call.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
            assertTrue(written.size() == 0, "logged: " + written.toString(StandardCharsets.UTF_8));
        }
    }
}
