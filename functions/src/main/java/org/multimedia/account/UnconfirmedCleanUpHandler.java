package org.multimedia.account;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionHandler;

/**
 * UnconfirmedCleanUpFunction: on a schedule, deletes the sign-ups nobody confirmed within 7 days
 * and their codes ({@link UnconfirmedSignUps}). Returns the run's summary; a failure throws, so
 * that the function's errors alarm fires.
 */
public class UnconfirmedCleanUpHandler extends FunctionHandler<CleanUpRequest, String> {

    @Inject
    UnconfirmedSignUps signUps;

    public UnconfirmedCleanUpHandler() {
    }

    public UnconfirmedCleanUpHandler(ApplicationContext context) {
        super(context);
    }

    /** Before a snapshot: nothing (a run would list and delete users). */
    @Override
    protected void primeRequestPath() {
    }

    @Override
    protected boolean isKeepAlive(CleanUpRequest event) {
        return Boolean.TRUE.equals(event.getKeepAlive());
    }

    @Override
    protected String keepAliveAnswer() {
        return "kept alive";
    }

    @Override
    protected String invoke(CleanUpRequest event) {
        return withinDeadline(() -> signUps.deleteExpired().summary());
    }
}
