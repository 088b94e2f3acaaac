package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.WindowCounters;
import org.multimedia.identity.AuthEvents;

import java.time.Clock;
import java.time.Duration;

/**
 * Sign-ups per client and hour, across all addresses. Each sign-up mails someone (a code or
 * "you already have an account"), costs a monthly active user and may leave an unconfirmed
 * identity: without a budget one client could mail any number of addresses it does not own, and
 * their bounces could get SES to pause all of our mail. The per-address quota
 * ({@code codes/SendLimiter}) does not see a client spreading over many addresses. Charged before
 * anything is looked up or written (one conditional write); an exhausted budget is counted in a
 * metric an alarm watches.
 */
@Singleton
public class SignUpBudget {

    /** Metric: a client used up its sign-up budget (the SignUpBudgetAlarm of template.yaml watches it). */
    public static final String EXHAUSTED = "SignUpBudgetExhausted";

    static final Duration WINDOW = Duration.ofHours(1);

    private final WindowCounters counters;
    private final Clock clock;
    private final SignUpSettings settings;
    private final AuthEvents events;

    public SignUpBudget(WindowCounters counters, Clock clock, SignUpSettings settings, AuthEvents events) {
        this.counters = counters;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** Charges one sign-up to the client; {@code 429 too_many_requests} with Retry-After when its budget is spent. */
    public void charge(String client) {
        counters.charge("signup-client#" + client, settings.maxPerClientPerHour(), WINDOW, clock,
                "Too many sign-ups from your connection. Please try again later.", () -> events.metric(EXHAUSTED));
    }
}
