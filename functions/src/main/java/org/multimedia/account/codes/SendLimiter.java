package org.multimedia.account.codes;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.identity.EmailAddress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies {@link SendQuota} per purpose and address, whether or not an account exists, so the
 * answers never tell the two apart. Parallel requests cannot both pass: the save is conditional.
 */
@Singleton
public class SendLimiter {

    private static final int CONFLICT_RETRIES = 3;

    private final QuotaStore store;
    private final Clock clock;
    private final SendQuota quota;

    public SendLimiter(QuotaStore store, Clock clock, CodeSettings settings) {
        this.store = store;
        this.clock = clock;
        this.quota = new SendQuota(settings.resendCooldown(), settings.maxSendsPerHour());
    }

    /** A first send (sign-up, "forgot password"): only the hourly cap applies. */
    public void acquireFirstSend(Purpose purpose, EmailAddress email) {
        acquire(purpose, email, false, "too_many_requests", "Too many emails were sent to this address. Please try again later.");
    }

    /** "Send new code": the cooldown applies too. */
    public void acquireResend(Purpose purpose, EmailAddress email) {
        acquire(purpose, email, true, "resend_too_soon", "Please wait a moment before asking for a new code.");
    }

    private void acquire(Purpose purpose, EmailAddress email, boolean enforceCooldown, String code, String message) {
        String key = "send#" + purpose.key(email);
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Instant now = clock.instant();
            Optional<SendQuota.State> current = store.find(key);
            SendQuota.Decision decision = quota.decide(current, now, enforceCooldown);
            if (!decision.allowed()) {
                throw DomainException.rateLimited(code, message, decision.retryAfter());
            }
            if (store.save(key, decision.next(), quota.forgetAfter(decision.next()))) {
                return;
            }
        }
        // Another request for the same address kept winning: it has just sent something.
        throw DomainException.rateLimited(code, message, Duration.ofSeconds(1));
    }
}
