package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.FixedWindow;
import org.multimedia.core.WindowCounters;
import org.multimedia.identity.EmailAddress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits password attempts. Each attempt is charged BEFORE the password is checked (one
 * conditional atomic write per counter), so a burst of parallel attempts gets no more tries
 * than the limit; a right password gives the charge back.
 *
 * <p>Three counters per window: the address from this client (so an attacker failing from his
 * own machines does not lock the owner out of hers), the address from all clients together (a
 * larger cap on spread-out guessing), and the client across all addresses.
 */
@Singleton
public class LoginThrottle {

    /** A charged attempt: the counters it was charged to. */
    public record Attempt(String ownerKey, String addressKey, String clientKey) {
    }

    private final WindowCounters counters;
    private final Clock clock;
    private final LoginSettings settings;

    public LoginThrottle(WindowCounters counters, Clock clock, LoginSettings settings) {
        this.counters = counters;
        this.clock = clock;
        this.settings = settings;
    }

    /** Charges one attempt to each counter, or {@code 429 too_many_requests} (nothing charged) when one is full. */
    public Attempt charge(EmailAddress email, String client) {
        Instant now = clock.instant();
        FixedWindow window = FixedWindow.of(now, settings.window());
        String owner = "login#" + email.value() + "#" + client + "#" + window.number();
        String address = "login#" + email.value() + "#" + window.number();
        String fromClient = "login-client#" + client + "#" + window.number();
        List<String> charged = new ArrayList<>();
        charge(owner, settings.maxFailuresPerAddress(), window, charged, now);
        charge(address, settings.maxFailuresPerAddressAllClients(), window, charged, now);
        charge(fromClient, settings.maxFailuresPerClient(), window, charged, now);
        return new Attempt(owner, address, fromClient);
    }

    /** The password was right: the charge is given back and the owner's failures from this client forgotten. */
    public void succeeded(Attempt attempt) {
        counters.reset(attempt.ownerKey());
        counters.decrement(attempt.addressKey());
        counters.decrement(attempt.clientKey());
    }

    private void charge(String key, int max, FixedWindow window, List<String> charged, Instant now) {
        if (!counters.tryIncrement(key, max, window.end())) {
            charged.forEach(counters::decrement);
            throw DomainException.rateLimited("too_many_requests",
                    "Too many failed attempts. Please wait a few minutes and try again.", Duration.between(now, window.end()));
        }
        charged.add(key);
    }
}
