package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The life of a 6-digit code: issued (replacing the previous one), checked against its expiry
 * and its attempts left, and consumed once. Only a keyed hash bound to purpose and address is
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

    public VerificationCodes(CodeStore store, CodeHasher hasher, Clock clock, CodeSettings settings, SecureRandom random,
                             AuthEvents events) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
        this.random = random;
        this.events = events;
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

    /**
     * Checks an entered code without using it up.
     *
     * @throws DomainException {@code invalid_code} (with {@code attemptsLeft}), {@code code_expired}
     *                         or {@code too_many_attempts}; an address without a code answers like a wrong code
     */
    public PendingCode check(Purpose purpose, EmailAddress email, String entered) {
        try {
            return checkOrThrow(purpose, email, entered);
        } catch (DomainException refused) {
            events.record("check_code_" + purpose.tag(), refused.code(), email);
            throw refused;
        }
    }

    private PendingCode checkOrThrow(Purpose purpose, EmailAddress email, String entered) {
        String key = purpose.key(email);
        Instant now = clock.instant();
        Optional<PendingCode> pending = store.find(key);
        if (pending.isPresent()) {
            PendingCode code = pending.get();
            if (code.attemptsLeft() <= 0) {
                throw tooManyAttempts();
            }
            if (!now.isBefore(code.expiresAt())) {
                throw new DomainException(DomainException.Kind.BAD_REQUEST, "code_expired",
                        "This code has expired. Ask for a new code.");
            }
            if (isWellFormed(entered) && hasher.matches(code.codeHash(), key, entered.strip())) {
                return code;
            }
        }
        throw reject(purpose, email);
    }

    /** Counts a wrong guess and returns the answer for it, to be thrown. */
    public DomainException reject(Purpose purpose, EmailAddress email) {
        OptionalInt left = store.recordFailure(purpose.key(email), settings.maxAttempts(),
                clock.instant().plus(settings.validity()));
        if (left.isEmpty() || left.getAsInt() <= 0) {
            return tooManyAttempts();
        }
        return new DomainException(DomainException.Kind.BAD_REQUEST, "invalid_code",
                "This code is not valid. Check the code in the email and try again.",
                Map.of("attemptsLeft", left.getAsInt()), null);
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
