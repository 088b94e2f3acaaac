package org.multimedia.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** Password length limits ({@code PASSWORD_MIN_LENGTH}, {@code PASSWORD_MAX_LENGTH}); keep them in step with the user pool. */
@ConfigurationProperties("password")
public record PasswordSettings(
        @Bindable(defaultValue = "12") int minLength,
        @Bindable(defaultValue = "256") int maxLength) {

    public static PasswordSettings defaults() {
        return new PasswordSettings(12, 256);
    }
}
