package org.multimedia.newsletter;

import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;

/**
 * How fast sends go. Keeps one worker (one Lambda container) at most
 * {@code NEWSLETTER_SENDS_PER_SECOND}: each send waits until 1/rate after the previous one. With
 * the send worker's concurrency capped, the whole campaign's rate is at most concurrency × rate,
 * which is sized under the SES quota. A throttled send comes back after a growing delay.
 */
@Singleton
public class SendPacer {

    private final long intervalNanos;
    private final Random random;
    private long next = System.nanoTime();

    public SendPacer(CampaignSettings settings, SecureRandom random) {
        this.intervalNanos = (long) (1_000_000_000L / Math.max(0.001, settings.sendsPerSecond()));
        this.random = random;
    }

    /** 30 s, 60 s, 120 s ... up to 15 minutes, plus up to 25 % jitter so throttled retries spread out. */
    public Duration backoff(int receiveCount) {
        long base = 30L << Math.min(5, Math.max(0, receiveCount - 1));
        long seconds = Math.min(900, base + (long) (random.nextDouble() * base / 4));
        return Duration.ofSeconds(seconds);
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
