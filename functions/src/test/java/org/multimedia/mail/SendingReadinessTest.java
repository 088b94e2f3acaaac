package org.multimedia.mail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mail worker's one look at the account's sending status. */
class SendingReadinessTest {

    private final PrintStream out = System.out;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    SendingReadinessTest() {
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8)); // the log: simplelogger.properties
    }

    @AfterEach
    void restore() {
        System.setOut(out);
    }

    private static final class Account implements SendingAccount {
        final AtomicInteger reads = new AtomicInteger();
        final Status status;

        Account(Status status) {
            this.status = status;
        }

        @Override
        public Status status() {
            reads.incrementAndGet();
            if (status == null) {
                throw new IllegalStateException("AccessDenied");
            }
            return status;
        }
    }

    private String logged() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSandboxedAccountIsWarnedAboutOncePerContainer() {
        Account account = new Account(new SendingAccount.Status(false, true, "HEALTHY"));
        SendingReadiness readiness = new SendingReadiness(account);
        readiness.checkOnce();
        readiness.checkOnce();
        readiness.checkOnce();
        assertEquals(1, account.reads.get());
        assertTrue(logged().contains("WARN") && logged().contains("SES is in the sandbox"), logged());
        assertEquals(1, logged().split("sandbox in this region", -1).length - 1, logged());
    }

    @Test
    void pausedSendingIsWarnedAbout() {
        new SendingReadiness(new Account(new SendingAccount.Status(true, false, "HEALTHY"))).checkOnce();
        assertTrue(logged().contains("SES sending is disabled or under review"), logged());
        log.reset();
        new SendingReadiness(new Account(new SendingAccount.Status(true, true, "PROBATION"))).checkOnce();
        assertTrue(logged().contains("SES sending is disabled or under review"), logged());
    }

    @Test
    void anAccountInProductionIsNotWorthALine() {
        new SendingReadiness(new Account(new SendingAccount.Status(true, true, "HEALTHY"))).checkOnce();
        assertEquals("", logged());
    }

    @Test
    void aStatusThatCannotBeReadIsLoggedAndNeverFailsTheWorker() {
        Account account = new Account(null);
        SendingReadiness readiness = new SendingReadiness(account);
        readiness.checkOnce(); // no exception
        readiness.checkOnce();
        assertEquals(1, account.reads.get());
        assertTrue(logged().contains("SES sending status unknown (IllegalStateException)"), logged());
        assertFalse(logged().contains("AccessDenied"), "never the exception's message");
    }
}
