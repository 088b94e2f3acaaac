package org.multimedia.account;

import org.multimedia.identity.Account;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.Accounts;

import java.util.Optional;

/**
 * The user pool (Cognito in production); usernames are normalised email addresses. The look-up
 * ({@link Accounts#find}) is shared with the other features; the writes are the account feature's.
 * An identity's {@link Account#sub() sub} tells it apart from an earlier or later identity of the
 * same address: the writes name the address only (Cognito has no conditional write), so the
 * services check the sub before and after them ({@link IdentityConfirmation}).
 */
public interface IdentityStore extends Accounts {

    /**
     * Creates an unconfirmed identity.
     *
     * @return the new identity's sub, or empty if one already exists for the address
     */
    Optional<String> create(EmailAddress email, String password, Language language);

    /** Marks the address confirmed and verified; false if the identity no longer exists. */
    boolean confirm(EmailAddress email);

    /** Sets the identity's language (Cognito's {@code locale}); false if the identity no longer exists. */
    boolean changeLanguage(EmailAddress email, Language language);

    void delete(EmailAddress email);
}
