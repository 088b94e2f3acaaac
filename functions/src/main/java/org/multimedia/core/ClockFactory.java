package org.multimedia.core;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/** Time and randomness are injected so services can be tested with a fixed clock. */
@Factory
public class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
