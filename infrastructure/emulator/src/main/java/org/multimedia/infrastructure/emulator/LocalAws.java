package org.multimedia.infrastructure.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS endpoint the local system and the integration tests talk to: an already running
 * emulator named by {@code AWS_ENDPOINT_URL} (LocalStack, a shared moto), or otherwise a
 * child {@code moto_server} on a free loopback port that lives as long as this object.
 */
public final class LocalAws implements AutoCloseable {

    private static final String DEFAULT_REGION = "eu-west-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The system property the build sets to name the test lane a test runs in (root pom.xml). */
    static final String LANE_PROPERTY = "multimedia.test.lane";
    static final String UNIT_LANE = "unit";

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final Process moto;
    private final Thread shutdownHook;

    private LocalAws(URI endpoint, String region, AwsCredentialsProvider credentials, Process moto) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.moto = moto;
        if (moto != null) {
            // Ctrl-C on the local system or an aborted test run must not leave moto running.
            this.shutdownHook = new Thread(() -> stop(moto), "stop-moto");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            this.shutdownHook = null;
        }
    }

    /** Uses {@code AWS_ENDPOINT_URL} when set, otherwise starts a child moto_server. */
    public static LocalAws start() {
        return start(System.getenv());
    }

    static LocalAws start(Map<String, String> env) {
        refuseInUnitLane(System.getProperty(LANE_PROPERTY));
        String configured = env.get("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            String region = Optional.ofNullable(env.get("AWS_REGION"))
                    .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")))
                    .filter(r -> !r.isBlank())
                    .orElse(DEFAULT_REGION);
            AwsCredentialsProvider credentials = env.containsKey("AWS_ACCESS_KEY_ID")
                    ? EnvironmentVariableCredentialsProvider.create()
                    : testCredentials();
            return new LocalAws(URI.create(configured.trim()), region, credentials, null);
        }
        return startMoto();
    }

    /**
     * The unit lane (Surefire, {@code mvn test}) sets {@code multimedia.test.lane=unit} (root pom.xml):
     * a test that reaches the emulator there is in the wrong lane, and fails at once with the fix
     * instead of slowing the fast lane down or passing by luck when moto_server happens to be installed.
     */
    static void refuseInUnitLane(String lane) {
        if (UNIT_LANE.equals(lane)) {
            throw new IllegalStateException("This test uses the AWS emulator (moto), but runs in the unit lane "
                    + "(Surefire, `mvn test`), which must need no emulator and no network. Give it a name the "
                    + "integration lane (Failsafe, `mvn -B verify`) runs: *IntegrationTest, *LocalSystemTest or *IT "
                    + "(patterns in the root pom.xml), or replace the emulator with the in-memory fakes of its ports.");
        }
    }

    private static LocalAws startMoto() {
        String executable = findOnPath("moto_server").orElseThrow(() -> new IllegalStateException(
                "moto_server is not on the PATH and AWS_ENDPOINT_URL is not set. "
                        + "Install the AWS emulator with: pip install \"moto[server]\" "
                        + "(or set AWS_ENDPOINT_URL to a running LocalStack/moto)."));
        int port = freeLoopbackPort();
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto-" + port + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            withMotoAdditions(builder);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + executable, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            awaitAnswer(endpoint, process, log);
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
        return new LocalAws(endpoint, DEFAULT_REGION, testCredentials(), process);
    }

    /** moto's own additions for calls it lacks (see moto/sitecustomize.py), loaded through PYTHONPATH. */
    private static final String MOTO_ADDITIONS = "moto/sitecustomize.py";

    /**
     * Puts {@value #MOTO_ADDITIONS} first on the child's PYTHONPATH: Python imports a
     * {@code sitecustomize} module at start, before moto_server imports moto, so that moto answers
     * the Cognito calls it does not implement (RevokeToken) as AWS does.
     */
    static void withMotoAdditions(ProcessBuilder builder) throws IOException {
        Path dir = Files.createTempDirectory("moto-additions-");
        dir.toFile().deleteOnExit();
        Path module = dir.resolve("sitecustomize.py");
        try (var in = LocalAws.class.getResourceAsStream(MOTO_ADDITIONS)) {
            if (in == null) {
                throw new IllegalStateException(MOTO_ADDITIONS + " is missing from the emulator's resources");
            }
            Files.copy(in, module);
        }
        module.toFile().deleteOnExit();
        String inherited = builder.environment().get("PYTHONPATH");
        builder.environment().put("PYTHONPATH", inherited == null || inherited.isBlank()
                ? dir.toString() : dir + File.pathSeparator + inherited);
    }

    private static AwsCredentialsProvider testCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static Optional<String> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    private static void awaitAnswer(URI endpoint, Process process, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        URI probe = endpoint.resolve("/moto-api/");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue()
                        + " before answering; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) probe.toURL().openConnection();
                connection.setConnectTimeout(200);
                connection.setReadTimeout(1000);
                connection.getResponseCode();
                connection.disconnect();
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within "
                + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for moto_server", e);
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** True when this object started (and will stop) a moto_server child. */
    public boolean startedEmulator() {
        return moto != null;
    }

    /**
     * Configures an SDK v2 client builder for this endpoint (region, credentials, endpoint,
     * URL-connection HTTP client) and builds it, e.g. {@code aws.client(DynamoDbClient.builder())}.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        if (moto == null) {
            return;
        }
        stop(moto);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    @Override
    public String toString() {
        return "LocalAws[" + endpoint + ", " + region.toLowerCase(Locale.ROOT)
                + (moto != null ? ", moto pid " + moto.pid() : "") + "]";
    }
}
