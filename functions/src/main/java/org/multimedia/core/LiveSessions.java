package org.multimedia.core;

import java.util.Optional;

/**
 * Whether a signed-in caller's session is still live (Cognito in production). The JWT the API
 * checked proves only that Cognito issued the token within its lifetime; a token signed out
 * (logout, password reset) or of a deleted account still passes that check. Features that act on
 * the account or hand out something of value ask here first.
 */
public interface LiveSessions {

    /** The account behind a live access token, as the user pool holds it now. */
    record LiveUser(String sub, String username, boolean verified) {
    }

    /** The account the access token is live for, or empty when the pool no longer accepts it. */
    Optional<LiveUser> byAccessToken(String accessToken);

    /**
     * The account behind a live access token whose {@code sub} is the one the token was issued
     * to ({@code claimedSub}, from the checked claims); {@code 401 unauthorized} otherwise. The
     * comparison matters because a deleted account's username (its address) may be taken again.
     */
    default LiveUser require(String accessToken, String claimedSub) {
        return byAccessToken(accessToken)
                .filter(user -> user.sub() != null && user.sub().equals(claimedSub))
                .orElseThrow(DomainException::unauthorized);
    }
}
