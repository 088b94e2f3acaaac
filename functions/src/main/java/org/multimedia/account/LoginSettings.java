package org.multimedia.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Failed-login limits ({@code LOGIN_*}): per address and per client address, over a window. The
 * window is short so that an attacker cannot lock the real owner out for long.
 */
@ConfigurationProperties("login")
public record LoginSettings(
        @Bindable(defaultValue = "10") int maxFailuresPerAddress,
        @Bindable(defaultValue = "50") int maxFailuresPerClient,
        @Bindable(defaultValue = "15m") Duration window) {

    public static LoginSettings defaults() {
        return new LoginSettings(10, 50, Duration.ofMinutes(15));
    }
}
