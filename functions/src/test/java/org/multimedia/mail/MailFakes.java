package org.multimedia.mail;

import org.multimedia.core.DomainException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory stand-ins for the mail feature's ports (Mailer, MailOutbox, SendingAccount), so the
 * worker's decisions are tested without AWS. Failures are the adapters' own: an SES refusal or
 * throttling reaches the service as {@code 503 service_unavailable} (aws/AwsCalls).
 */
final class MailFakes {

    private MailFakes() {
    }

    /** SES (the adapter: SesMailer): what was accepted, and the answers to give first. */
    static final class Mailer implements org.multimedia.mail.Mailer {
        final List<OutboundEmail> sent = new ArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        private int throttledSends;

        /** The next {@code sends} sends are refused as SES refuses when throttled (429, then retried by the queue). */
        Mailer throttleNext(int sends) {
            throttledSends = sends;
            return this;
        }

        @Override
        public synchronized void send(OutboundEmail email) {
            attempts.incrementAndGet();
            if (throttledSends > 0) {
                throttledSends--;
                throw DomainException.unavailable();
            }
            sent.add(email);
        }
    }

    /** The mail queue (the adapter: SqsMailOutbox): what the API functions queued, oldest first. */
    static final class Outbox implements MailOutbox {
        final Deque<MailMessage> queued = new ArrayDeque<>();
        private boolean down;

        /** The queue refuses every message (SQS unavailable): the caller must fail, not pretend it sent. */
        Outbox down() {
            down = true;
            return this;
        }

        @Override
        public synchronized void enqueue(MailMessage message) {
            if (down) {
                throw DomainException.unavailable();
            }
            queued.add(message);
        }
    }

    /** The account's sending status (the adapter: SesSendingAccount); counts how often it is read. */
    static final class Account implements SendingAccount {
        final AtomicInteger reads = new AtomicInteger();
        private final Status status;

        Account(Status status) {
            this.status = status;
        }

        static Account healthy() {
            return new Account(new Status(true, true, "HEALTHY"));
        }

        @Override
        public Status status() {
            reads.incrementAndGet();
            return status;
        }
    }

    /** The suppression list as the mail worker reads it (the adapter: DynamoSuppressions); counts the reads. */
    static final class Suppressed implements SuppressedAddresses {
        final java.util.Set<String> addresses = new java.util.HashSet<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public synchronized boolean isSuppressed(String email) {
            reads.incrementAndGet();
            return addresses.contains(email);
        }
    }
}
