package org.multimedia.infrastructure.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BiConsumer;

import org.multimedia.infrastructure.local.LocalSystem;

/** The handlers' own time inside the local system: wall and CPU nanoseconds of each invocation. */
final class HandlerTimes {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HandlerTimes() {
    }

    /**
     * From now on {@code recorder} gets every invocation's function and {wall, cpu} nanoseconds (cpu -1
     * for queue batches: not measured); null stops it.
     */
    static void record(LocalSystem system, BiConsumer<String, long[]> recorder) {
        if (recorder == null) {
            system.observeInvocations(null);
            return;
        }
        system.observeInvocations((function, queueBatch) -> {
            long cpu = queueBatch ? 0 : THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            return () -> recorder.accept(function, new long[]{System.nanoTime() - wall,
                    queueBatch ? -1 : THREADS.getCurrentThreadCpuTime() - cpu});
        });
    }
}
