package org.multimedia.reliability;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.multimedia.account.SignUpHandler;
import org.multimedia.account.VerifyEmailHandler;
import org.multimedia.testing.FaultProxy;
import org.multimedia.infrastructure.emulator.ReliabilityReport;
import org.multimedia.testing.TestAws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: the worst case of the AWS clients' time limits, with the production limits (no
 * override): an API function (15 s on Lambda) whose every AWS call is slow must still answer
 * before Lambda's timeout. Two worst cases: every call answered just inside the attempt timeout
 * (so no per-call limit ever fires: only the invocation deadline can stop the run), and every
 * call hanging (each attempt cut, retried, the call cut).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsTimeLimitsIntegrationTest {

    private static final String PASSWORD = "Correct-Horse7battery";
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(15); // template.yaml Globals.Function.Timeout

    private final TestAws aws = TestAws.get();
    private FaultProxy proxy;
    private final List<String> rows = new ArrayList<>();

    @BeforeAll
    void start() {
        proxy = FaultProxy.start(aws.aws().endpoint(), Duration.ofSeconds(30));
    }

    @AfterAll
    void report() {
        proxy.close();
        ReliabilityReport.section("time-limits", """
                ## Time limits (worst case)

                Every AWS client (aws/AwsClients, aws/AwsClientSettings) has: connect timeout 1 s, read
                (socket) timeout 2 s, 2 s per attempt, at most 3 attempts (the SDK's standard strategy:
                exponential back-off with jitter, longer for throttling) and 5 s per call, back-offs
                included. No call starts when less than 5 s + 1 s (the reserve to answer) is left of the
                invocation (Lambda's remaining time, read when the function is invoked): such a call fails
                like an unavailable service. So the last AWS call of any invocation ends at least 1 s before
                Lambda's timeout: at 14 s for the 15 s functions, 29 s for the campaign send worker (30 s),
                59 s for the page worker (60 s). Per-call limits alone could not promise this: a verify makes
                about 14 calls, each allowed 5 s.

                Measured with these production limits, verify (the API operation with the most AWS calls)
                through a proxy that slows every call, invoked with a 15 s Lambda context:

                | Every AWS call | Caller saw | Elapsed | Lambda timeout |
                |---|---|---|---|
                """ + String.join("\n", rows));
    }

    @Test
    void everyCallJustInsideItsTimeoutStillEndsBeforeTheFunctionsTimeout() {
        worstCase(Duration.ofMillis(1800), "answered after 1.8 s (inside the 2 s attempt timeout)");
    }

    @Test
    void everyCallHangingEndsWithin5sAnd503() {
        long elapsed = worstCase(Duration.ofSeconds(30), "hanging (30 s)");
        assertTrue(elapsed < 5_000 + 1_500, "one call, cut at 5 s: " + elapsed + " ms");
    }

    private long worstCase(Duration delay, String label) {
        String email = "limits-" + UUID.randomUUID() + "@example.com";
        SignUpHandler signUp = aws.handler(SignUpHandler.class, "SignUpFunction");
        assertEquals(202, signUp.handleRequest(aws.event("signup.json", Map.of("email", email, "password", PASSWORD)), null).getStatusCode());
        String code = aws.mailTo(email).get(0).code();

        // Production limits: only the endpoint differs.
        VerifyEmailHandler verify = aws.handler(VerifyEmailHandler.class, "VerifyEmailFunction",
                Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString()));
        proxy.slowEverything(delay);
        long start = System.nanoTime();
        APIGatewayV2HTTPResponse answer;
        try {
            answer = verify.handleRequest(aws.event("verify-email.json", Map.of("email", email, "code", code,
                    "password", PASSWORD)), new FifteenSecondContext());
        } finally {
            proxy.heal();
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsed < FUNCTION_TIMEOUT.toMillis() - 500, "answered after " + elapsed + " ms");
        assertTrue(answer.getStatusCode() == 503 || answer.getStatusCode() == 200, answer.getBody());
        if (answer.getStatusCode() == 503) {
            assertEquals("2", answer.getHeaders().get("Retry-After"));
        }
        rows.add("| " + label + " | " + answer.getStatusCode()
                + (answer.getStatusCode() == 503 ? " service_unavailable, Retry-After: 2" : "")
                + " | " + String.format("%.1f s", elapsed / 1000.0) + " | 15 s |");
        return elapsed;
    }

    /** What Lambda hands a 15 s function: the time left is what matters. */
    private static final class FifteenSecondContext implements Context {
        private final long end = System.currentTimeMillis() + FUNCTION_TIMEOUT.toMillis();

        @Override public String getAwsRequestId() { return "limits"; }
        @Override public String getLogGroupName() { return "limits"; }
        @Override public String getLogStreamName() { return "limits"; }
        @Override public String getFunctionName() { return "VerifyEmailFunction"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:123456789012:function:verify"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, end - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { }
                @Override public void log(byte[] message) { }
            };
        }
    }
}
