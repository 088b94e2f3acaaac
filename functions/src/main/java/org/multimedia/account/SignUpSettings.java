package org.multimedia.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Sign-up limits ({@code SIGNUP_*} environment variables): how many sign-ups one client may make
 * in an hour (template parameter SignUpsPerClientPerHour; the local system raises it), and how
 * long an identity may stay unconfirmed before the clean-up deletes it, at most so many deletions
 * a second (Cognito's AdminDeleteUser shares its request quota with every other user write).
 */
@ConfigurationProperties("signup")
public record SignUpSettings(
        @Bindable(defaultValue = "20") int maxPerClientPerHour,
        @Bindable(defaultValue = "7d") Duration unconfirmedMaxAge,
        @Bindable(defaultValue = "5") int deletionsPerSecond) {

    public static SignUpSettings defaults() {
        return new SignUpSettings(20, Duration.ofDays(7), 5);
    }
}
