package org.multimedia.account;

import org.multimedia.identity.Account;
import org.multimedia.identity.EmailAddress;

import java.util.List;
import java.util.Optional;

/**
 * What the clean-up of unconfirmed sign-ups needs of the user pool ({@link UnconfirmedSignUps}):
 * list, look up, delete. A port of its own so that its function holds no more than that (no
 * client secret, no sign-up or confirmation).
 */
public interface UnconfirmedIdentities {

    /** One page of the unconfirmed identities (any order); {@code pageToken} null for the first page. */
    Page unconfirmed(String pageToken);

    Optional<Account> find(EmailAddress email);

    void delete(EmailAddress email);

    /** Some unconfirmed identities and the token of the next page (null after the last). */
    record Page(List<Account> accounts, String nextPageToken) {

        public Page {
            accounts = List.copyOf(accounts);
        }
    }
}
