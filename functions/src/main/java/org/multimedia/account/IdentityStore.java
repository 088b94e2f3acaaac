package org.multimedia.account;

import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.Accounts;

/**
 * The user pool (Cognito in production); usernames are normalised email addresses. The look-up
 * ({@link Accounts#find}) is shared with the other features; the writes are the account feature's.
 */
public interface IdentityStore extends Accounts {

    /**
     * Creates an unconfirmed identity.
     *
     * @return false if one already exists for the address
     */
    boolean create(EmailAddress email, String password, Language language);

    /** Marks the address confirmed and verified; false if the identity no longer exists. */
    boolean confirm(EmailAddress email);

    void delete(EmailAddress email);
}
