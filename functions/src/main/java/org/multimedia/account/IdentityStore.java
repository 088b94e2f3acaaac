package org.multimedia.account;

import java.util.Optional;

/** The user pool (Cognito in production); usernames are normalised email addresses. */
public interface IdentityStore {

    Optional<Account> find(EmailAddress email);

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
