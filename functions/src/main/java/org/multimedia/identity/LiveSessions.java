package org.multimedia.identity;

import java.util.Optional;

/**
 * Whether a signed-in caller's session is still live (Cognito in production). The JWT the API
 * checked proves only that Cognito issued the token within its lifetime; a token signed out
 * (logout, password reset) or of a deleted account still passes that check. Only the HTTP edge
 * asks here ({@code http/Callers}), once per request, for every route that is not public.
 */
public interface LiveSessions {

    /** The account the access token is live for, as the user pool holds it now, or empty when the pool no longer accepts it. */
    Optional<LiveUser> byAccessToken(String accessToken);
}
