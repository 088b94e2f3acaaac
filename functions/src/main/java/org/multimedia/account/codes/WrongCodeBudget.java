package org.multimedia.account.codes;

import jakarta.inject.Singleton;
import org.multimedia.core.WindowCounters;
import org.multimedia.identity.AuthEvents;

import java.time.Clock;

/**
 * Wrong codes per client across all addresses (sign-up and reset alike): without it, one client
 * could try a few codes on each of thousands of pending accounts. Every code attempt is charged
 * before the code is compared and given back when it was right, so parallel guesses cannot
 * overdraw it. An exhausted budget is logged as a metric an alarm watches.
 */
@Singleton
public class WrongCodeBudget {

    private final WindowCounters counters;
    private final Clock clock;
    private final CodeSettings settings;
    private final AuthEvents events;

    public WrongCodeBudget(WindowCounters counters, Clock clock, CodeSettings settings, AuthEvents events) {
        this.counters = counters;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** Charges one attempt to the client; {@code 429 too_many_requests} when its budget is spent. */
    public String charge(String client) {
        return counters.charge("codes-client#" + client, settings.maxWrongPerClient(), settings.clientWindow(), clock,
                "Too many wrong codes from your connection. Please wait a few minutes and try again.",
                () -> events.metric(AuthEvents.WRONG_CODE_BUDGET_EXHAUSTED));
    }

    /** The attempt was not a wrong code after all. */
    public void refund(String charge) {
        counters.decrement(charge);
    }
}
