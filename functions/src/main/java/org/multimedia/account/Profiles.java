package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.core.DomainException;

/** The signed-in person's own account: read it, or delete it with everything kept about it. */
@Singleton
public class Profiles {

    private final IdentityStore identities;
    private final NewsletterSubscriptions newsletter;
    private final VerificationCodes codes;
    private final AuthEvents events;

    public Profiles(IdentityStore identities, NewsletterSubscriptions newsletter, VerificationCodes codes,
                    AuthEvents events) {
        this.identities = identities;
        this.newsletter = newsletter;
        this.codes = codes;
        this.events = events;
    }

    public Profile get(EmailAddress email) {
        Account account = identities.find(email).orElseThrow(Profiles::gone);
        return new Profile(email.value(), account.confirmed(), account.language().tag(), newsletter.isSubscribed(email),
                account.createdAt() == null ? null : account.createdAt().toString());
    }

    /**
     * Removes what is kept about the address first and the identity last: if a step fails,
     * the person is still signed in and deleting again finishes the job.
     */
    public void delete(EmailAddress email) {
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
