package org.multimedia.account.codes;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The life of a 6-digit code: issued (replacing the previous one), checked against its expiry
 * and its attempts left (counted before comparing), and consumed once. Only a keyed hash bound to purpose and address is
 * stored; expiry is decided here with the injected clock (the table's TTL only cleans up).
 */
@Singleton
public class VerificationCodes {

    private final CodeStore store;
    private final CodeHasher hasher;
    private final Clock clock;
    private final CodeSettings settings;
    private final SecureRandom random;
    private final AuthEvents events;
    private final WrongCodeBudget budget;

    public VerificationCodes(CodeStore store, CodeHasher hasher, Clock clock, CodeSettings settings, SecureRandom random,
                             AuthEvents events, WrongCodeBudget budget) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
        this.random = random;
        this.events = events;
        this.budget = budget;
    }

    /** A fresh code for this purpose and address, replacing any earlier one; returns the digits to send. */
    public String issue(Purpose purpose, EmailAddress email, Map<String, String> attributes) {
        String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        String key = purpose.key(email);
        store.put(new PendingCode(key, hasher.hash(key, code), clock.instant().plus(settings.validity()),
                settings.maxAttempts(), attributes));
        return code;
    }

    /** What the pending code would apply, so that a replacement code keeps it. */
    public Map<String, String> pendingAttributes(Purpose purpose, EmailAddress email) {
        return store.find(purpose.key(email)).map(PendingCode::attributes).orElse(Map.of());
    }

    /** The attribute that binds a sign-up code to the password chosen with it. */
    public static final String PASSWORD_HASH = "passwordHash";

    /** A keyed hash of the password chosen at sign-up, kept with its code ({@link #PASSWORD_HASH}). */
    public String passwordBinding(Purpose purpose, EmailAddress email, String password) {
        return hasher.hash(purpose.key(email) + "#password", password);
    }

    /** {@link #check(Purpose, EmailAddress, String, String, String)} for a code bound to no password. */
    public PendingCode check(Purpose purpose, EmailAddress email, String entered, String client) {
        return check(purpose, email, entered, null, client);
    }

    /**
     * Checks an entered code (and, for a sign-up code, the password it was issued with) without
     * using it up. The attempt is counted FIRST, by one conditional write, and compared after:
     * parallel requests get no more guesses than the attempts left. It is charged to the
     * client's budget of wrong codes too, and given back when right.
     *
     * @throws DomainException {@code invalid_code} (with {@code attemptsLeft}), {@code code_expired},
     *                         {@code too_many_attempts}, or {@code too_many_requests} for the client;
     *                         an address without a code answers like a wrong code
     */
    public PendingCode check(Purpose purpose, EmailAddress email, String entered, String password, String client) {
        try {
            String charge = budget.charge(client);
            String key = purpose.key(email);
            Instant now = clock.instant();
            PendingCode code = store.takeAttempt(key, settings.maxAttempts(), now.plus(settings.validity()))
                    .orElseThrow(VerificationCodes::tooManyAttempts);
            if (code.codeHash() != null && !now.isBefore(code.expiresAt())) {
                budget.refund(charge); // not a guess: the code is simply too old
                throw new DomainException(DomainException.Kind.BAD_REQUEST, "code_expired",
                        "This code has expired. Ask for a new code.");
            }
            boolean right = isWellFormed(entered) && hasher.matches(code.codeHash(), key, entered.strip())
                    && passwordMatches(code, purpose, email, password);
            if (!right) {
                throw invalid(code);
            }
            budget.refund(charge);
            return code;
        } catch (DomainException refused) {
            events.record("check_code_" + purpose.tag(), refused.code(), email);
            throw refused;
        }
    }

    private boolean passwordMatches(PendingCode code, Purpose purpose, EmailAddress email, String password) {
        String bound = code.attributes().get(PASSWORD_HASH);
        if (password == null || bound == null) {
            return password == null && bound == null;
        }
        return hasher.matches(bound, purpose.key(email) + "#password", password);
    }

    /** The answer for a code whose attempt was counted but that unlocks nothing (wrong, or used by a parallel request). */
    public DomainException invalid(PendingCode counted) {
        if (counted.attemptsLeft() <= 0) {
            return tooManyAttempts();
        }
        return new DomainException(DomainException.Kind.BAD_REQUEST, "invalid_code",
                "This code is not valid. Check the code in the email and try again.",
                Map.of("attemptsLeft", counted.attemptsLeft()), null);
    }

    /** Uses the code up; false when a parallel request used (or exhausted) it first. */
    public boolean consume(PendingCode code) {
        return store.consume(code.key(), code.codeHash());
    }

    /** Forgets any pending code of this purpose and address. */
    public void discard(Purpose purpose, EmailAddress email) {
        store.delete(purpose.key(email));
    }

    public long validitySeconds() {
        return settings.validity().toSeconds();
    }

    private static boolean isWellFormed(String entered) {
        return entered != null && entered.strip().matches("[0-9]{6}");
    }

    private static DomainException tooManyAttempts() {
        // No Retry-After: waiting does not help, only a new code does.
        return new DomainException(DomainException.Kind.TOO_MANY_REQUESTS, "too_many_attempts",
                "Too many wrong codes. Ask for a new code and try again.");
    }
}
