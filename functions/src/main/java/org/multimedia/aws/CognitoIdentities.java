package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.account.IdentityStore;
import org.multimedia.account.PasswordPolicy;
import org.multimedia.core.Primed;
import org.multimedia.identity.Account;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The user pool. Usernames are normalised addresses; the client's secret stays in {@link ClientSecret}. */
@Singleton
public class CognitoIdentities implements IdentityStore, Primed {

    private final CognitoIdentityProviderClient cognito;
    private final CognitoSettings settings;
    private final ClientSecret secret;

    public CognitoIdentities(CognitoIdentityProviderClient cognito, CognitoSettings settings, ClientSecret secret) {
        this.cognito = cognito;
        this.settings = settings;
        this.secret = secret;
    }

    @Override
    public Optional<Account> find(EmailAddress email) {
        return AwsCalls.guard("AdminGetUser", () -> {
            try {
                AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(settings.userPoolId()).username(email.value()));
                return Optional.of(account(email, user.userStatus(), user.userAttributes(), user.userCreateDate()));
            } catch (UserNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    static Account account(EmailAddress email, UserStatusType status, List<AttributeType> attributes, Instant createdAt) {
        return new Account(email, status != UserStatusType.UNCONFIRMED, Language.orDefault(value(attributes, "locale")),
                createdAt, value(attributes, "sub"));
    }

    private static String value(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }

    /** The new identity's sub is SignUp's {@code UserSub}. */
    @Override
    public Optional<String> create(EmailAddress email, String password, Language language) {
        return AwsCalls.guard("SignUp", () -> {
            try {
                SignUpResponse created = cognito.signUp(r -> r.clientId(settings.clientId())
                        .secretHash(secret.hashFor(email.value()))
                        .username(email.value())
                        .password(password)
                        .userAttributes(attribute("email", email.value()), attribute("locale", language.tag())));
                return Optional.of(created.userSub());
            } catch (UsernameExistsException e) {
                return Optional.empty();
            } catch (InvalidPasswordException e) {
                // Our policy mirrors the pool's, so this means the two drifted apart.
                throw PasswordPolicy.weak(List.of());
            } catch (NotAuthorizedException e) {
                if (ClientSecret.refusedHash(e)) {
                    throw secret.changed();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean confirm(EmailAddress email) {
        return AwsCalls.guard("AdminConfirmSignUp", () -> {
            try {
                cognito.adminConfirmSignUp(r -> r.userPoolId(settings.userPoolId()).username(email.value()));
            } catch (NotAuthorizedException alreadyConfirmed) {
                // Confirming twice (a retry) is fine.
            } catch (UserNotFoundException e) {
                return false;
            }
            cognito.adminUpdateUserAttributes(r -> r.userPoolId(settings.userPoolId()).username(email.value())
                    .userAttributes(attribute("email_verified", "true")));
            return true;
        });
    }

    /**
     * AdminUpdateUserAttributes: {@code locale} needs no verification (only email and phone do),
     * so the new value holds at once; the account emails read it when they are written.
     */
    @Override
    public boolean changeLanguage(EmailAddress email, Language language) {
        return AwsCalls.guard("AdminUpdateUserAttributes", () -> {
            try {
                cognito.adminUpdateUserAttributes(r -> r.userPoolId(settings.userPoolId()).username(email.value())
                        .userAttributes(attribute("locale", language.tag())));
                return true;
            } catch (UserNotFoundException e) {
                return false;
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

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    /** Before a snapshot: the look-up of a username that cannot exist (not an address): nobody found. */
    @Override
    public void prime() {
        find(new EmailAddress(Items.PRIMING_KEY));
    }
}
