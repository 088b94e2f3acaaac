package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;
import org.multimedia.core.LiveSessions;
import org.multimedia.newsletter.NewsletterSubscriptions;

/**
 * The signed-in person's own account: read it, or delete it with everything kept about it. Both
 * act only for a token Cognito still accepts, on the account it was issued to ({@link LiveSessions}).
 */
@Singleton
public class Profiles {

    private final IdentityStore identities;
    private final NewsletterSubscriptions newsletter;
    private final VerificationCodes codes;
    private final AuthEvents events;
    private final LiveSessions live;
    private final Sessions sessions;

    public Profiles(IdentityStore identities, NewsletterSubscriptions newsletter, VerificationCodes codes,
                    AuthEvents events, LiveSessions live, Sessions sessions) {
        this.identities = identities;
        this.newsletter = newsletter;
        this.codes = codes;
        this.events = events;
        this.live = live;
        this.sessions = sessions;
    }

    public Profile get(String accessToken, String claimedSub) {
        EmailAddress email = owner(accessToken, claimedSub);
        Account account = identities.find(email).orElseThrow(Profiles::gone);
        return new Profile(email.value(), account.confirmed(), account.language().tag(), newsletter.isSubscribed(email),
                account.createdAt() == null ? null : account.createdAt().toString());
    }

    /**
     * Needs the account's password (checked as a login is, {@link Sessions#confirmPassword}).
     * Removes what is kept about the address first and the identity last: if a step fails,
     * the person is still signed in and deleting again finishes the job.
     */
    public void delete(String accessToken, String claimedSub, String password, String client) {
        EmailAddress email = owner(accessToken, claimedSub);
        sessions.confirmPassword(email, password, client, "delete_account");
        newsletter.remove(email);
        for (Purpose purpose : Purpose.values()) {
            codes.discard(purpose, email); // codes and the reset token
        }
        identities.delete(email);
        events.record("delete_account", "success", email);
    }

    private EmailAddress owner(String accessToken, String claimedSub) {
        return EmailAddress.parse(live.require(accessToken, claimedSub).username());
    }

    private static DomainException gone() {
        return new DomainException(DomainException.Kind.UNAUTHORIZED, "unauthorized", "Sign in to continue.");
    }
}
