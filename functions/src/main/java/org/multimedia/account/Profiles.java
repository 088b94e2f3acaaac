package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.identity.TermsOfUse;
import org.multimedia.identity.TermsSettings;
import java.util.Map;
import org.multimedia.account.codes.Purpose;
import org.multimedia.account.codes.VerificationCodes;
import org.multimedia.core.DomainException;
import org.multimedia.identity.Account;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.LiveUser;
import org.multimedia.identity.MailingListMembership;
import org.multimedia.identity.MailingListMembership.Subscription;

import java.util.Optional;

/**
 * The signed-in person's own account: read it, change its language, or delete it with everything
 * kept about it. Each acts for the live caller the HTTP edge resolved, on the account its session
 * belongs to.
 */
@Singleton
public class Profiles {

    private final IdentityStore identities;
    private final MailingListMembership newsletter;
    private final VerificationCodes codes;
    private final AuthEvents events;
    private final Sessions sessions;
    private final TermsOfUse terms;

    public Profiles(IdentityStore identities, MailingListMembership newsletter, VerificationCodes codes,
                    AuthEvents events, Sessions sessions, TermsOfUse terms) {
        this.identities = identities;
        this.newsletter = newsletter;
        this.codes = codes;
        this.events = events;
        this.sessions = sessions;
        this.terms = terms;
    }

    /** How many times a language change reads the mailing-list row again when it changed under it. */
    static final int ROW_ATTEMPTS = 3;

    /** {@code newsletter}: the identity's own subscription, never one an earlier identity at the address left. */
    public Profile get(LiveUser owner) {
        EmailAddress email = EmailAddress.parse(owner.username());
        Account account = identities.find(email).orElseThrow(Profiles::gone);
        return profile(account, newsletter.isSubscribed(account), acceptance(owner));
    }

    /**
     * {@code PATCH /account/me {language}}: the identity's language (what the account emails are
     * written in, read when each is written) and then its own mailing-list row (the newsletter
     * version and list it gets; a row an earlier identity at the address left is not touched).
     * The identity first: a failure after it leaves the row behind, and the same request again
     * (idempotent) finishes the job. An unchanged language writes nothing to the user pool.
     *
     * @return the profile as {@link #get} shows it, with the new language
     */
    public Profile changeLanguage(LiveUser owner, Language language) {
        EmailAddress email = EmailAddress.parse(owner.username());
        Account account = identities.find(email)
                .filter(found -> found.sub() == null || owner.sub() == null || found.sub().equals(owner.sub()))
                .orElseThrow(Profiles::gone); // deleted, or another identity at the address since the session was checked
        if (account.language() != language && !identities.changeLanguage(email, language)) {
            throw gone();
        }
        Account changed = new Account(email, account.confirmed(), language, account.createdAt(), account.sub());
        return profile(changed, subscriptionFollows(changed), acceptance(owner));
    }

    /**
     * The identity's own row takes its language; true when that row is subscribed. A row that
     * changed between the read and the conditional write (a subscribe or unsubscribe meanwhile)
     * is read again: the write never undoes the other change.
     */
    private boolean subscriptionFollows(Account identity) {
        for (int attempt = 0; attempt < ROW_ATTEMPTS; attempt++) {
            Optional<Subscription> row = newsletter.subscription(identity.email());
            if (row.isEmpty() || row.get().notHeldBy(Optional.of(identity)).isPresent()) {
                return false;
            }
            if (newsletter.followLanguage(identity.email(), row.get(), identity.language())) {
                return row.get().subscribed();
            }
        }
        throw DomainException.unavailable();
    }

    private static Profile profile(Account account, boolean subscribed, TermsOfUse.Acceptance accepted) {
        return new Profile(account.email().value(), account.confirmed(), account.language().tag(), subscribed,
                account.createdAt() == null ? null : account.createdAt().toString(), accepted);
    }

    /** The identity's own acceptance (kept by {@code sub}: one an earlier identity at the address gave is not its). */
    private TermsOfUse.Acceptance acceptance(LiveUser owner) {
        return owner.sub() == null ? null : terms.accepted(owner.sub()).orElse(null);
    }

    /**
     * {@code PUT /account/terms {version}}: the caller accepts the conditions of use in force;
     * {@code 409 terms_outdated} with the current version when they name another (they read an
     * older text).
     */
    public TermsOfUse.Acceptance acceptTerms(LiveUser owner, String version) {
        if (owner.sub() == null) {
            throw gone();
        }
        if (!TermsSettings.VERSION.matcher(version).matches()) {
            throw DomainException.invalidRequest("'version' is not a version of the conditions of use.");
        }
        return terms.accept(owner.sub(), version).orElseThrow(() -> new DomainException(
                DomainException.Kind.CONFLICT, "terms_outdated",
                "The conditions of use have changed: read the current version and accept it.",
                Map.of("version", terms.version()), null));
    }

    /**
     * Needs the account's password (checked as a login is, {@link Sessions#confirmPassword}).
     * Removes what is kept about the address first and the identity last: if a step fails,
     * the person is still signed in and deleting again finishes the job.
     */
    public void delete(LiveUser owner, String password, String client) {
        EmailAddress email = EmailAddress.parse(owner.username());
        sessions.confirmPassword(email, password, client, "delete_account");
        newsletter.remove(email);
        for (Purpose purpose : Purpose.values()) {
            codes.discard(purpose, email); // codes and the reset token
        }
        identities.delete(email);
        events.record("delete_account", "success", email);
    }

    private static DomainException gone() {
        return new DomainException(DomainException.Kind.UNAUTHORIZED, "unauthorized", "Sign in to continue.");
    }
}
