package org.multimedia.account;

import org.multimedia.core.DomainException;

import jakarta.inject.Singleton;
import org.multimedia.account.codes.CodeSent;
import org.multimedia.account.codes.PendingCode;
import org.multimedia.account.codes.Purpose;
import org.multimedia.account.codes.SendLimiter;
import org.multimedia.account.codes.VerificationCodes;
import org.multimedia.identity.Account;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.MailingListMembership;

import java.util.Map;
import java.util.Optional;

/**
 * Sign-up, email verification and "send new code". Every answer is the same whether or not the
 * address has an account; what differs is only what its owner receives by email.
 */
@Singleton
public class Registration {

    static final String NEWSLETTER = "newsletter";
    static final String LANGUAGE = "language";
    /** The code's attribute naming the identity (Cognito sub) its sign-up created: the only one it can confirm. */
    static final String IDENTITY = "identity";

    private final IdentityStore identities;
    private final VerificationCodes codes;
    private final SendLimiter limiter;
    private final AccountMail mail;
    private final MailingListMembership newsletter;
    private final PasswordPolicy passwords;
    private final AuthEvents events;
    private final Authenticator authenticator;
    private final IdentityConfirmation confirmation;
    private final SignUpBudget budget;

    public Registration(IdentityStore identities, VerificationCodes codes, SendLimiter limiter, AccountMail mail,
                        MailingListMembership newsletter, PasswordPolicy passwords, AuthEvents events,
                        Authenticator authenticator, IdentityConfirmation confirmation, SignUpBudget budget) {
        this.identities = identities;
        this.confirmation = confirmation;
        this.budget = budget;
        this.codes = codes;
        this.limiter = limiter;
        this.mail = mail;
        this.newsletter = newsletter;
        this.passwords = passwords;
        this.events = events;
        this.authenticator = authenticator;
    }

    /**
     * Every address costs the same work, so that neither the answer nor its time tells whether
     * it has an account: look it up, try to create it (refused without effect for an existing
     * account), store a code, queue one message. An existing account's code is one nobody
     * receives: its owner is mailed "you already have an account" instead. Each sign-up is
     * charged to the client's budget first ({@link SignUpBudget}): every one mails something.
     */
    public CodeSent signUp(String rawEmail, String password, Language language, boolean wantsNewsletter, String client) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        passwords.check(password);
        budget.charge(client);
        limiter.acquireFirstSend(Purpose.SIGN_UP, email);

        Optional<Account> existing = identities.find(email);
        boolean confirmed = existing.isPresent() && existing.get().confirmed();
        if (existing.isPresent() && !confirmed) {
            // Still unconfirmed: whoever proves the mailbox now sets the password.
            identities.delete(email);
        }
        Optional<String> created = identities.create(email, password, language);
        if (confirmed) {
            codes.issue(Purpose.SIGN_UP, email, Map.of()); // bound to no identity: it can confirm nothing
            mail.accountExists(email, language);
            events.record("sign_up", "account_exists", email);
            return codeSent();
        }
        if (created.isEmpty()) {
            // Created by a parallel sign-up a moment ago: that one stores and mails the code of its
            // identity. A code of this one would replace it and could only be refused.
            mail.nothing(email);
            events.record("sign_up", "concurrent", email);
            return codeSent();
        }
        // The code confirms only the identity created here (its sub) and only with the password
        // chosen with it: a later sign-up of the same address gets its own identity and code.
        String code = codes.issue(Purpose.SIGN_UP, email, Map.of(NEWSLETTER, Boolean.toString(wantsNewsletter),
                LANGUAGE, language.tag(), IDENTITY, created.get(),
                VerificationCodes.PASSWORD_HASH, codes.passwordBinding(Purpose.SIGN_UP, email, password)));
        mail.verificationCode(email, language, code);
        events.record("sign_up", "code_sent", email);
        return codeSent();
    }

    /**
     * Confirms the address when the code AND the password are those of the pending sign-up, then
     * logs the account in, so the website can skip a login (without tokens if that part fails).
     * Every step is idempotent and the code is used up LAST: if any step fails (503), the code
     * still works and the same request again finishes the job. Guessing gains nothing from this:
     * each attempt is counted before the comparison, and only the right code AND password get
     * past {@link VerificationCodes#check}; two parallel requests that both have them both confirm
     * the same account (one uses the code up). Only the identity the code was made for is
     * confirmed ({@link IdentityConfirmation}): not one a later sign-up put in its place.
     */
    public Verified verify(String rawEmail, String code, String password, String client) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        PendingCode pending = codes.check(Purpose.SIGN_UP, email, code, password, client);
        if (!confirmation.confirm(email, pending.attributes().get(IDENTITY))) {
            // The identity was deleted or replaced after the code was sent: the code unlocks nothing.
            throw codes.invalid(pending);
        }
        if (Boolean.parseBoolean(pending.attributes().get(NEWSLETTER))) {
            newsletter.subscribe(email, pending.attributes().get(IDENTITY), Language.orDefault(pending.attributes().get(LANGUAGE)),
                    MailingListMembership.SIGN_UP); // the identity just confirmed is the subscriber
        }
        try {
            codes.consume(pending); // false: a parallel request with the same code used it; confirmed all the same
        } catch (DomainException unavailable) {
            // The account is confirmed: the code, left until it expires, can only confirm it again.
        }
        events.record("verify_email", "success", email);
        return Verified.of(sessionOrNone(email, password));
    }

    /** The login that spares the website one; a failure only costs the tokens (the account is confirmed). */
    private SessionTokens sessionOrNone(EmailAddress email, String password) {
        try {
            Authenticator.Outcome session = authenticator.logIn(email, password);
            return session.tokens() == null ? null : session.tokens().withAddressedRefresh(email);
        } catch (DomainException unavailable) {
            return null;
        }
    }

    /**
     * The same work for every address (see {@link #signUp}); only a pending account's owner gets
     * the code, and only when the pending code is that identity's (the new code keeps its binding).
     */
    public CodeSent resend(String rawEmail) {
        EmailAddress email = EmailAddress.parse(rawEmail);
        limiter.acquireResend(Purpose.SIGN_UP, email);
        Optional<Account> account = identities.find(email);
        Map<String, String> attributes = codes.pendingAttributes(Purpose.SIGN_UP, email);
        boolean pending = account.isPresent() && !account.get().confirmed()
                && account.get().sub() != null && account.get().sub().equals(attributes.get(IDENTITY));
        // Elsewhere the pending attributes bind no identity (or another one): the code can confirm nothing.
        String code = codes.issue(Purpose.SIGN_UP, email, attributes);
        if (pending) {
            mail.verificationCode(email, account.get().language(), code);
            events.record("resend_code", "code_sent", email);
        } else {
            mail.nothing(email);
            events.record("resend_code", "no_pending_account", email);
        }
        return codeSent();
    }

    private CodeSent codeSent() {
        return new CodeSent("verification_sent", codes.validitySeconds());
    }
}
