package org.multimedia.identity;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The user pool's view of sessions, in memory: tokens handed out, signed out, accounts deleted or replaced. */
public final class InMemoryLiveSessions implements LiveSessions {

    private final Map<String, String> usernameByToken = new ConcurrentHashMap<>();
    private final Map<String, LiveUser> accountByUsername = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    /** An account of the pool (a new one replaces a deleted one of the same username, with its own {@code sub}). */
    public LiveUser account(String sub, String username, boolean verified) {
        LiveUser user = new LiveUser(sub, username, verified);
        accountByUsername.put(username, user);
        return user;
    }

    /** A session of the account: its access token. */
    public String signIn(LiveUser user) {
        String token = "token-" + user.username() + "-" + usernameByToken.size();
        usernameByToken.put(token, user.username());
        return token;
    }

    /** Every session of the account ends (logout, password reset). */
    public void signOutEverywhere(LiveUser user) {
        usernameByToken.values().removeIf(user.username()::equals);
    }

    public void delete(LiveUser user) {
        accountByUsername.remove(user.username());
    }

    /** How many times the pool was asked. */
    public int lookups() {
        return lookups.get();
    }

    /** As Cognito's GetUser: the account the token's username holds now, if the session is live. */
    @Override
    public Optional<LiveUser> byAccessToken(String accessToken) {
        lookups.incrementAndGet();
        return Optional.ofNullable(usernameByToken.get(accessToken)).map(accountByUsername::get);
    }
}
