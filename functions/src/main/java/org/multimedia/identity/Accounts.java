package org.multimedia.identity;

import java.util.Optional;

/**
 * Looking up an account by its address (the user pool in production). What every feature may ask
 * about a person; creating, confirming and deleting accounts belong to the account feature
 * ({@code account/IdentityStore}).
 */
public interface Accounts {

    Optional<Account> find(EmailAddress email);
}
