package org.multimedia.core;

/**
 * The keep-alive event. Lambda marks a SnapStart version {@code Inactive} when nobody has invoked
 * it for 14 days, and its next invocation fails ({@code SnapStartNotReadyException}) until the
 * snapshot is restored: a rarely used route would show that error to a user. So the maintenance
 * function ({@code operations/VersionUpkeep}) sends this event every day, asynchronously, to each
 * function's {@code live} alias and to the version kept for a rollback; every handler base
 * ({@link FunctionHandler#execute}) answers it at once: no AWS call, no error, no log line.
 * <p>
 * One JSON text for every function, whatever its trigger: the Lambda runtime binds it to the
 * handler's event type, where only that type's properties survive. An HTTP function sees the
 * route key {@value #ROUTE_KEY} (API Gateway's are {@code "METHOD /path"} or {@code $default});
 * a queue or SNS function an event without {@code Records} (SQS and SNS always send some);
 * the maintenance function itself, whose event type is ours, the {@code keepAlive} flag.
 */
public final class KeepAlive {

    public static final String ROUTE_KEY = "KEEPALIVE";

    public static final String EVENT = "{\"keepAlive\":true,\"routeKey\":\"" + ROUTE_KEY + "\"}";

    private KeepAlive() {
    }
}
