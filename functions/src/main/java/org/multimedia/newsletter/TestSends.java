package org.multimedia.newsletter;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.WindowCounters;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.LiveUser;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a marketing test send may go and how often (issue 19, item 12). A test campaign mails its
 * few addresses directly, bypassing the list, its consent and its unsubscribe state, with the
 * portal's newsletter sender: without limits, one marketing account could mail anyone, as often as
 * it likes. So a test goes only to the marketing group's verified accounts ({@link MarketingTeam})
 * or to the addresses the operator listed ({@link TestSendSettings#allowedRecipients}), and one
 * member creates at most {@link TestSendSettings#perMemberPerHour} test campaigns an hour (one
 * counter per member and fixed hour; a retried request of an existing campaign is not counted).
 */
@Singleton
public class TestSends {

    static final Duration WINDOW = Duration.ofHours(1);

    private final MarketingTeam team;
    private final WindowCounters counters;
    private final TestSendSettings settings;
    private final Clock clock;
    private final Set<String> listed;

    public TestSends(MarketingTeam team, WindowCounters counters, TestSendSettings settings, Clock clock) {
        this.team = team;
        this.counters = counters;
        this.settings = settings;
        this.clock = clock;
        this.listed = settings.allowedRecipients() == null ? Set.of()
                : Arrays.stream(settings.allowedRecipients().split(","))
                        .map(String::strip).filter(a -> !a.isEmpty())
                        .map(a -> EmailAddress.parse(a).value()) // a bad parameter fails the function's start
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** Refuses ({@code 400 invalid_request}, naming the first one) any recipient that is neither listed nor a verified member. */
    public void checkRecipients(List<String> recipients) {
        Set<String> members = null;
        for (int i = 0; i < recipients.size(); i++) {
            String address = recipients.get(i);
            if (listed.contains(address)) {
                continue;
            }
            if (members == null) {
                members = team.verifiedAddresses(); // read once, and only if needed
            }
            if (!members.contains(address)) {
                throw DomainException.invalidRequest("'testRecipients[" + i + "]' is invalid: a test goes to verified "
                        + "accounts of the marketing group or to the addresses the operator allowed only.");
            }
        }
    }

    /**
     * Counts one test send of {@code member} in this hour; past the limit, {@code 429
     * too_many_requests} with the time until the next hour. Returns the counter's key, to give
     * the send back with {@link #refund} if it did not happen.
     */
    public String charge(LiveUser member) {
        return counters.charge("test-sends#" + member.sub(), settings.perMemberPerHour(), WINDOW, clock,
                "At most " + settings.perMemberPerHour() + " test sends an hour: try again later.", () -> { });
    }

    public void refund(String key) {
        counters.decrement(key);
    }
}
