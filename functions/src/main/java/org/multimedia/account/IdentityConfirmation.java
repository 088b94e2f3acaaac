package org.multimedia.account;

import jakarta.inject.Singleton;
import org.multimedia.identity.Account;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;

import java.util.Optional;

/**
 * Confirms the one identity a proof was made for. A code (sign-up) or a reset proves the mailbox
 * for the identity that existed then, named by its sub; meanwhile another sign-up of the address
 * may have deleted that still unconfirmed identity and created its own with its own password.
 * Cognito confirms by username only, so the sub is checked before confirming, and again after:
 * if the identity was replaced in between, what got confirmed is an identity whose password
 * nobody proved with this mailbox, and it is deleted again (a retried sign-up is all the owner
 * needs).
 */
@Singleton
public class IdentityConfirmation {

    private final IdentityStore identities;
    private final AuthEvents events;

    public IdentityConfirmation(IdentityStore identities, AuthEvents events) {
        this.identities = identities;
        this.events = events;
    }

    /**
     * Confirms the address's identity if it is still the one with this sub (idempotent: an
     * identity confirmed already is confirmed again, which changes nothing).
     *
     * @return false, nothing confirmed, when the identity is gone or is another one
     */
    public boolean confirm(EmailAddress email, String sub) {
        if (sub == null) {
            return false;
        }
        Optional<Account> before = identities.find(email);
        if (before.isEmpty() || !sub.equals(before.get().sub())) {
            events.record("confirm_identity", "identity_replaced", email);
            return false;
        }
        // Even when confirmed already: confirming is idempotent, and a retry after a failure between
        // the confirmation and the email_verified attribute finishes the job.
        if (!identities.confirm(email)) {
            return false; // deleted in between: nothing was confirmed
        }
        Optional<Account> after = identities.find(email);
        if (after.isPresent() && sub.equals(after.get().sub())) {
            return true;
        }
        // Replaced between the look-up and the confirmation: the confirmation may have hit the new
        // identity, whose password is the other sign-up's. A confirmed identity of another sub is
        // undone; an unconfirmed one is left to its own code.
        if (after.isPresent() && after.get().confirmed()) {
            identities.delete(email);
            events.record("confirm_identity", "replaced_identity_deleted", email);
        } else {
            events.record("confirm_identity", "identity_replaced", email);
        }
        return false;
    }
}
