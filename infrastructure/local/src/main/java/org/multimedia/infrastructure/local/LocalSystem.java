package org.multimedia.infrastructure.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import org.multimedia.infrastructure.emulator.DevMailbox;
import org.multimedia.infrastructure.emulator.LocalAws;
import org.multimedia.infrastructure.emulator.Route;
import org.multimedia.infrastructure.emulator.Stack;
import org.multimedia.infrastructure.emulator.Template;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The whole system on one machine: the AWS emulator (moto, unless {@code AWS_ENDPOINT_URL} is
 * set), what template.yaml declares provisioned in it, and the API on http://localhost:PORT.
 */
public final class LocalSystem implements AutoCloseable {

    public static final String STACK_NAME = "local";

    /** The template's response headers policy of the portal (CloudFront's), which the local gateway applies too. */
    public static final String PORTAL_HEADERS_POLICY = "PortalHeadersPolicy";

    private final LocalAws aws;
    private final Stack stack;
    private final LocalFunctions functions;
    private final LocalQueues queues;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ExecutorService background;
    private final long startupMillis;

    private LocalSystem(LocalAws aws, Stack stack, LocalFunctions functions, LocalQueues queues, HttpServer server,
                        ExecutorService workers, ExecutorService background, long startupMillis) {
        this.aws = aws;
        this.stack = stack;
        this.functions = functions;
        this.queues = queues;
        this.server = server;
        this.workers = workers;
        this.background = background;
        this.startupMillis = startupMillis;
    }

    /** Starts everything with the repository's template.yaml; port 0 picks a free one. */
    public static LocalSystem start(int port) {
        return start(Template.locate(), port);
    }

