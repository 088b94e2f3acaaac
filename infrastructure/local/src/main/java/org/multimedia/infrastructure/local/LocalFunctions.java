package org.multimedia.infrastructure.local;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;

import org.multimedia.core.FunctionContexts;
import org.multimedia.infrastructure.emulator.LocalAws;
import org.multimedia.infrastructure.emulator.QueueConsumer;
import org.multimedia.infrastructure.emulator.Route;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The template's functions, each as one warm "container": a handler built through its public
 * {@code (ApplicationContext)} constructor, with an application context whose properties are the
 * function's environment variables. Functions with identical environments share a context.
 * Like Lambda, a container handles one event at a time.
 * <p>
 * A request the gateway forwards arrives as it would through the portal's CloudFront
 * distribution: with the origin secret ({@code X-Origin-Verify}, the value of the secret the
 * function's {@code ORIGIN_SECRET_ID} names, read from the emulator once), whatever the client sent.
 */
final class LocalFunctions implements AutoCloseable {

    private final Map<Map<String, String>, ApplicationContext> contexts = new HashMap<>();
    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new LinkedHashMap<>();
    private final Map<String, RequestHandler<SQSEvent, SQSBatchResponse>> queueHandlers = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new java.util.concurrent.ConcurrentHashMap<>();
    private final String stackName;
    private final Function<String, Map<String, String>> templateEnvironment;
    private final LocalAws aws;

    /** templateEnvironment: a function's environment variables as the stack's template sets them. */
    LocalFunctions(String stackName, Function<String, Map<String, String>> templateEnvironment, LocalAws aws) {
        this.stackName = stackName;
        this.templateEnvironment = templateEnvironment;
        this.aws = aws;
    }

    /** Builds every routed function now (and reads the origin secret), so the first request is as fast as the next ones. */
    List<String> startAll(List<Route> routes) {
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            try {
                handler(route);
                String secretId = environment(route.functionLogicalId()).get("ORIGIN_SECRET_ID");
                if (secretId != null && !secretId.isBlank()) {
                    originSecret(secretId);
                }
            } catch (RuntimeException e) {
                problems.add(route.functionLogicalId() + " (" + route.handlerClassName() + "): " + rootMessage(e));
            }
        }
        return problems;
    }

    APIGatewayV2HTTPResponse invoke(Route route, APIGatewayV2HTTPEvent event) {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handler(route);
        withOriginSecret(route.functionLogicalId(), event);
        synchronized (handler) {
            // The invocation's time starts when the (one) container takes it, as on Lambda: a
            // request waiting for the container must not arrive with its time already spent.
            // Lambda's own request id, not API Gateway's (the logs carry both, as on AWS)
            Context context = new LocalLambdaContext(UUID.randomUUID().toString(),
                    stackName + "-" + route.functionLogicalId(), aws.region(), 1024, 15);
            return observed(route.functionLogicalId(), false, () -> handler.handleRequest(event, context));
        }
    }

    /** The header CloudFront adds to every request for the API (template.yaml, the distribution's API origin). */
    static final String ORIGIN_HEADER = "x-origin-verify";

    /** Values of the origin secrets, by secret id: read once from the emulator. */
    private final Map<String, String> originSecrets = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * As the distribution does: the origin secret in the request's headers (replacing anything the
     * client sent under that name). Nothing when the function checks none (a test template).
     */
    private void withOriginSecret(String functionLogicalId, APIGatewayV2HTTPEvent event) {
        String secretId = environment(functionLogicalId).get("ORIGIN_SECRET_ID");
        if (secretId == null || secretId.isBlank()) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(ORIGIN_HEADER));
        headers.put(ORIGIN_HEADER, originSecret(secretId));
        event.setHeaders(headers);
    }

    /** The secret's current value, as CloudFront's origin custom header resolves it at deploy time. */
    String originSecret(String secretId) {
        return originSecrets.computeIfAbsent(secretId, id -> {
            try (SecretsManagerClient secrets = aws.client(SecretsManagerClient.builder())) {
                return secrets.getSecretValue(r -> r.secretId(id)).secretString();
            }
        });
    }

    private volatile LocalSystem.InvocationObserver observer;

    void observeInvocations(LocalSystem.InvocationObserver observer) {
        this.observer = observer;
    }

    /** One invocation, told to the observer (if any) on the invoking thread, the container's lock held. */
    private <T> T observed(String functionLogicalId, boolean queueBatch, java.util.function.Supplier<T> invocation) {
        LocalSystem.InvocationObserver observer = this.observer;
        Runnable finished = observer == null ? null : observer.started(functionLogicalId, queueBatch);
        try {
            return invocation.get();
        } finally {
            if (finished != null) {
                finished.run();
            }
        }
    }

    /** One batch of a queue-triggered function, as its event source mapping would invoke it. */
    SQSBatchResponse invoke(QueueConsumer consumer, SQSEvent event) {
        RequestHandler<SQSEvent, SQSBatchResponse> handler = handler(consumer);
        synchronized (handler) {
            Context context = new LocalLambdaContext(java.util.UUID.randomUUID().toString(),
                    stackName + "-" + consumer.functionLogicalId(), aws.region(), 1024, 15);
            return observed(consumer.functionLogicalId(), true, () -> handler.handleRequest(event, context));
        }
    }

    /** Builds the queue consumer's function now (so a broken one is reported at start). */
    synchronized RequestHandler<SQSEvent, SQSBatchResponse> handler(QueueConsumer consumer) {
        RequestHandler<SQSEvent, SQSBatchResponse> handler = queueHandlers.get(consumer.functionLogicalId());
        if (handler == null) {
            handler = instantiate(consumer.handlerClassName(), context(consumer.functionLogicalId()));
            queueHandlers.put(consumer.functionLogicalId(), handler);
        }
        return handler;
    }

    private synchronized RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Route route) {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handlers.get(route.functionLogicalId());
        if (handler == null) {
            handler = instantiate(route.handlerClassName(), context(route.functionLogicalId()));
            handlers.put(route.functionLogicalId(), handler);
        }
        return handler;
    }

    /** The function's environment as Lambda would set it. */
    Map<String, String> environment(String functionLogicalId) {
        return environments.computeIfAbsent(functionLogicalId, id -> {
            Map<String, String> env = new LinkedHashMap<>(templateEnvironment.apply(id));
            env.put("AWS_REGION", aws.region());
            env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
            return env;
        });
    }

    /** The application context of that function's container (shared by functions of one environment). */
    ApplicationContext context(String functionLogicalId) {
        Map<String, String> env = environment(functionLogicalId);
        return contexts.computeIfAbsent(env, e -> FunctionContexts.builder() // as on Lambda
                .propertySources(PropertySource.of("template-env", new LinkedHashMap<>(e),
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .start());
    }

    @SuppressWarnings("unchecked")
    private static <I, O> RequestHandler<I, O> instantiate(String className, ApplicationContext context) {
        if (className == null) {
            throw new IllegalStateException("The function declares no Handler");
        }
        try {
            Class<?> type = Class.forName(className);
            Constructor<?> constructor = type.getConstructor(ApplicationContext.class);
            return (RequestHandler<I, O>) constructor.newInstance(context);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No class " + className + " on the classpath", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(className + " has no public constructor (ApplicationContext)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(className + " failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Cannot build " + className + ": " + e, e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getMessage() + (root != e ? " [" + root + "]" : "");
    }

    @Override
    public synchronized void close() {
        contexts.values().forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // shutting down anyway
            }
        });
        contexts.clear();
        handlers.clear();
        queueHandlers.clear();
    }
}
