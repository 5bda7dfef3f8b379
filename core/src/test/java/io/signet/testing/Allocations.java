package io.signet.testing;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes a piece of code allocates on the current thread, measured as the minimum over several
 * rounds: a round that overlaps JIT compilation (interpreted or C1 code may allocate what C2's escape
 * analysis removes) is not the steady state the hot-path promise is about.
 */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean MX =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /** Bytes allocated by the current thread so far. */
    public static long now() {
        return MX.getCurrentThreadAllocatedBytes();
    }

    /** The fewest bytes {@code body} allocated in one of {@code rounds} runs, less the counter's own cost. */
    public static long steadyState(final Runnable body, final int rounds) {
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            final long a = now();
            overhead = Math.min(overhead, now() - a);
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            final long before = now();
            body.run();
            best = Math.min(best, now() - before - overhead);
        }
        return Math.max(0, best);
    }
}
