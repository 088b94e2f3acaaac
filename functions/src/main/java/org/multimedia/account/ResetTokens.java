package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.account.codes.CodeHasher;
import org.multimedia.account.codes.CodeSettings;
import org.multimedia.account.codes.CodeStore;
import org.multimedia.account.codes.PendingCode;
import org.multimedia.account.codes.Purpose;
import org.multimedia.identity.EmailAddress;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Single-use tokens that allow setting a new password once the reset code checked out: 256
 * random bits, stored only as a keyed hash, valid a few minutes, one per address (a new one
 * replaces the old). The token is an {@link AddressedToken}, so it can be looked up; only the
 * secret part proves anything.
 */
@Singleton
public class ResetTokens {

    /** A token that checked out, not yet used. */
    public record Valid(EmailAddress email, PendingCode stored) {
    }

    private final CodeStore store;
    private final CodeHasher hasher;
    private final Clock clock;
    private final CodeSettings settings;
    private final SecureRandom random;

    public ResetTokens(CodeStore store, CodeHasher hasher, Clock clock, CodeSettings settings, SecureRandom random) {
        this.store = store;
        this.hasher = hasher.forResetTokens(); // the reset-token key, not the codes' key
        this.clock = clock;
        this.settings = settings;
        this.random = random;
    }

    public String issue(EmailAddress email) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String key = Purpose.RESET_TOKEN.key(email);
        store.put(new PendingCode(key, hasher.hash(key, secret), clock.instant().plus(settings.resetTokenValidity()), 1, Map.of()));
        return new AddressedToken(email, secret).encoded();
    }

    /** The token's address if the token is the current one and has not expired or been used. */
    public Optional<Valid> check(String token) {
        return AddressedToken.decode(token).flatMap(presented -> store.find(Purpose.RESET_TOKEN.key(presented.email()))
                .filter(stored -> clock.instant().isBefore(stored.expiresAt()) && stored.attemptsLeft() > 0)
                .filter(stored -> hasher.matches(stored.codeHash(), stored.key(), presented.rest()))
                .map(stored -> new Valid(presented.email(), stored)));
    }

    /** Uses the token up; false if a parallel request did first. */
    public boolean consume(Valid token) {
        return store.consume(token.stored().key(), token.stored().codeHash());
    }

    public long validitySeconds() {
        return settings.resetTokenValidity().toSeconds();
    }
}
