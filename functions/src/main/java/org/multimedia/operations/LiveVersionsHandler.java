package org.multimedia.operations;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import org.multimedia.core.FunctionHandler;

import java.util.List;

/**
 * FunctionVersionsFunction: once a day (an EventBridge schedule whose input lists every function
 * of the stack), keeps of each function only the versions rollback needs and wakes the live and
 * previous versions ({@link VersionUpkeep}). Returns the run's summary; a failure throws after
 * every function was seen, so that the errors alarm fires.
 */
public class LiveVersionsHandler extends FunctionHandler<UpkeepRequest, String> {

    @Inject
    VersionUpkeep upkeep;

    public LiveVersionsHandler() {
    }

    public LiveVersionsHandler(ApplicationContext context) {
        super(context);
    }

    /** Before a snapshot: a run over no function; nothing is listed, deleted or invoked. */
    @Override
    protected void primeRequestPath() {
        handleRequest(new UpkeepRequest(List.of()), null);
    }

    @Override
    protected boolean isKeepAlive(UpkeepRequest event) {
        return Boolean.TRUE.equals(event.getKeepAlive());
    }

    @Override
    protected String keepAliveAnswer() {
        return "kept alive";
    }

    @Override
    protected String invoke(UpkeepRequest event) {
        if (event.getFunctions() == null) {
            // A schedule whose input lost its list would otherwise do nothing, silently, every day.
            throw new IllegalArgumentException("The event lists no functions");
        }
        return withinDeadline(() -> upkeep.run(event.getFunctions()).summary());
    }
}