    public static LocalSystem start(Path templateYaml, int port) {
        return start(templateYaml, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with template parameters of our own (the benchmarks': a campaign's send rate). */
    public static LocalSystem start(Path templateYaml, int port, Map<String, String> parameterOverrides) {
        long start = System.nanoTime();
        LocalAws aws = LocalAws.start();
        // TCP_NODELAY on the API's connections: otherwise Nagle's algorithm holds a response's last
        // small write until the client's delayed ACK (~40 ms on loopback). Read once, before the first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            int actualPort = server.getAddress().getPort();
            Map<String, String> parameters = new java.util.HashMap<>(parameterOverrides);
            parameters.put("WebsiteUrl", "http://localhost:" + actualPort);
            Stack stack = Stack.provision(aws, templateYaml, STACK_NAME, parameters);
            if (aws.startedEmulator()) {
                // The functions' SDK clients use the default credentials chain.
                AwsCredentials credentials = aws.credentials().resolveCredentials();
                System.setProperty("aws.accessKeyId", credentials.accessKeyId());
                System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
            }
            LocalFunctions functions = new LocalFunctions(stack.name(), stack::functionEnvironment, aws);
            List<Route> routes = stack.routes();
            List<String> problems = functions.startAll(routes);
            problems.forEach(p -> System.err.println("Function not available (its routes answer 500): " + p));
            seedCatalogue(functions, routes, templateYaml);
            LocalQueues queues = new LocalQueues(stack.queueConsumers(), functions, aws);
            queues.start().forEach(p -> System.err.println("Queue function not available (its queue is not polled): " + p));

            ExecutorService background = Executors.newSingleThreadExecutor(daemon("dev-mailbox"));
            // The mailbox is a development aid over the emulator's internals: only with moto.
            DevMailbox mailbox = aws.startedEmulator() || isMoto(aws) ? new DevMailbox(aws.endpoint()) : null;
            // The local gateway plays the distribution too: the same response headers policy as CloudFront's.
            GatewayResponses responses = new GatewayResponses(stack.cors(),
                    stack.responseHeadersPolicy(PORTAL_HEADERS_POLICY).orElse(null));
            LocalApiGateway gateway = new LocalApiGateway(routes, stack::authorizer, functions,
                    new JwtAuthorizerEmulation(aws.endpoint()), responses,
                    new DevRoutes(mailbox, new DevGroups(aws, stack::userPoolId), background, responses),
                    new WebsiteFiles(templateYaml.toAbsolutePath().getParent().resolve("infrastructure").resolve("website"),
                            responses));
            ExecutorService workers = Executors.newFixedThreadPool(8, daemon("local-api"));
            server.createContext("/", gateway);
            server.setExecutor(workers);
            server.start();
            return new LocalSystem(aws, stack, functions, queues, server, workers, background,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            aws.close();
            throw new UncheckedIOException("Cannot listen on localhost:" + port, e);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /**
     * The seed catalogue, through the editors' service in {@code CreateVideoFunction}'s container
     * (only when the template has that function: test templates do not). A failure leaves the
     * system running with what the catalogue has: the seed is a convenience.
     */
    private static void seedCatalogue(LocalFunctions functions, List<Route> routes, Path templateYaml) {
        if (routes.stream().noneMatch(r -> r.functionLogicalId().equals(CatalogueSeed.FUNCTION))
                || routes.stream().noneMatch(r -> r.functionLogicalId().equals(CatalogueSeed.PUBLISHING_FUNCTION))) {
            return;
        }
        long start = System.nanoTime();
        try {
            CatalogueSeed seed = new CatalogueSeed(functions.context(CatalogueSeed.FUNCTION),
                    functions.context(CatalogueSeed.PUBLISHING_FUNCTION), CatalogueSeed.folder(templateYaml));
            int seeded = seed.seedIfEmpty();
            System.out.println(seeded == 0 ? "Catalogue already has videos: not seeded"
                    : String.format("Seeded %d videos in %d ms", seeded, (System.nanoTime() - start) / 1_000_000));
        } catch (RuntimeException e) {
            System.err.println("Catalogue not seeded: " + e.getMessage());
        }
    }

    /** An external endpoint may be moto too; LocalStack has no moto-api. */
    private static boolean isMoto(LocalAws aws) {
        try {
            var connection = (java.net.HttpURLConnection) aws.endpoint().resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://localhost:" + port());
    }

    public LocalAws aws() {
        return aws;
    }

    public Stack stack() {
        return stack;
    }

    /** Told of every function invocation, on the invoking thread (the benchmarks time the handlers with it). */
    public interface InvocationObserver {
        /** An invocation starts; the answer (may be null) runs when it ends. {@code queueBatch}: an SQS batch, not a request. */
        Runnable started(String functionLogicalId, boolean queueBatch);
    }

    /** {@code observer} is told of every invocation from now on; null: nobody is. */
    public void observeInvocations(InvocationObserver observer) {
        functions.observeInvocations(observer);
    }

    public long startupMillis() {
        return startupMillis;
    }

    /** Stops the HTTP server, the queue pollers, the functions and the emulator child (if started here). */
    public synchronized void stop() {
        server.stop(0);
        queues.close();
        workers.shutdownNow();
        background.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        functions.close();
        aws.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** The template parameter of the per-client sign-up budget, which the local system raises (emulator Stack.LOCAL_PARAMETERS). */
    static final String SIGN_UPS_PER_CLIENT = "SignUpsPerClientPerHour";

    public static void main(String[] args) {
        int port = port(args);
        Path template = template(args);
        LocalSystem system;
        try {
            system = start(template, port);
        } catch (RuntimeException e) {
            System.err.println("Multimedia Account local system could not start: " + e.getMessage());
            if (System.getenv("DEBUG") != null) {
                e.printStackTrace();
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "stop-local-system"));
        String base = system.url().toString();
        system.stack().routes().forEach(r -> System.out.printf("  %-28s -> %s%s%n", r.routeKey(),
                r.handlerClassName(), r.authorizerName() == null ? "" : "  [" + r.authorizerName() + "]"));
        system.stack().queueConsumers().forEach(c -> System.out.printf("  %-28s -> %s  (batches of %d)%n",
                "SQS " + c.queueLogicalId(), c.handlerClassName(), c.batchSize()));
        System.out.printf("Multimedia Account local system ready in %.1f s: API %s  mailbox %s/_dev/mail?to=you@example.com  (emulator: %s)%n",
                system.startupMillis() / 1000.0, base, base, system.aws().endpoint());
        System.out.printf("Website: %s/%n", base);
        String signUps = system.stack().parameters().get(SIGN_UPS_PER_CLIENT);
        if (signUps != null) {
            System.out.printf("Sign-ups per client: %s an hour (template default %s; local journeys and load tests all come"
                    + " from this machine)%n", signUps, system.stack().template().parameterDefaults().get(SIGN_UPS_PER_CLIENT));
        }
        System.out.printf("Make a user an editor (then log in again): curl -X POST %s/_dev/groups/editors"
                + " -H 'Content-Type: application/json' -d '{\"email\":\"you@example.com\"}'%n", base);
    }

    /** {@code --template FILE}: another template to start from (a copy of template.yaml under trial). */
    private static Path template(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--template") && i + 1 < args.length) {
                return Path.of(args[i + 1]).toAbsolutePath();
            } else if (args[i].startsWith("--template=")) {
                return Path.of(args[i].substring("--template=".length())).toAbsolutePath();
            }
        }
        return Template.locate();
    }

    private static int port(String[] args) {
        String value = System.getenv("PORT");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("Usage: start-local [--port PORT] [--template FILE]   (port: default 3000, or env PORT;"
                        + " template: the repository's template.yaml, or a copy of it to try)");
                System.exit(0);
            }
        }
        try {
            return value == null || value.isBlank() ? 3000 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            System.err.println("Not a port number: " + value);
            System.exit(2);
            return -1;
        }
    }
}
