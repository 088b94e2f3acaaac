package org.multimedia.core;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A function's CRaC resource, the hook Lambda SnapStart runs around its snapshot.
 * <p>
 * {@link #beforeCheckpoint}: every {@link Primed} bean the function's context has created
 * (its clients' adapters: one harmless read each; its secrets; its mail templates), then the
 * function's own request path with a harmless event (binding a body, serialising a response),
 * so that the snapshot holds loaded classes and warm code, not a half-started function. A
 * failure is logged by class and ignored: priming only saves time.
 * <p>
 * {@link #afterRestore}: reseeds the function's {@link SecureRandom} (codes, tokens, unsubscribe
 * ids) from the restored copy's own entropy, so that two copies restored from one snapshot never
 * share a random sequence. What the snapshot holds and why the rest needs no refresh:
 * docs/PERFORMANCE.md.
 * <p>
 * Only the Lambda runtime's constructor of a handler registers one with CRaC (the local system and
 * tests run many handlers in one JVM and never checkpoint); every handler has one ({@link FunctionHandler}).
 */
public final class Priming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    /** org.crac keeps weak references to resources: these keep them alive. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    static final int ROUNDS = 3;

    private final ApplicationContext context;
    private final Runnable requestPath;

    Priming(ApplicationContext context, Runnable requestPath) {
        this.context = context;
        this.requestPath = requestPath;
    }

    /** The priming of a function (its context and a harmless run of its request path), not registered. */
    public static Priming of(ApplicationContext context, Runnable requestPath) {
        return new Priming(context, requestPath);
    }

    /** As {@link #of}, registered with CRaC: what a handler built by the Lambda runtime does. */
    public static Priming register(ApplicationContext context, Runnable requestPath) {
        Priming priming = of(context, requestPath);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** What this JVM registered: the benchmarks' SnapStart proxy runs these as SnapStart would. */
    public static List<Priming> registered() {
        return List.copyOf(REGISTERED);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> crac) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> crac) {
        refresh();
    }

    /**
     * Primes the beans the context created, then the request path, {@value #ROUNDS} times (the
     * JIT compiles what runs often: code run once would still be interpreted in the first
     * request); returns what it primed (class names) and what failed, from the first round.
     */
    public List<String> prime() {
        List<String> primed = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (BeanRegistration<Primed> registration : context.getActiveBeanRegistrations(Primed.class)) {
                String name = registration.bean().getClass().getSimpleName();
                String outcome = run(name, registration.bean()::prime);
                if (round == 0) {
                    primed.add(outcome);
                }
            }
            String outcome = run("request path", requestPath);
            if (round == 0) {
                primed.add(outcome);
            }
        }
        return primed;
    }

    /** Gives every restored copy its own random sequence. */
    public void refresh() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed); // a new instance reads the restored copy's /dev/urandom
        for (BeanRegistration<SecureRandom> registration : context.getActiveBeanRegistrations(SecureRandom.class)) {
            registration.bean().setSeed(seed); // adds to the state, never replaces it
        }
    }

    private static String run(String name, Runnable step) {
        try {
            step.run();
            return name;
        } catch (RuntimeException e) {
            // Never the message: an AWS error message may echo a request.
            LOG.warn("Priming {} failed ({}); the first request will do that work", name, e.getClass().getSimpleName());
            return name + " (failed: " + e.getClass().getSimpleName() + ")";
        }
    }
}
