package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Refuses logins for an address or a client that failed too often in the current window. */
@Singleton
public class LoginThrottle {

    private final FailureCounters counters;
    private final Clock clock;
    private final LoginSettings settings;

    public LoginThrottle(FailureCounters counters, Clock clock, LoginSettings settings) {
        this.counters = counters;
        this.clock = clock;
        this.settings = settings;
    }

    public void check(EmailAddress email, String client) {
        Instant now = clock.instant();
        refuseIfOver(addressKey(email), settings.maxFailuresPerAddress(), now);
        refuseIfOver(clientKey(client), settings.maxFailuresPerClient(), now);
    }

    public void failed(EmailAddress email, String client) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(settings.window());
        Instant forgetAfter = now.plus(settings.window());
        counters.increment(addressKey(email), now, cutoff, forgetAfter);
        counters.increment(clientKey(client), now, cutoff, forgetAfter);
    }

    /** The owner got in: earlier failures on the address no longer count. */
    public void succeeded(EmailAddress email) {
        counters.reset(addressKey(email));
    }

    private void refuseIfOver(String key, int max, Instant now) {
        counters.find(key).ifPresent(count -> {
            Instant windowEnd = count.windowStart().plus(settings.window());
            if (count.failures() >= max && now.isBefore(windowEnd)) {
                throw DomainException.rateLimited("too_many_requests",
                        "Too many failed attempts. Please wait a few minutes and try again.", Duration.between(now, windowEnd));
            }
        });
    }

    private static String addressKey(EmailAddress email) {
        return "login#" + email.value();
    }

    private static String clientKey(String client) {
        return "login-client#" + client;
    }
}
