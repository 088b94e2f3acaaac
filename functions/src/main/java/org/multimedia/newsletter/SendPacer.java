package org.multimedia.newsletter;

import jakarta.inject.Singleton;

/**
 * Keeps one worker (one Lambda container) at most {@code NEWSLETTER_SENDS_PER_SECOND}: each send
 * waits until 1/rate after the previous one. With the send worker's concurrency capped, the
 * whole campaign's rate is at most concurrency × rate, which is sized under the SES quota.
 */
@Singleton
public class SendPacer {

    private final long intervalNanos;
    private long next = System.nanoTime();

    public SendPacer(CampaignSettings settings) {
        this.intervalNanos = (long) (1_000_000_000L / Math.max(0.001, settings.sendsPerSecond()));
    }

    public synchronized void awaitTurn() {
        long now = System.nanoTime();
        long wait = next - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while pacing sends");
            }
        }
        next = Math.max(now, next) + intervalNanos;
    }
}
