package io.signet.testing;

import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The doubling test: an operation run at size n and 2n must cost at most about twice as much, not
 * four times (issue 17: linear time on every input, asserted with counts, never with clocks). The
 * cost is a count the caller chooses: heap bytes the current thread allocates ({@link #allocatedBytes},
 * which shows an N x N table or a copy per element), or any counter the code under test keeps (equality
 * tests of a label type, probes of a hash table: what shows a linear scan inside a loop, which
 * allocates nothing). Each size is run a few times and the cheapest run kept, after a warm-up run at
 * that size, so JIT compilation and lazily built tables do not count as growth.
 *
 * <pre>
 *   Doubling.assertLinear("split data dict", n -> body(n), 8_000, Doubling.allocatedBytes(),
 *       b -> () -> server.invoke(ctx, b, "application/json"));
 * </pre>
 */
public final class Doubling {
    /** The largest cost(2n) / cost(n) a linear operation may show (a fixed part can only lower it). */
    public static final double MAX_RATIO = 2.2;

    private Doubling() {
    }

    /** Heap bytes the current thread has allocated so far (a {@link LongSupplier} over a monotonic counter). */
    public static LongSupplier allocatedBytes() {
        return Allocations::now;
    }

    /** What one doubling measured. */
    public static final class Result {
        public final String shape;
        public final int n;
        public final long atN;
        public final long at2N;

        Result(final String shape, final int n, final long atN, final long at2N) {
            this.shape = shape;
            this.n = n;
            this.atN = atN;
            this.at2N = at2N;
        }

        public double ratio() {
            return atN <= 0 ? Double.POSITIVE_INFINITY : (double) at2N / atN;
        }

        @Override
        public String toString() {
            return String.format("%s: %,d at n=%,d, %,d at 2n (x%.2f)", shape, atN, n, at2N, ratio());
        }
    }

    /**
     * The cheapest of {@code rounds} runs of the operation on {@code input}, in units of the counter
     * (which must not go backwards while it runs), after one warm-up run.
     */
    public static <T> long cost(final T input, final java.util.function.Function<T, Runnable> operation,
                                final LongSupplier counter, final int rounds) {
        final Runnable op = operation.apply(input);
        op.run();
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            final long a = counter.getAsLong();
            overhead = Math.min(overhead, counter.getAsLong() - a);
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            final long before = counter.getAsLong();
            op.run();
            best = Math.min(best, counter.getAsLong() - before - overhead);
        }
        return Math.max(0, best);
    }

    /** Measures the operation on {@code input.apply(n)} and {@code input.apply(2n)} (inputs built outside the count). */
    public static <T> Result measure(final String shape, final IntFunction<T> input, final int n,
                                     final LongSupplier counter, final java.util.function.Function<T, Runnable> operation) {
        final long one = cost(input.apply(n), operation, counter, 3);
        final long two = cost(input.apply(2 * n), operation, counter, 3);
        return new Result(shape, n, one, two);
    }

    /**
     * Asserts that the cost at 2n is at most {@link #MAX_RATIO} times the cost at n (and that the cost
     * at n is not zero: a counter that does not move proves nothing).
     *
     * @return what was measured, for the test's log
     */
    public static <T> Result assertLinear(final String shape, final IntFunction<T> input, final int n,
                                          final LongSupplier counter,
                                          final java.util.function.Function<T, Runnable> operation) {
        final Result r = measure(shape, input, n, counter, operation);
        if (r.atN <= 0) {
            throw new AssertionError(shape + ": the counter did not move at n=" + n + " (" + r + ")");
        }
        if (r.ratio() > MAX_RATIO) {
            throw new AssertionError("not linear: " + r);
        }
        return r;
    }
}
