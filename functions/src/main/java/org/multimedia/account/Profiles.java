package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.account.codes.Purpose;
import org.multimedia.account.codes.VerificationCodes;
import org.multimedia.core.DomainException;
import org.multimedia.identity.Account;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.LiveUser;
import org.multimedia.identity.MailingListMembership;

/**
 * The signed-in person's own account: read it, or delete it with everything kept about it. Both
 * act for the live caller the HTTP edge resolved, on the account its session belongs to.
 */
@Singleton
public class Profiles {

    private final IdentityStore identities;
    private final MailingListMembership newsletter;
    private final VerificationCodes codes;
    private final AuthEvents events;
    private final Sessions sessions;

    public Profiles(IdentityStore identities, MailingListMembership newsletter, VerificationCodes codes,
                    AuthEvents events, Sessions sessions) {
        this.identities = identities;
        this.newsletter = newsletter;
        this.codes = codes;
        this.events = events;
        this.sessions = sessions;
    }

    /** {@code newsletter}: the identity's own subscription, never one an earlier identity at the address left. */
    public Profile get(LiveUser owner) {
        EmailAddress email = EmailAddress.parse(owner.username());
        Account account = identities.find(email).orElseThrow(Profiles::gone);
        return new Profile(email.value(), account.confirmed(), account.language().tag(), newsletter.isSubscribed(account),
                account.createdAt() == null ? null : account.createdAt().toString());
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
