package org.multimedia.account;

import org.multimedia.core.HmacKeys;
import org.junit.jupiter.api.Test;
import org.multimedia.core.DomainException;
import org.multimedia.identity.AuthEvents;
import org.multimedia.identity.EmailAddress;
import org.multimedia.identity.Language;
import org.multimedia.identity.LiveUser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Item 4: a burst of wrong passwords gets no more tries than the limit. The counters are the
 * atomic fake (DynamoDB's conditional writes are atomic; moto's, under parallel requests, are
 * not, so this is tested here rather than against the emulator).
 */
class SessionsTest {

    @Test
    void aBurstOfWrongPasswordsGetsNoMoreTriesThanTheLimit() throws Exception {
        int burst = 12;
        Fakes.World world = new Fakes.World();
        EmailAddress alice = EmailAddress.parse("alice@example.com");
        world.identities.create(alice, "Correct-Horse7battery", Language.EN);
        world.identities.confirm(alice);
        CountDownLatch inFlight = new CountDownLatch(burst);
        // Cognito answers slowly: every request that gets this far waits for the others.
        Authenticator slow = new Fakes.Logins(world.identities) {
            @Override
            public Outcome logIn(EmailAddress email, String password) {
                inFlight.countDown();
                try {
                    inFlight.await(300, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.logIn(email, password);
            }
        };
        Sessions sessions = new Sessions(slow,
                new LoginThrottle(world.counters, world.clock, new LoginSettings(3, 100, 50, Duration.ofMinutes(15))),
                new AuthEvents(world.clock, org.multimedia.core.HmacKeys.of("test-key")));
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                answers.add(pool.submit(() -> {
                    try {
                        sessions.logIn("alice@example.com", "Wrong-Passw0rd!!", "198.51.100.1");
                        return "ok";
                    } catch (DomainException refused) {
                        return refused.code();
                    }
                }));
            }
            int tried = 0;
            for (Future<String> answer : answers) {
                tried += answer.get().equals("invalid_credentials") ? 1 : 0;
            }
            assertEquals(3, tried, "exactly the limit reached the password check");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Issue 19, item 5: what logout ends, by what the request holds. */
    @Test
    void logoutRevokesTheRefreshTokenItIsGivenAndSignsOutEverywhereOnlyWithALiveBearer() {
        Fakes.World world = new Fakes.World();
        List<String> calls = new ArrayList<>();
        Authenticator recording = new Fakes.Logins(world.identities) {
            @Override
            public void signOutEverywhere(EmailAddress email) {
                calls.add("everywhere " + email.value());
            }

            @Override
            public void revoke(EmailAddress email, String refreshToken) {
                calls.add("revoke " + email.value() + " " + refreshToken);
            }
        };
        Sessions sessions = new Sessions(recording,
                new LoginThrottle(world.counters, world.clock, new LoginSettings(3, 100, 50, Duration.ofMinutes(15))),
                new AuthEvents(world.clock, HmacKeys.of("test-key")));
        String handedOut = new AddressedToken(EmailAddress.parse("alice@example.com"), "cognito.refresh.token").encoded();
        LiveUser alice = new LiveUser("sub-alice", "alice@example.com", true);

        sessions.logOut(Optional.empty(), handedOut);
        assertEquals(List.of("revoke alice@example.com cognito.refresh.token"), calls, "the refresh token alone: that session");

        calls.clear();
        sessions.logOut(Optional.of(alice), null);
        assertEquals(List.of("everywhere alice@example.com"), calls, "a live bearer: every session, as before");

        calls.clear();
        sessions.logOut(Optional.of(alice), handedOut);
        assertEquals(List.of("revoke alice@example.com cognito.refresh.token", "everywhere alice@example.com"), calls);

        calls.clear();
        sessions.logOut(Optional.empty(), "not-a-token-we-handed-out");
        assertEquals(List.of(), calls, "nothing to revoke, and no error: logout can be repeated");

        for (String nothing : new String[]{null, ""}) {
            DomainException refused = assertThrows(DomainException.class, () -> sessions.logOut(Optional.empty(), nothing));
            assertEquals("unauthorized", refused.code());
        }
    }
}
