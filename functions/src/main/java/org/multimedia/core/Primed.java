package org.multimedia.core;

/**
 * A bean that can do, before a SnapStart snapshot, the slow once-per-container work its first
 * real use would otherwise do: load classes and connections through one harmless read, read a
 * function-wide secret, compile templates. It must never write, and never hold per-user state
 * afterwards. {@link Priming} calls it only if the function's context already created it, so
 * a function primes exactly the beans it uses.
 */
public interface Primed {

    void prime();
}
