package org.multimedia.account.codes;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Verification code rules ({@code CODES_*} environment variables). The key that codes are
 * hashed with is a Secrets Manager secret of its own ({@code KEYS_VERIFICATION_CODES_SECRET_ID},
 * core/KeySettings).
 */
@ConfigurationProperties("codes")
public record CodeSettings(
        @Bindable(defaultValue = "30m") Duration validity,
        @Bindable(defaultValue = "5") int maxAttempts,
        @Bindable(defaultValue = "60s") Duration resendCooldown,
        @Bindable(defaultValue = "5") int maxSendsPerHour,
        @Bindable(defaultValue = "10m") Duration resetTokenValidity,
        @Bindable(defaultValue = "50") int maxWrongPerClient,
        @Bindable(defaultValue = "15m") Duration clientWindow) {

    public static CodeSettings defaults() {
        return new CodeSettings(Duration.ofMinutes(30), 5, Duration.ofSeconds(60), 5, Duration.ofMinutes(10),
                50, Duration.ofMinutes(15));
    }
}
