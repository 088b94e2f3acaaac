package org.multimedia.core;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautLambdaContext;

/**
 * How every function's context is built, on Lambda and locally alike, whatever its trigger
 * (HTTP, queue): Micronaut's Lambda environments, without the eager initialisation of every
 * singleton and configuration that {@code LambdaApplicationContextBuilder} adds. One jar holds
 * every function's beans; each function initialises only what it uses and needs only its own
 * configuration.
 */
public final class FunctionContexts {

    private FunctionContexts() {
    }

    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder().environments(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA);
    }
}
