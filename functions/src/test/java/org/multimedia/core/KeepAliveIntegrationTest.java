package org.multimedia.core;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.function.aws.MicronautRequestHandler;
import org.junit.jupiter.api.Test;
import org.multimedia.infrastructure.emulator.Template;
import org.multimedia.testing.TestAws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every function of template.yaml, built with its own environment as on Lambda but with an AWS
 * endpoint that answers nothing, gets the keep-alive event as the Lambda runtime binds it to its
 * handler's event type: each answers at once, without an error and without a log line.
 */
class KeepAliveIntegrationTest {

    private final TestAws aws = TestAws.get();

    @Test
    void everyFunctionAnswersTheKeepAliveAtOnceQuietlyAndWithoutError() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Template.Resource> functions = aws.stack().template().resources().values().stream()
                .filter(r -> r.type().equals("AWS::Serverless::Function")).toList();
        for (Template.Resource function : functions) {
            Class<?> type = Class.forName((String) function.properties().get("Handler"));
            @SuppressWarnings("unchecked")
            MicronautRequestHandler<Object, Object> handler = aws.handler((Class<MicronautRequestHandler<Object, Object>>) type,
                    function.logicalId(), Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"));
            Object event = LambdaEventSerializers.serializerFor(eventType(type), getClass().getClassLoader())
                    .fromJson(new ByteArrayInputStream(KeepAlive.EVENT.getBytes(StandardCharsets.UTF_8)));
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            Object answer;
            try (handler) {
                PrintStream capture = new PrintStream(written, true, StandardCharsets.UTF_8);
                System.setOut(capture);
                System.setErr(capture);
                answer = handler.handleRequest(event, null);
            } catch (RuntimeException e) {
                problems.add(function.logicalId() + " failed: " + e);
                continue;
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            if (written.size() > 0) {
                problems.add(function.logicalId() + " logged: " + written.toString(StandardCharsets.UTF_8));
            }
            boolean atOnce = answer == null
                    || answer instanceof APIGatewayV2HTTPResponse http && http.getStatusCode() == 204
                    || answer instanceof SQSBatchResponse batch && batch.getBatchItemFailures().isEmpty()
                    || "kept alive".equals(answer);
            if (!atOnce) {
                problems.add(function.logicalId() + " answered " + answer);
            }
        }
        assertTrue(functions.size() >= 28, "every function: " + functions.size());
        assertEquals(List.of(), problems);
    }

    /** The I of the handler's {@code FunctionHandler<I, O>}: what the Lambda runtime binds the event to. */
    private static Class<?> eventType(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            Type parent = c.getGenericSuperclass();
            if (parent instanceof ParameterizedType p && p.getRawType() == FunctionHandler.class) {
                return (Class<?>) p.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(handler + " is no FunctionHandler");
    }
}
