package org.multimedia.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.multimedia.account.DeleteAccountHandler;
import org.multimedia.account.ForgotPasswordHandler;
import org.multimedia.account.GetProfileHandler;
import org.multimedia.account.LoginHandler;
import org.multimedia.account.LogoutHandler;
import org.multimedia.account.ResendVerificationHandler;
import org.multimedia.account.ResetPasswordHandler;
import org.multimedia.account.SignUpHandler;
import org.multimedia.account.VerifyEmailHandler;
import org.multimedia.account.VerifyResetCodeHandler;
import org.multimedia.newsletter.BounceHandler;
import org.multimedia.newsletter.CampaignPageWorker;
import org.multimedia.newsletter.CampaignSendWorker;
import org.multimedia.newsletter.CreateCampaignHandler;
import org.multimedia.newsletter.SubscribeHandler;
import org.multimedia.testing.FaultProxy;
import org.multimedia.testing.FaultProxy.FaultKind;
import org.multimedia.testing.FaultProxy.Step;
import org.multimedia.infrastructure.emulator.ReliabilityReport;
import org.multimedia.testing.TestAws;
import org.multimedia.video.CreateVideoHandler;
import org.multimedia.video.DownloadVideoHandler;
import org.multimedia.video.GetVideoHandler;
import org.multimedia.video.PublishVideoHandler;
import org.multimedia.infrastructure.emulator.QueueEventSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, faults: WireMock (proxy mode) between the functions and moto fails each AWS step of
 * each multi-step operation in turn — a 500, the service's throttling error, a connection reset,
 * an answer later than the client's timeout — and checks what the caller saw (the normal answer,
 * or {@code 503 service_unavailable} with {@code Retry-After}, never an AWS message), then that
 * what a user does next (the same request again, or "send new code") finishes the job and the
 * state is whole. The steps are not listed by hand: each operation is run once through the proxy
 * and every distinct AWS step it made (action + table/queue/secret/bucket) is failed in turn.
 * The results are written to target/reliability/RELIABILITY.md (ReliabilityReport; docs/RELIABILITY.md cites them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    private static final String NEW_PASSWORD = "Brand-New-Passw0rd!";
    /** Short client limits, so a slow step costs about a second and a half, not five. */
    private static final Duration SLOW = Duration.ofMillis(2000);

    private final TestAws aws = TestAws.get();
    private final JsonMapper json = JsonMapper.createDefault();
    private final Random random = new Random();
    private final AtomicInteger users = new AtomicInteger();
    private final List<String> rows = new ArrayList<>();
    private final Map<String, Integer> casesPerOperation = new LinkedHashMap<>();
    private String videoId;
    private final Map<String, List<String>> codes = new HashMap<>();

    /**
     * Operations run in lanes, in parallel (most of a case is waiting for a timeout): each lane
     * has its own proxy, so a fault injected in one lane touches only its own functions.
     */
    private static final class Lane implements AutoCloseable {
        final FaultProxy proxy;
        final Map<String, String> env;
        final Map<Class<?>, MicronautRequestHandler<?, ?>> handlers = new HashMap<>();

        Lane(URI emulator) {
            proxy = FaultProxy.start(emulator, SLOW);
            env = Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString(),
                    "AWS_CLIENT_READ_TIMEOUT", "800ms", "AWS_CLIENT_ATTEMPT_TIMEOUT", "800ms",
                    "AWS_CLIENT_CALL_TIMEOUT", "1600ms", "AWS_CLIENT_MAX_ATTEMPTS", "2",
                    "CODES_RESEND_COOLDOWN", "0s", // "send new code" at once: the cooldown is tested elsewhere
                    "NEWSLETTER_SENDS_PER_SECOND", "10000",
                    "NEWSLETTER_CLAIM_LEASE_SECONDS", "1"); // "later" comes after a second, not a minute
        }

        @Override
        public void close() {
            proxy.close();
        }
    }

    private final ThreadLocal<Lane> lane = new ThreadLocal<>();
    private final List<Lane> lanes = java.util.Collections.synchronizedList(new ArrayList<>());

    private Lane lane() {
        Lane current = lane.get();
        if (current == null) {
            current = new Lane(aws.aws().endpoint());
            lanes.add(current);
            lane.set(current);
        }
        return current;
    }

    private FaultProxy proxy() {
        return lane().proxy;
    }

    @AfterAll
    void report() {
        lanes.forEach(Lane::close);
        StringBuilder md = new StringBuilder();
        md.append("Every AWS step of each operation below was failed in turn through WireMock (proxy mode, ")
                .append("in front of moto): `500` = an HTTP 500 in the service's protocol; `throttling` = the ")
                .append("service's own throttling error (DynamoDB `ThrottlingException`, Cognito ")
                .append("`TooManyRequestsException`, SES v2 429, S3 `SlowDown`, SQS/Secrets Manager ")
                .append("`ThrottlingException`); `reset` = the connection reset by the peer; `slow` = the answer ")
                .append("held ").append(SLOW.toMillis()).append(" ms, beyond the client's timeout (the request still ")
                .append("reaches moto: the write may have happened, only its answer is lost). A fault lasts for every ")
                .append("attempt of the call (the SDK's retries see it too). Client limits in this test: 800 ms per ")
                .append("attempt, 2 attempts, 1.6 s per call (production: 2 s, 3 attempts, 5 s; SES: 1 attempt in both). ")
                .append("*Then* is what the user does next ")
                .append("and what the test checked afterwards.\n\n");
        md.append("Outside the faulted call, a `503` was retried as a person would after `Retry-After` (moto, shared by ")
                .append("six lanes of cases on two cores, sometimes answers later than the tests' short client limits): ")
                .append(slowEmulatorRetries.get()).append(" such retries in this run.\n\n");
        // Lanes ran in parallel: back to the operations' order (stable, so each one's steps keep theirs).
        List<String> order = LANES_ORDER;
        rows.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.substring(2, r.indexOf(" |", 2)))));
        md.append("Cases: ").append(rows.size()).append(" (");
        order.stream().filter(casesPerOperation::containsKey)
                .forEach(op -> md.append(op).append(' ').append(casesPerOperation.get(op)).append(", "));
        md.setLength(md.length() - 2);
        md.append(").\n\n| Operation | AWS step | Fault | Caller saw | Then (user's retry, state after) |\n|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        ReliabilityReport.section("faults", "## Injected faults\n\n" + md);
    }

    // ------------------------------------------------------------------ the operations

    /** An operation: what it needs, the call that meets the fault, and what a user does next. */
    private record Operation(String name, Supplier<Map<String, Object>> prepare,
                             Function<Map<String, Object>, Answer> act, int normal,
                             BiFunction<Map<String, Object>, Answer, String> then) {
    }

    /** What the caller saw: an HTTP answer, or for a queue/SNS consumer, whether the message was done. */
    private record Answer(int status, String error, String retryAfter, String body, String text) {
        boolean ok(int normal) {
            return status == normal;
        }
    }

    private List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("sign-up", () -> state("email", email()),
                s -> api(SignUpHandler.class, "SignUpFunction", event("signup.json", Map.of("email", s.get("email"),
                        "password", PASSWORD, "newsletter", true))), 202,
                (s, first) -> {
                    String email = (String) s.get("email");
                    if (!first.ok(202)) {
                        expect(202, api(SignUpHandler.class, "SignUpFunction", event("signup.json",
                                Map.of("email", email, "password", PASSWORD, "newsletter", true))));
                    }
                    String code = lastCode(email);
                    expect(200, verify(email, code));
                    expect(200, login(email, PASSWORD));
                    assertTrue(profile(token(email, PASSWORD)).get("newsletter").getBooleanValue());
                    return (first.ok(202) ? "" : "signs up again: 202; ") + "the code mailed verifies (200), login 200, subscribed";
                }));
        ops.add(new Operation("verify", () -> {
            String email = email();
            expect(202, api(SignUpHandler.class, "SignUpFunction", event("signup.json", Map.of("email", email,
                    "password", PASSWORD, "newsletter", true))));
            return state("email", email, "code", lastCode(email));
        }, s -> verify((String) s.get("email"), (String) s.get("code")), 200,
                (s, first) -> {
                    String email = (String) s.get("email");
                    if (!first.ok(200)) {
                        expect(200, verify(email, (String) s.get("code")));
                    }
                    expect(200, login(email, PASSWORD));
                    assertTrue(profile(token(email, PASSWORD)).get("newsletter").getBooleanValue(), "subscribed as asked");
                    return (first.ok(200) ? "" : "the same code again: 200; ") + "login 200, subscribed";
                }));
        ops.add(new Operation("resend", () -> {
            String email = email();
            expect(202, api(SignUpHandler.class, "SignUpFunction", event("signup.json", Map.of("email", email, "password", PASSWORD))));
            lastCode(email);
            return state("email", email);
        }, s -> api(ResendVerificationHandler.class, "ResendVerificationFunction",
                event("resend-verification.json", Map.of("email", s.get("email")))), 202,
                (s, first) -> {
                    String email = (String) s.get("email");
                    if (!first.ok(202)) {
                        expect(202, api(ResendVerificationHandler.class, "ResendVerificationFunction",
                                event("resend-verification.json", Map.of("email", email))));
                    }
                    expect(200, verify(email, lastCode(email)));
                    return (first.ok(202) ? "" : "\"send new code\" again: 202; ") + "the last code mailed verifies (200)";
                }));
        ops.add(new Operation("login", () -> state("email", confirmed()),
                s -> login((String) s.get("email"), PASSWORD), 200,
                (s, first) -> {
                    expect(200, login((String) s.get("email"), PASSWORD));
                    return "never 401 for the right password; login again: 200";
                }));
        ops.add(new Operation("logout", () -> {
            String email = confirmed();
            return state("email", email, "token", token(email, PASSWORD));
        }, s -> api(LogoutHandler.class, "LogoutFunction", authorized("logout.json", (String) s.get("token"), null)), 204,
                (s, first) -> {
                    String token = (String) s.get("token");
                    String how = "";
                    if (!first.ok(204)) {
                        Answer again = api(LogoutHandler.class, "LogoutFunction", authorized("logout.json", token, null));
                        if (again.status() == 401) {
                            how = "logout again: 401 (the sign-out had happened, only its answer was lost); ";
                        } else {
                            expect(204, again);
                            how = "logout again: 204; ";
                        }
                    }
                    expect(401, api(GetProfileHandler.class, "GetProfileFunction", authorized("get-profile.json", token, null)));
                    return how + "the token is refused (401)";
                }));
        ops.add(new Operation("reset: forgot", () -> state("email", confirmed()),
                s -> forgot((String) s.get("email")), 202,
                (s, first) -> {
                    String email = (String) s.get("email");
                    if (!first.ok(202)) {
                        expect(202, forgot(email));
                    }
                    expect(200, verifyReset(email, lastCode(email)));
                    return (first.ok(202) ? "" : "\"send new code\" again: 202; ") + "the last code mailed gives a reset token (200)";
                }));
        ops.add(new Operation("reset: verify code", () -> {
            String email = confirmed();
            expect(202, forgot(email));
            return state("email", email, "code", lastCode(email));
        }, s -> verifyReset((String) s.get("email"), (String) s.get("code")), 200,
                (s, first) -> {
                    String email = (String) s.get("email");
                    Answer answer = first.ok(200) ? first : verifyReset(email, (String) s.get("code"));
                    String how = first.ok(200) ? "" : "the same code again: 200; ";
                    if (!first.ok(200) && answer.status() == 400 && "invalid_code".equals(answer.error())) {
                        // The code's deletion happened but its answer was lost: a code works once, so the user
                        // asks for a new one (the message says so), which works.
                        expect(202, forgot(email));
                        answer = verifyReset(email, lastCode(email));
                        how = "the same code again: 400 invalid_code (it was used up, the answer lost); a new code: 200; ";
                    }
                    expect(200, answer);
                    expect(200, reset(body(answer).get("resetToken").getStringValue()));
                    expect(200, login(email, NEW_PASSWORD));
                    return how + "its token resets the password, login with it 200";
                }));
        ops.add(new Operation("reset: new password", () -> {
            String email = confirmed();
            String before = token(email, PASSWORD);
            expect(202, forgot(email));
            Answer issued = verifyReset(email, lastCode(email));
            expect(200, issued);
            return state("email", email, "before", before, "resetToken", body(issued).get("resetToken").getStringValue());
        }, s -> reset((String) s.get("resetToken")), 200,
                (s, first) -> {
                    String email = (String) s.get("email");
                    String how = "";
                    if (!first.ok(200)) {
                        Answer again = reset((String) s.get("resetToken"));
                        if (again.status() == 400 && "invalid_token".equals(again.error())) {
                            expect(202, forgot(email));
                            Answer issued = verifyReset(email, lastCode(email));
                            expect(200, issued);
                            expect(200, reset(body(issued).get("resetToken").getStringValue()));
                            how = "the same token again: 400 invalid_token (used); a new code and token: 200; ";
                        } else {
                            expect(200, again);
                            how = "the same token again: 200; ";
                        }
                    }
                    expect(200, login(email, NEW_PASSWORD));
                    expect(401, login(email, PASSWORD));
                    expect(401, api(GetProfileHandler.class, "GetProfileFunction",
                            authorized("get-profile.json", (String) s.get("before"), null)));
                    return how + "new password logs in, old one 401, the old session is refused";
                }));
        ops.add(new Operation("delete account", () -> {
            String email = confirmed();
            String token = token(email, PASSWORD);
            expect(200, api(SubscribeHandler.class, "SubscribeFunction", authorized("subscribe.json", token, null)));
            return state("email", email, "token", token);
        }, s -> deleteAccount((String) s.get("token")), 204,
                (s, first) -> {
                    String email = (String) s.get("email");
                    String how = "";
                    if (!first.ok(204)) {
                        Answer again = deleteAccount((String) s.get("token"));
                        if (again.status() == 401) {
                            how = "delete again: 401 (the identity is already gone); ";
                        } else {
                            expect(204, again);
                            how = "delete again: 204; ";
                        }
                    }
                    expect(401, login(email, PASSWORD));
                    assertFalse(subscribed(email), "no subscription left behind");
                    expect(202, api(SignUpHandler.class, "SignUpFunction", event("signup.json", Map.of("email", email, "password", PASSWORD))));
                    expect(200, verify(email, lastCode(email)));
                    return how + "identity and subscription gone; the address signs up again (202, verify 200)";
                }));
        ops.add(new Operation("download", () -> {
            String email = confirmed();
            String token = token(email, PASSWORD);
            expect(200, api(org.multimedia.account.AcceptTermsHandler.class, "AcceptTermsFunction", authorized("accept-terms.json",
                    token, Map.of("version", org.multimedia.identity.TermsSettings.DEFAULT_VERSION))));
            return state("email", email, "token", token);
        }, s -> download((String) s.get("token")), 200,
                (s, first) -> {
                    String token = (String) s.get("token");
                    Answer last = first;
                    if (!first.ok(200)) {
                        last = download(token);
                        expect(200, last);
                    }
                    int links = 1;
                    assertTrue(body(last).get("url").getStringValue().startsWith("http"));
                    int recorded = downloadsRecorded(token);
                    // A lost answer (slow) leaves the record of a link that never reached the caller; moto
                    // applies each attempt of the call (DynamoDB would apply them once: the SDK sends one
                    // ClientRequestToken for every attempt of a TransactWriteItems call).
                    boolean lostAnswer = first.status() == 503 && s.containsKey("slow");
                    assertTrue(recorded == links || (lostAnswer && recorded > links && recorded <= links + 2),
                            "records " + recorded + " for " + links + " links");
                    return (first.ok(200) ? "" : "download again: 200; ") + recorded + " download record(s) for "
                            + links + " link(s) handed out";
                }));
        ops.add(new Operation("publish video", () -> state("id", draftWithFile()),
                s -> api(PublishVideoHandler.class, "PublishVideoFunction",
                        withId(authorized("publish-video.json", editorToken(), null), (String) s.get("id"))), 200,
                (s, first) -> {
                    String id = (String) s.get("id");
                    if (!first.ok(200)) {
                        expect(200, api(PublishVideoHandler.class, "PublishVideoFunction",
                                withId(authorized("publish-video.json", editorToken(), null), id)));
                    }
                    expect(200, api(GetVideoHandler.class, "GetVideoFunction", withId(event("get-video.json", null), id)));
                    return (first.ok(200) ? "" : "publish again: 200; ") + "the video is shown (200)";
                }));
        ops.add(new Operation("subscribe", () -> {
            String email = confirmed();
            return state("email", email, "token", token(email, PASSWORD));
        }, s -> api(SubscribeHandler.class, "SubscribeFunction", authorized("subscribe.json", (String) s.get("token"), null)), 200,
                (s, first) -> {
                    String token = (String) s.get("token");
                    if (!first.ok(200)) {
                        expect(200, api(SubscribeHandler.class, "SubscribeFunction", authorized("subscribe.json", token, null)));
                    }
                    assertTrue(profile(token).get("newsletter").getBooleanValue());
                    return (first.ok(200) ? "" : "subscribe again: 200; ") + "subscribed";
                }));
        ops.add(new Operation("campaign create", () -> state("id", "fault-" + UUID.randomUUID(), "to", confirmed("marketing")),
                s -> createCampaign((String) s.get("id"), (String) s.get("to")), 202,
                (s, first) -> {
                    String to = (String) s.get("to");
                    if (!first.ok(202)) {
                        expect(202, createCampaign((String) s.get("id"), to));
                    }
                    expect(202, createCampaign((String) s.get("id"), to)); // a re-post sends nothing twice
                    drainCampaignQueues();
                    long mailed = proxy().mailedTo(to);
                    assertEquals(1, mailed, "mailed exactly once");
                    return (first.ok(202) ? "" : "post again: 202; ") + "re-posted once more; the recipient mailed exactly once";
                }));
        ops.add(new Operation("campaign send (worker)", () -> {
            String id = "fault-" + UUID.randomUUID();
            String to = confirmed("marketing");
            expect(202, createCampaign(id, to));
            drain(pager(), "CampaignPageWorkerFunction");
            return state("id", id, "to", to, "event", sendJobs());
        }, s -> sendWorker((SQSEvent) s.get("event")), 200,
                (s, first) -> {
                    String to = (String) s.get("to");
                    SQSEvent event = (SQSEvent) s.get("event");
                    // SQS delivers the message again after the visibility timeout (longer than the claim's
                    // lease, one second here): twice here, as a duplicate delivery would.
                    sleep(1100);
                    Answer again = sendWorker(event);
                    assertEquals(200, again.status(), "redelivery: " + again.text());
                    sendWorker(event);
                    long mailed = proxy().mailedTo(to);
                    assertTrue(mailed <= 1, "never mailed twice (" + mailed + ")");
                    boolean sesStep = s.get("step").toString().startsWith("ses ");
                    if (!sesStep && !s.get("step").toString().contains("Deliveries") && !s.get("step").toString().contains("transaction")) {
                        assertEquals(1, mailed, "a failure away from the send and its record must not cost the email");
                    }
                    JsonNode campaign = campaignView((String) s.get("id"));
                    long outcomes = campaign.get("sent").getLongValue() + campaign.get("failed").getLongValue()
                            + campaign.get("suppressed").getLongValue();
                    assertEquals(1, outcomes, campaign.toString());
                    return "redelivered twice: " + (mailed == 1 ? "mailed exactly once" : "not mailed, counted failed (in doubt)")
                            + ", campaign " + campaign.get("status").getStringValue() + " (sent "
                            + campaign.get("sent").getLongValue() + ", failed " + campaign.get("failed").getLongValue() + ")";
                }));
        ops.add(new Operation("bounce", () -> {
            String email = confirmed();
            String token = token(email, PASSWORD);
            expect(200, api(SubscribeHandler.class, "SubscribeFunction", authorized("subscribe.json", token, null)));
            return state("email", email, "token", token);
        }, s -> bounce((String) s.get("email")), 200,
                (s, first) -> {
                    if (!first.ok(200)) {
                        Answer again = bounce((String) s.get("email"));
                        assertEquals(200, again.status(), "Lambda's retry: " + again.text());
                    }
                    assertFalse(profile((String) s.get("token")).get("newsletter").getBooleanValue(), "unsubscribed");
                    return (first.ok(200) ? "" : "Lambda retries the event: done; ") + "address suppressed, subscription ended";
                }));
        return ops;
    }

    // ------------------------------------------------------------------ the cases

    /** A case's result, kept until JUnit reports it. */
    private record Result(String name, Throwable failure) {
    }

    /** The operations in the order of the issue (and of the report). */
    private static final List<String> LANES_ORDER = List.of("sign-up", "verify", "resend", "login", "logout",
            "reset: forgot", "reset: verify code", "reset: new password", "delete account", "download",
            "publish video", "subscribe", "campaign create", "campaign send (worker)", "bounce");

    /** Operations that share a queue run in one lane, one after the other. */
    private static final List<List<String>> LANES = List.of(
            List.of("sign-up", "verify", "resend"),
            List.of("login", "logout", "reset: forgot"),
            List.of("reset: verify code", "reset: new password"),
            List.of("delete account", "subscribe", "bounce"),
            List.of("download", "publish video"),
            List.of("campaign create", "campaign send (worker)"));

    @TestFactory
    Stream<DynamicNode> everyAwsStepOfEveryOperationFailsInTurn() throws Exception {
        Map<String, Operation> byName = new LinkedHashMap<>();
        operations().forEach(op -> byName.put(op.name(), op));
        assertEquals(byName.keySet(), LANES.stream().flatMap(List::stream).collect(java.util.stream.Collectors.toSet()));
        Map<String, List<Result>> results = new java.util.concurrent.ConcurrentHashMap<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(LANES.size());
        try {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (List<String> names : LANES) {
                running.add(pool.submit(() -> {
                    for (String name : names) {
                        results.put(name, runAll(byName.get(name)));
                    }
                }));
            }
            for (var future : running) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return byName.keySet().stream().map(name -> DynamicContainer.dynamicContainer(name,
                results.get(name).stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
                    if (r.failure() != null) {
                        throw r.failure();
                    }
                }))));
    }

    private List<Result> runAll(Operation op) {
        List<Result> results = new ArrayList<>();
        List<Step> steps;
        try {
            steps = stepsOf(op);
        } catch (Throwable t) {
            return List.of(new Result("without faults", t));
        }
        for (Step step : steps) {
            for (FaultKind kind : FaultKind.values()) {
                Throwable failure = null;
                try {
                    runCase(op, step, kind);
                } catch (Throwable t) {
                    failure = t;
                    synchronized (rows) {
                        rows.add("| " + op.name() + " | " + ReliabilityReport.cell(step.label()) + " | " + kindShort(kind)
                                + " | **FAILED** | " + ReliabilityReport.cell(String.valueOf(t.getMessage())) + " |");
                    }
                }
                results.add(new Result(step.label() + ": " + kind.label(), failure));
            }
        }
        return results;
    }

    private List<Step> stepsOf(Operation op) {
        // Once to warm the function (container-start calls: secrets, client secret), once to record its steps.
        Map<String, Object> warm = op.prepare().get();
        Answer warmAnswer = op.act().apply(warm);
        assertTrue(warmAnswer.ok(op.normal()), op.name() + " without faults: " + warmAnswer.text());
        Map<String, Object> state = op.prepare().get();
        proxy().record();
        Answer baseline = op.act().apply(state);
        List<Step> steps = proxy().recorded();
        assertTrue(baseline.ok(op.normal()), op.name() + " without faults: " + baseline.text());
        assertFalse(steps.isEmpty());
        return steps;
    }

    private void runCase(Operation op, Step step, FaultKind kind) {
        Map<String, Object> state = op.prepare().get();
        state.put("step", step.label());
        if (kind == FaultKind.SLOW) {
            state.put("slow", true);
        }
        Answer first;
        proxy().fail(step, kind);
        faulted.set(true);
        try {
            first = op.act().apply(state);
        } finally {
            faulted.set(false);
            proxy().heal();
        }
        if (!first.ok(op.normal())) {
            assertEquals(503, first.status(), op.name() + " / " + step.label() + " / " + kind + ": " + first.text());
            if (first.error() != null || first.body() != null) { // an HTTP answer (consumers report 503 as "retry")
                assertEquals("service_unavailable", first.error(), first.text());
                assertNotNull(first.retryAfter(), "Retry-After");
            }
        }
        if (first.body() != null) {
            for (String aws : List.of("Exception", "Rate exceeded", "internal error", "SlowDown", "throughput", "amazonaws")) {
                assertFalse(first.body().contains(aws), "AWS detail in the answer: " + first.body());
            }
        }
        String after = op.then().apply(state, first);
        synchronized (rows) {
            casesPerOperation.merge(op.name(), 1, Integer::sum);
            rows.add("| " + op.name() + " | " + ReliabilityReport.cell(step.label()) + " | " + kindShort(kind) + " | "
                + ReliabilityReport.cell(first.text()) + " | " + ReliabilityReport.cell(after) + " |");
        }
    }

    /**
     * The client secret and the code key are read once per container: a container whose first
     * read fails answers 503 and reads them again on the next invocation (nothing caches a failure).
     */
    @Test
    void aContainerWhoseStartUpReadsFailRecoversOnTheNextInvocation() {
        List<String> found = new ArrayList<>();
        for (String target : List.of("secretsmanager.GetSecretValue", "AWSCognitoIdentityProviderService.DescribeUserPoolClient")) {
            for (FaultKind kind : List.of(FaultKind.SERVER_ERROR, FaultKind.CONNECTION_RESET)) {
                SignUpHandler fresh = aws.handler(SignUpHandler.class, "SignUpFunction", lane().env);
                String service = target.startsWith("secrets") ? "secretsmanager" : "cognito-idp";
                Step step = new Step(service, target.substring(target.indexOf('.') + 1), null, target, null, null, null);
                String email = email();
                proxy().fail(step, kind);
                Answer first;
                try {
                    first = answer(fresh.handleRequest(event("signup.json", Map.of("email", email, "password", PASSWORD)), null));
                } finally {
                    proxy().heal();
                }
                assertEquals(503, first.status(), first.text());
                assertNotNull(first.retryAfter());
                Answer again = answer(fresh.handleRequest(event("signup.json", Map.of("email", email, "password", PASSWORD)), null));
                assertEquals(202, again.status(), again.text());
                expect(200, verify(email, lastCode(email)));
                found.add("| sign-up, first invocation of a container | " + step.label() + " | " + kindShort(kind)
                        + " | " + first.text() + " | the next invocation of the same container: 202, the code verifies |");
            }
        }
        ReliabilityReport.section("faults-cold", "### Container start-up reads\n\n"
                + "| Operation | AWS step | Fault | Caller saw | Then |\n|---|---|---|---|---|\n" + String.join("\n", found));
    }

    private static String kindShort(FaultKind kind) {
        return switch (kind) {
            case SERVER_ERROR -> "500";
            case THROTTLING -> "throttling";
            case CONNECTION_RESET -> "reset";
            case SLOW -> "slow";
        };
    }

    // ------------------------------------------------------------------ calls

    @SuppressWarnings("unchecked")
    private <H extends MicronautRequestHandler<?, ?>> H handler(Class<H> type, String function) {
        Lane current = lane();
        return (H) current.handlers.computeIfAbsent(type, t -> aws.handler(type, function, current.env));
    }

    /** Set while a fault is injected: then a 503 is the answer under test, never retried. */
    private final ThreadLocal<Boolean> faulted = ThreadLocal.withInitial(() -> false);
    private final AtomicInteger slowEmulatorRetries = new AtomicInteger();

    /**
     * Outside the faulted call, a 503 is retried as a person would after {@code Retry-After}
     * (shortened): moto, shared by six lanes on two cores, sometimes answers a transaction later
     * than these tests' short client limits. A state that keeps answering 503 still fails.
     */
    private Answer api(Class<? extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> type,
                       String function, APIGatewayV2HTTPEvent event) {
        Answer answer = answer(handler(type, function).handleRequest(event, null));
        for (int retry = 0; retry < 3 && answer.status() == 503 && !faulted.get(); retry++) {
            slowEmulatorRetries.incrementAndGet();
            sleep(300);
            answer = answer(handler(type, function).handleRequest(event, null));
        }
        return answer;
    }

    private Answer answer(APIGatewayV2HTTPResponse response) {
        String error = null;
        if (response.getStatusCode() >= 400 && response.getBody() != null && response.getBody().startsWith("{")) {
            JsonNode e = body(response.getBody()).get("error");
            error = e == null ? null : e.getStringValue();
        }
        String retryAfter = response.getHeaders() == null ? null : response.getHeaders().get("Retry-After");
        String text = response.getStatusCode() + (error == null ? "" : " " + error)
                + (retryAfter == null ? "" : ", Retry-After: " + retryAfter);
        return new Answer(response.getStatusCode(), error, retryAfter, response.getBody() == null ? "" : response.getBody(), text);
    }

    private static void expect(int status, Answer answer) {
        if (answer.status() != status) {
            fail("expected " + status + ", got " + answer.status() + ": " + answer.body());
        }
    }

    private Answer verify(String email, String code) {
        return api(VerifyEmailHandler.class, "VerifyEmailFunction", event("verify-email.json",
                Map.of("email", email, "code", code, "password", PASSWORD)));
    }

    private Answer login(String email, String password) {
        return api(LoginHandler.class, "LoginFunction", event("login.json", Map.of("email", email, "password", password)));
    }

    private String token(String email, String password) {
        Answer answer = login(email, password);
        expect(200, answer);
        return body(answer).get("accessToken").getStringValue();
    }

    private Answer forgot(String email) {
        return api(ForgotPasswordHandler.class, "ForgotPasswordFunction", event("forgot-password.json", Map.of("email", email)));
    }

    private Answer verifyReset(String email, String code) {
        return api(VerifyResetCodeHandler.class, "VerifyResetCodeFunction", event("verify-reset-code.json",
                Map.of("email", email, "code", code)));
    }

    private Answer reset(String resetToken) {
        return api(ResetPasswordHandler.class, "ResetPasswordFunction", event("reset-password.json",
                Map.of("resetToken", resetToken, "password", NEW_PASSWORD)));
    }

    private Answer deleteAccount(String token) {
        return api(DeleteAccountHandler.class, "DeleteAccountFunction", authorized("delete-account.json", token,
                Map.of("password", PASSWORD)));
    }

    private JsonNode profile(String token) {
        Answer me = api(GetProfileHandler.class, "GetProfileFunction", authorized("get-profile.json", token, null));
        expect(200, me);
        return body(me);
    }

    private boolean subscribed(String email) {
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            String table = aws.stack().physicalId("SubscriptionsTable");
            var item = dynamo.getItem(r -> r.tableName(table).key(Map.of("email", AttributeValue.fromS(email)))).item();
            return item != null && item.containsKey("subscribed") && Boolean.TRUE.equals(item.get("subscribed").bool());
        }
    }

    private Answer download(String token) {
        return api(DownloadVideoHandler.class, "DownloadVideoFunction",
                withId(authorized("download-video.json", token, Map.of("rendition", "hd")), video()));
    }

    private int downloadsRecorded(String token) {
        String sub = claims(token).get("sub").getStringValue();
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            return dynamo.query(r -> r.tableName(aws.stack().physicalId("DownloadsTable"))
                    .keyConditionExpression("#sub = :sub").expressionAttributeNames(Map.of("#sub", "sub"))
                    .expressionAttributeValues(Map.of(":sub", AttributeValue.fromS(sub)))).count();
        }
    }

    private String editor;
    private final Map<String, String> campaigners = new java.util.concurrent.ConcurrentHashMap<>();

    /** A marketing member per campaign: one member makes at most 10 test sends an hour (issue 19), this test many more. */
    private String campaignerToken(String campaignId) {
        return campaigners.computeIfAbsent(campaignId, id -> {
            String email = confirmed("marketing");
            return aws.accessToken(email, PASSWORD);
        });
    }

    private synchronized String editorToken() {
        if (editor == null) {
            String email = email();
            aws.confirmedUser(email, PASSWORD, true, "en", "editors", "marketing");
            editor = aws.accessToken(email, PASSWORD);
        }
        return editor;
    }

    private synchronized String video() {
        if (videoId == null) {
            videoId = draftWithFile();
            expect(200, api(PublishVideoHandler.class, "PublishVideoFunction",
                    withId(authorized("publish-video.json", editorToken(), null), videoId)));
        }
        return videoId;
    }

    /** A draft video whose one 16-byte "hd" file is uploaded with its presigned URL. */
    private String draftWithFile() {
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("title", "Faults");
        video.put("summary", "A video for the fault tests.");
        video.put("description", "Uploaded and published through the fault proxy.");
        video.put("publishedAt", Instant.parse("2000-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000)).toString());
        video.put("durationSeconds", 4);
        video.put("renditions", List.of(Map.of("name", "hd", "label", "HD", "mimeType", "video/mp4",
                "sizeBytes", 16, "filename", "faults-hd.mp4",
                "sha256", "374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb"))); // of 16 zero bytes
        Answer created = api(CreateVideoHandler.class, "CreateVideoFunction", authorized("create-video.json", editorToken(), video));
        expect(201, created);
        JsonNode upload = body(created).get("uploads").get(0);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").getStringValue()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[16]));
        upload.get("headers").entries().forEach(h -> put.header(h.getKey(), h.getValue().getStringValue()));
        try {
            assertEquals(200, HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return body(created).get("id").getStringValue();
    }

    private Answer createCampaign(String id, String to) {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("campaignId", id);
        campaign.put("subject", "Faults");
        campaign.put("html", "<p>Once.</p>");
        campaign.put("text", "Once.");
        campaign.put("testRecipients", List.of(to)); // a verified marketing account: where a test may go (issue 19)
        return api(CreateCampaignHandler.class, "CreateCampaignFunction", authorized("create-campaign.json", campaignerToken(id), campaign));
    }

    private JsonNode campaignView(String id) {
        try (DynamoDbClient dynamo = aws.aws().client(DynamoDbClient.builder())) {
            var item = dynamo.getItem(r -> r.tableName(aws.stack().physicalId("CampaignsTable"))
                    .key(Map.of("campaignId", AttributeValue.fromS(id)))).item();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("status", item.get("status").s());
            for (String counter : List.of("sent", "failed", "suppressed")) {
                view.put(counter, item.get(counter) == null ? 0 : Long.parseLong(item.get(counter).n()));
            }
            return body(new String(json.writeValueAsBytes(view), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CampaignPageWorker pager() {
        return handler(CampaignPageWorker.class, "CampaignPageWorkerFunction");
    }

    private void drain(MicronautRequestHandler<SQSEvent, SQSBatchResponse> worker, String function) {
        aws.drain(worker, function);
    }

    private void drainCampaignQueues() {
        drain(pager(), "CampaignPageWorkerFunction");
        drain(handler(CampaignSendWorker.class, "CampaignSendWorkerFunction"), "CampaignSendWorkerFunction");
    }

    /** The send jobs the page worker queued, taken off the queue as Lambda would hand them over. */
    private SQSEvent sendJobs() {
        var consumer = aws.stack().queueConsumers().stream()
                .filter(c -> c.functionLogicalId().equals("CampaignSendWorkerFunction")).findFirst().orElseThrow();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        try (SqsClient sqs = aws.aws().client(SqsClient.builder())) {
            QueueEventSource queue = new QueueEventSource(sqs, consumer, aws.aws().region());
            while (queue.pollOnce(Duration.ZERO, event -> {
                messages.addAll(event.getRecords());
                return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
            }) > 0) {
                // taken
            }
        }
        assertEquals(1, messages.size(), "one send job for the one test recipient");
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private Answer sendWorker(SQSEvent event) {
        SQSBatchResponse response = handler(CampaignSendWorker.class, "CampaignSendWorkerFunction").handleRequest(event, null);
        boolean failed = response.getBatchItemFailures() != null && !response.getBatchItemFailures().isEmpty();
        return new Answer(failed ? 503 : 200, null, null, null,
                failed ? "batch item failure: the message comes back for a retry" : "message done");
    }

    private Answer bounce(String email) {
        SNSEvent event;
        try {
            String text = java.nio.file.Files.readString(ReliabilityReport.repositoryRoot()
                    .resolve("events").resolve("bounce.json"))
                    .replace("bounced@example.com", email)
                    .replace("95df01b4-ee98-5cb9-9903-4c221d41eb5e", UUID.randomUUID().toString())
                    // as SES publishes it for this stack: its topic and configuration set (the only ones it acts on)
                    .replace("arn:aws:sns:eu-west-1:123456789012:multimedia-NewsletterFeedbackTopic",
                            aws.stack().functionEnvironment("BounceFunction").get("NEWSLETTER_FEEDBACK_TOPIC_ARN"))
                    .replace("multimedia-NewsletterConfigurationSet",
                            aws.stack().functionEnvironment("BounceFunction").get("NEWSLETTER_FEEDBACK_CONFIGURATION_SET"));
            event = LambdaEventSerializers.serializerFor(SNSEvent.class, getClass().getClassLoader())
                    .fromJson(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            handler(BounceHandler.class, "BounceFunction").handleRequest(event, null);
            return new Answer(200, null, null, null, "event done");
        } catch (RuntimeException e) {
            return new Answer(503, null, null, null, "the function fails (" + e.getClass().getSimpleName()
                    + "): Lambda retries the event, then its DLQ");
        }
    }

    // ------------------------------------------------------------------ helpers

    private String email() {
        return "fault-" + users.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A confirmed account with a verified address, made with the pool's admin API (not through the proxy). */
    private String confirmed(String... groups) {
        String email = email();
        aws.confirmedUser(email, PASSWORD, true, "en", groups);
        return email;
    }

    /**
     * The last code queued for this address. Read from the mail queue itself (the message the
     * mail worker would render), which is fast; the mail worker's own faults are not this test's.
     */
    private String lastCode(String email) {
        synchronized (codes) {
            var consumer = aws.stack().queueConsumers().stream()
                    .filter(c -> c.functionLogicalId().equals("MailWorkerFunction")).findFirst().orElseThrow();
            try (SqsClient sqs = aws.aws().client(SqsClient.builder())) {
                QueueEventSource queue = new QueueEventSource(sqs, consumer, aws.aws().region());
                while (queue.pollOnce(Duration.ZERO, event -> {
                    event.getRecords().stream()
                            .sorted(java.util.Comparator.comparing(m -> Long.parseLong(m.getAttributes().getOrDefault("SentTimestamp", "0"))))
                            .forEach(m -> {
                                JsonNode mail = body(m.getBody());
                                JsonNode code = mail.get("values") == null ? null : mail.get("values").get("code");
                                if (code != null) {
                                    codes.computeIfAbsent(mail.get("to").getStringValue(), k -> new ArrayList<>()).add(code.getStringValue());
                                }
                            });
                    return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
                }) > 0) {
                    // taken
                }
            }
            List<String> mine = codes.get(email);
            assertTrue(mine != null && !mine.isEmpty(), "no code queued for " + email);
            return mine.get(mine.size() - 1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> state(Object... pairs) {
        Map<String, Object> state = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            state.put((String) pairs[i], pairs[i + 1]);
        }
        return state;
    }

    /** A sample event with this body, from a client address of its own (per-client limits stay out of the way). */
    private APIGatewayV2HTTPEvent event(String file, Map<String, Object> body) {
        APIGatewayV2HTTPEvent event = aws.event(file, body);
        event.getRequestContext().getHttp().setSourceIp("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
        return event;
    }

    private APIGatewayV2HTTPEvent authorized(String file, String token, Map<String, Object> body) {
        APIGatewayV2HTTPEvent event = aws.authorized(file, token);
        event.getRequestContext().getHttp().setSourceIp("10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
        try {
            event.setBody(body == null ? null : new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return event;
    }

    private static APIGatewayV2HTTPEvent withId(APIGatewayV2HTTPEvent event, String id) {
        event.setPathParameters(Map.of("id", id));
        return event;
    }

    private JsonNode claims(String token) {
        return body(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private JsonNode body(Answer answer) {
        return body(answer.body());
    }

    private JsonNode body(String text) {
        try {
            return json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
