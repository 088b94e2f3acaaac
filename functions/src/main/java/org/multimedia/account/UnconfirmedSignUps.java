package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.account.codes.CodeStore;
import org.multimedia.account.codes.Purpose;
import org.multimedia.core.InvocationDeadline;
import org.multimedia.identity.Account;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes the identities nobody confirmed within {@link SignUpSettings#unconfirmedMaxAge()} (7
 * days), with their pending codes: a sign-up of an address its requester does not own leaves one
 * forever otherwise (and each counts as a monthly active user while it lives). Run on a schedule
 * (UnconfirmedCleanUpFunction).
 *
 * <p>The whole list is read first and the deletions follow (deleting while paging could make
 * ListUsers skip users). Each candidate is looked up again right before its deletion: since the
 * list was read it may have been confirmed (a password reset confirms) or replaced by a new
 * sign-up (another sub, a new creation date); either way it is kept. Deletions are paced (Cognito's
 * AdminDeleteUser shares its request quota with sign-up, verification and reset) and stop before
 * the invocation's deadline: the next run finishes the job.
 */
@Singleton
public class UnconfirmedSignUps {

    /** Time kept in hand at the end of an invocation (one look-up and one deletion take well under it). */
    static final Duration DEADLINE_MARGIN = Duration.ofSeconds(10);

    /** What one run did. */
    public record Report(int unconfirmed, int deleted, int kept, boolean finished) {
        public String summary() {
            return "unconfirmed " + unconfirmed + ", deleted " + deleted + ", kept " + kept
                    + (finished ? "" : " (stopped before the deadline: the next run goes on)");
        }
    }

    private final UnconfirmedIdentities identities;
    private final CodeStore codes;
    private final Clock clock;
    private final SignUpSettings settings;
    private final AuthEvents events;

    public UnconfirmedSignUps(UnconfirmedIdentities identities, CodeStore codes, Clock clock, SignUpSettings settings, AuthEvents events) {
        this.identities = identities;
        this.codes = codes;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    public Report deleteExpired() {
        List<Account> unconfirmed = new ArrayList<>();
        String page = null;
        do {
            UnconfirmedIdentities.Page listed = identities.unconfirmed(page);
            unconfirmed.addAll(listed.accounts());
            page = listed.nextPageToken();
        } while (page != null && !nearDeadline());
        boolean listedAll = page == null; // else: what was listed is deleted all the same, the next run lists again
        int deleted = 0;
        int kept = 0;
        long gapNanos = settings.deletionsPerSecond() > 0 ? 1_000_000_000L / settings.deletionsPerSecond() : 0;
        long next = System.nanoTime();
        for (Account candidate : unconfirmed) {
            if (!expired(candidate)) {
                continue;
            }
            if (nearDeadline()) {
                return new Report(unconfirmed.size(), deleted, kept, false);
            }
            next = pace(next, gapNanos);
            if (deleteIfStillExpired(candidate)) {
                deleted++;
            } else {
                kept++;
            }
        }
        return new Report(unconfirmed.size(), deleted, kept, listedAll);
    }

    /** Deletes the identity if it is still that one (same sub), still unconfirmed and old enough. */
    private boolean deleteIfStillExpired(Account candidate) {
        EmailAddress email = candidate.email();
        Optional<Account> current = identities.find(email);
        if (current.isEmpty() || current.get().confirmed() || !expired(current.get())
                || (candidate.sub() != null && !candidate.sub().equals(current.get().sub()))) {
            return false;
        }
        identities.delete(email);
        codes.delete(Purpose.SIGN_UP.key(email));
        codes.delete(Purpose.PASSWORD_RESET.key(email));
        events.record("delete_unconfirmed", "deleted", email);
        return true;
    }

    private boolean expired(Account account) {
        return account.createdAt() != null && !account.createdAt().isAfter(cutoff());
    }

    private Instant cutoff() {
        return clock.instant().minus(settings.unconfirmedMaxAge());
    }

    private static boolean nearDeadline() {
        return InvocationDeadline.remaining().map(left -> left.compareTo(DEADLINE_MARGIN) < 0).orElse(false);
    }

    /** Waits until {@code next} (nanoTime), returns when the following deletion may start. */
    private static long pace(long next, long gapNanos) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Math.max(next, System.nanoTime()) + gapNanos;
    }
}
