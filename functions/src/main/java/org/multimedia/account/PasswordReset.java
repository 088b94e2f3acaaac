package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.account.codes.CodeSent;
import org.multimedia.account.codes.PendingCode;
import org.multimedia.account.codes.Purpose;
import org.multimedia.account.codes.SendLimiter;
import org.multimedia.account.codes.VerificationCodes;
import org.multimedia.core.DomainException;
import org.multimedia.identity.Account;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;

import java.util.Map;
import java.util.Optional;

/**
 * "Forgot password": a code by email (the same machinery as sign-up, bound to the reset
 * purpose), exchanged for a single-use reset token, exchanged for a new password. Answers are
 * the same for every address; an address without an account is sent nothing.
 */
@Singleton
public class PasswordReset {

    private final IdentityStore identities;
    private final Authenticator authenticator;
    private final VerificationCodes codes;
    private final ResetTokens tokens;
    private final SendLimiter limiter;
    private final AccountMail mail;
    private final PasswordPolicy passwords;
    private final AuthEvents events;
    private final IdentityConfirmation confirmation;

    public PasswordReset(IdentityStore identities, Authenticator authenticator, VerificationCodes codes, ResetTokens tokens,
                         SendLimiter limiter, AccountMail mail, PasswordPolicy passwords, AuthEvents events,
                         IdentityConfirmation confirmation) {
        this.identities = identities;
        this.confirmation = confirmation;
        this.authenticator = authenticator;
        this.codes = codes;
        this.tokens = tokens;
        this.limiter = limiter;
        this.mail = mail;
        this.passwords = passwords;
        this.events = events;
    }

    /**
     * Also "send new code": the cooldown applies from the previous code. Every address costs the
     * same work (look-up, a stored code, one queued message), so neither the answer nor its time
     * tells whether it has an account; only an account's owner receives the code.
     */
    public CodeSent forgot(String rawEmail) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        limiter.acquireResend(Purpose.PASSWORD_RESET, email);
        Optional<Account> account = identities.find(email);
        String code = codes.issue(Purpose.PASSWORD_RESET, email, Map.of());
        if (account.isPresent()) {
            mail.resetCode(email, account.get().language(), code);
            events.record("forgot_password", "code_sent", email);
        } else {
            mail.nothing(email);
            events.record("forgot_password", "no_account", email);
        }
        return new CodeSent("reset_code_sent", codes.validitySeconds());
    }

    public ResetTokenIssued verifyCode(String rawEmail, String code, String client) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        PendingCode pending = codes.check(Purpose.PASSWORD_RESET, email, code, client);
        // The token is stored before the code is used up: if storing fails (503), the code still
        // works and the same request again finishes the job.
        String token = tokens.issue(email);
        if (!codes.consume(pending)) {
            throw codes.invalid(pending); // a parallel request used it a moment ago (its token, unseen, expires)
        }
        events.record("verify_reset_code", "success", email);
        return new ResetTokenIssued(token, tokens.validitySeconds());
    }

    /**
     * Claims the token first (a conditional delete: one request wins), signs every session out,
     * sets the password, confirms an unconfirmed account and signs out again. A failure part-way
     * leaves the old password (its sessions already ended), or the new one on a still unconfirmed
     * account; never a confirmed account with a password nobody chose through us, nor, once the
     * new password is set, a session from before the reset except one opened in the instant
     * between the two sign-outs when the second fails. The user finishes by asking for a new code.
     * An unconfirmed account is confirmed only if it is still the identity read first (its sub):
     * a sign-up that replaced it meanwhile has its own password, which nobody proved here.
     */
    public StatusResult reset(String resetToken, String password) {
        passwords.check(password);
        ResetTokens.Valid token = tokens.check(resetToken).orElseThrow(PasswordReset::invalidToken);
        if (!tokens.consume(token)) {
            throw invalidToken(); // a parallel request used it
        }
        EmailAddress email = token.email();
        Account account = identities.find(email).orElseThrow(PasswordReset::invalidToken);
        // Sessions end BEFORE the password changes: if a later step fails, no session of the old
        // password outlives the new one (the second sign-out covers a login in between).
        authenticator.signOutEverywhere(email);
        authenticator.setPassword(email, password);
        if (!account.confirmed() && !confirmation.confirm(email, account.sub())) {
            // Replaced by another sign-up since it was read: the new password went to an identity
            // that stays unconfirmed (it opens nothing); the owner asks for a new code.
            throw invalidToken();
        }
        authenticator.signOutEverywhere(email);
        codes.discard(Purpose.PASSWORD_RESET, email);
        mail.passwordChanged(email, account.language());
        events.record("reset_password", "success", email);
        return new StatusResult("password_updated");
    }

    private static DomainException invalidToken() {
        return new DomainException(DomainException.Kind.BAD_REQUEST, "invalid_token",
                "This reset link is no longer valid. Please ask for a new code.");
    }
}
