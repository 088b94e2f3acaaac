package org.multimedia.account;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every interleaving of two requests, step by step: a step is one port call of the fakes (each
 * passes {@link Fakes.Pauses#at} first). Each request runs in its own thread but only one moves at
 * a time, from one port call to the next, in an order chosen here; the schedules are explored
 * depth-first by replay (a fresh world per schedule), so each distinct order of the two requests'
 * steps runs exactly once.
 */
final class Interleaving {

    /** The two requests of one schedule, built on a fresh world. */
    interface Scenario {
        Callable<Object> first();

        Callable<Object> second();

        /** Checked after both requests ended (what they answered, and the world they left). */
        void check(Outcome outcome);
    }

    /** What each request answered (its result or the exception it threw) and the order its steps ran in. */
    record Outcome(Object first, Object second, List<String> trace) {
        Throwable firstFailure() {
            return first instanceof Throwable t ? t : null;
        }

        Throwable secondFailure() {
            return second instanceof Throwable t ? t : null;
        }
    }

    private static final long STEP_TIMEOUT_MILLIS = 5_000;

    private Interleaving() {
    }

    /**
     * Builds a fresh world and scenario for each schedule ({@code setUp} returns the world's pauses
     * and the scenario), runs it in every interleaving and checks each; returns how many ran.
     */
    static int everySchedule(Supplier<Run> setUp) {
        Deque<List<Integer>> todo = new ArrayDeque<>();
        todo.push(List.of());
        int schedules = 0;
        while (!todo.isEmpty()) {
            List<Integer> prefix = todo.pop();
            Run run = setUp.get();
            Replay replay = new Replay(run, prefix);
            Outcome outcome = replay.run();
            schedules++;
            for (int i = prefix.size(); i < replay.choices.size(); i++) {
                if (replay.bothReady.get(i)) {
                    List<Integer> other = new ArrayList<>(replay.choices.subList(0, i));
                    other.add(1 - replay.choices.get(i));
                    todo.push(other);
                }
            }
            try {
                run.scenario().check(outcome);
            } catch (AssertionError failed) {
                throw new AssertionError(failed.getMessage() + "\n  in the schedule " + outcome.trace(), failed);
            }
        }
        return schedules;
    }

    /**
     * A world's pauses and the scenario built on that world; {@code interleaved} picks the steps
     * worth interleaving (a step that touches nothing the other request touches commutes with all
     * of its steps: running it wherever it falls changes nothing but the number of schedules).
     */
    record Run(Fakes.Pauses pauses, Scenario scenario, Predicate<String> interleaved) {
        Run(Fakes.Pauses pauses, Scenario scenario) {
            this(pauses, scenario, step -> true);
        }
    }

    /** One schedule: the given choices first, then always the first request that can move. */
    private static final class Replay {
        private final Run run;
        private final List<Integer> prefix;
        final List<Integer> choices = new ArrayList<>();
        final List<Boolean> bothReady = new ArrayList<>();
        private final List<String> trace = new ArrayList<>();
        private final Object lock = new Object();
        private final Actor[] actors = new Actor[2];
        private final ThreadLocal<Actor> current = new ThreadLocal<>();

        Replay(Run run, List<Integer> prefix) {
            this.run = run;
            this.prefix = prefix;
        }

        Outcome run() {
            run.pauses().hook = this::pause;
            try {
                actors[0] = new Actor(0, run.scenario().first());
                actors[1] = new Actor(1, run.scenario().second());
                for (Actor actor : actors) {
                    actor.thread.start();
                }
                synchronized (lock) {
                    for (Actor actor : actors) {
                        awaitStill(actor);
                    }
                    while (!(actors[0].done && actors[1].done)) {
                        boolean ready0 = !actors[0].done;
                        boolean ready1 = !actors[1].done;
                        int step = choices.size();
                        int choice;
                        if (ready0 && ready1) {
                            choice = step < prefix.size() ? prefix.get(step) : 0;
                        } else {
                            choice = ready0 ? 0 : 1;
                        }
                        choices.add(choice);
                        bothReady.add(ready0 && ready1);
                        Actor actor = actors[choice];
                        trace.add((choice == 0 ? "1:" : "2:") + actor.waitingAt);
                        actor.go = true;
                        lock.notifyAll();
                        awaitStill(actor);
                    }
                }
                for (Actor actor : actors) {
                    actor.thread.join(STEP_TIMEOUT_MILLIS);
                }
                return new Outcome(actors[0].result, actors[1].result, List.copyOf(trace));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                run.pauses().hook = step -> { };
            }
        }

        /** Waits (holding the lock) until the actor is parked at its next step or finished. */
        private void awaitStill(Actor actor) throws InterruptedException {
            long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MILLIS;
            while (actor.go || !(actor.parked || actor.done)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("a request neither reached its next step nor finished: " + trace);
                }
                lock.wait(left);
            }
        }

        /** A fake's port call: the running actor parks until it is chosen; other threads pass. */
        private void pause(String step) {
            Actor me = current.get();
            if (me == null || !(step.equals("start") || run.interleaved().test(step))) {
                return;
            }
            synchronized (lock) {
                me.parked = true;
                me.waitingAt = step;
                lock.notifyAll();
                try {
                    while (!me.go) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                me.go = false;
                me.parked = false;
            }
        }

        private final class Actor {
            final Thread thread;
            boolean parked;
            boolean go;
            boolean done;
            String waitingAt = "start";
            Object result;

            Actor(int index, Callable<Object> body) {
                thread = new Thread(() -> {
                    current.set(this);
                    // The first step is the start itself, so the other request can go first.
                    pause("start");
                    Object answer;
                    try {
                        answer = body.call();
                    } catch (Throwable t) {
                        answer = t;
                    }
                    synchronized (lock) {
                        result = answer;
                        done = true;
                        waitingAt = "end";
                        lock.notifyAll();
                    }
                }, "request-" + (index + 1));
                thread.setDaemon(true);
            }
        }
    }
}
