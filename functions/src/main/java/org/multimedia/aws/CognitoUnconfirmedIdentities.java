package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.account.UnconfirmedIdentities;
import org.multimedia.core.Primed;
import org.multimedia.identity.Account;
import org.multimedia.identity.EmailAddress;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.util.List;
import java.util.Optional;

/**
 * The user pool as the clean-up of unconfirmed sign-ups sees it: ListUsers, AdminGetUser,
 * AdminDeleteUser, nothing that needs the client's secret.
 */
@Singleton
public class CognitoUnconfirmedIdentities implements UnconfirmedIdentities, Primed {

    private final CognitoIdentityProviderClient cognito;
    private final CognitoSettings settings;

    public CognitoUnconfirmedIdentities(CognitoIdentityProviderClient cognito, CognitoSettings settings) {
        this.cognito = cognito;
        this.settings = settings;
    }

    /**
     * ListUsers filtered on the status (one of the attributes its Filter may name); at most
     * {@value #LIST_USERS_LIMIT} users a page, ListUsers' maximum. Usernames are the addresses.
     * ListUsers is eventually consistent (its API reference says to check one user with
     * AdminGetUser): the clean-up looks each user up again ({@link #find}) before deleting it.
     */
    @Override
    public Page unconfirmed(String pageToken) {
        return AwsCalls.guard("ListUsers", () -> {
            ListUsersResponse page = cognito.listUsers(r -> r.userPoolId(settings.userPoolId())
                    .filter("cognito:user_status = \"UNCONFIRMED\"")
                    .limit(LIST_USERS_LIMIT)
                    .paginationToken(pageToken));
            List<Account> accounts = page.users().stream()
                    .map(u -> CognitoIdentities.account(new EmailAddress(u.username()), u.userStatus(), u.attributes(), u.userCreateDate()))
                    .filter(a -> !a.confirmed())
                    .toList();
            return new Page(accounts, page.paginationToken());
        });
    }

    /** ListUsers' largest page (its Limit is 0 to 60). */
    static final int LIST_USERS_LIMIT = 60;

    @Override
    public Optional<Account> find(EmailAddress email) {
        return AwsCalls.guard("AdminGetUser", () -> {
            try {
                AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(settings.userPoolId()).username(email.value()));
                return Optional.of(CognitoIdentities.account(email, user.userStatus(), user.userAttributes(), user.userCreateDate()));
            } catch (UserNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void delete(EmailAddress email) {
        AwsCalls.run("AdminDeleteUser", () -> {
            try {
                cognito.adminDeleteUser(r -> r.userPoolId(settings.userPoolId()).username(email.value()));
            } catch (UserNotFoundException alreadyGone) {
                // Deleting twice (a retry) is fine.
            }
        });
    }

    /** Before a snapshot: the look-up of a username that cannot exist (not an address): nobody found. */
    @Override
    public void prime() {
        find(new EmailAddress(Items.PRIMING_KEY));
    }
}
