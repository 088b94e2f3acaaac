package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.newsletter.MarketingTeam;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ListUsersInGroup} of the group {@code marketing} (template.yaml's MarketingGroup), page
 * by page: at most 60 users a page (Cognito's limit for {@code Limit}), a few pages at most for a
 * marketing team. Only confirmed, enabled users whose {@code email_verified} is true count.
 */
@Singleton
public class CognitoMarketingTeam implements MarketingTeam {

    static final String GROUP = "marketing";
    /** ListUsersInGroup's largest {@code Limit} (Amazon Cognito API reference: valid range 0 to 60). */
    static final int PAGE = 60;
    /** A team is a few people: past this many pages something is wrong, and the send is refused rather than stalled. */
    static final int MAX_PAGES = 20;

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;

    public CognitoMarketingTeam(CognitoIdentityProviderClient cognito, CognitoSettings settings) {
        this.cognito = cognito;
        this.userPoolId = settings.userPoolId();
    }

    @Override
    public Set<String> verifiedAddresses() {
        Set<String> addresses = new HashSet<>();
        String next = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String token = next;
            ListUsersInGroupResponse users = AwsCalls.guard("ListUsersInGroup", () -> cognito.listUsersInGroup(r -> r
                    .userPoolId(userPoolId).groupName(GROUP).limit(PAGE).nextToken(token)));
            for (UserType user : users.users()) {
                String email = attribute(user, "email");
                if (email != null && Boolean.TRUE.equals(user.enabled()) && user.userStatus() == UserStatusType.CONFIRMED
                        && "true".equals(attribute(user, "email_verified"))) {
                    addresses.add(email.strip().toLowerCase(Locale.ROOT));
                }
            }
            next = users.nextToken();
            if (next == null || next.isEmpty()) {
                return addresses;
            }
        }
        return addresses;
    }

    private static String attribute(UserType user, String name) {
        return user.attributes().stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst().orElse(null);
    }
}
