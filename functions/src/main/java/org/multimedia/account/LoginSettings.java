package org.multimedia.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Failed-login limits ({@code LOGIN_*}) over a window: per address from one client, per address
 * from all clients together, and per client. The window is short so that even an attacker with
 * many machines cannot lock the real owner out for long.
 */
@ConfigurationProperties("login")
public record LoginSettings(
        @Bindable(defaultValue = "10") int maxFailuresPerAddress,
        @Bindable(defaultValue = "100") int maxFailuresPerAddressAllClients,
        @Bindable(defaultValue = "50") int maxFailuresPerClient,
        @Bindable(defaultValue = "15m") Duration window) {

    public static LoginSettings defaults() {
        return new LoginSettings(10, 100, 50, Duration.ofMinutes(15));
    }
}
