package io.signet.bench;

import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@link ServingBench}'s ratios measured so that the machine's own slow and fast phases cancel out.
 *
 * <p>JMH measures one benchmark after another, so on a shared 2-core VM, whose speed moves by up to
 * 2x for tens of seconds at a time (all methods together), a ratio of two JMH scores partly measures
 * when each ran. Here every round runs Signet and each baseline for one short slice each, in an
 * order that rotates from round to round, and a round's ratios compare slices taken within about a
 * second of each other; the report gives the median ratio over the rounds and its range.
 *
 * <pre>
 *   java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *       io.signet.bench.Interleaved [payloads, default f32,f32py,u8,df] [rounds, default 40] [slice ms, default 250]
 * </pre>
 * ({@code bench/interleaved.sh} builds the jar and runs it.) Same payloads, same methods and the same
 * Blackhole as the JMH benchmark; one JVM, warmed up for 5 s per method before measuring.
 */
public final class Interleaved {
    private static final String[] METHODS = {"signet", "databindTree", "databindBind", "tokenPass"};

    private Interleaved() {
    }

    public static void main(final String[] args) throws Exception {
        final String[] payloads = (args.length > 0 ? args[0] : "f32,f32py,u8,df").split(",");
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        final long sliceNanos = (args.length > 2 ? Long.parseLong(args[2]) : 250) * 1_000_000L;
        final Blackhole bh = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        System.out.printf(Locale.ROOT, "Interleaved ServingBench: %d rounds of %d ms slices per method, %s%n", rounds,
            sliceNanos / 1_000_000, System.getProperty("java.vm.version"));
        System.out.println();
        System.out.println("| payload | baseline | median ratio | range over rounds | signet ops/s (median) "
            + "| baseline ops/s (median) |");
        System.out.println("|---|---|---|---|---|---|");
        for (final String payload : payloads) {
            final ServingBench b = new ServingBench();
            b.payload = payload;
            final java.io.PrintStream out = System.out;
            System.setOut(System.err); // setup's payload line is not part of the table
            try {
                b.setup();
            } finally {
                System.setOut(out);
            }
            for (int m = 0; m < METHODS.length; m++) {
                slice(b, m, bh, 5_000_000_000L);
            }
            final double[][] rates = new double[METHODS.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < METHODS.length; k++) {
                    final int m = (k + r) % METHODS.length; // rotate, so no method always follows another
                    rates[m][r] = slice(b, m, bh, sliceNanos);
                }
                System.err.printf(Locale.ROOT, "  %s round %d/%d%n", payload, r + 1, rounds);
            }
            for (int m = 1; m < METHODS.length; m++) {
                final double[] ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    ratio[r] = rates[0][r] / rates[m][r];
                }
                final double[] sorted = ratio.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "| %s | %s | %.2fx | %.2f-%.2fx | %.4g | %.4g |%n", payload, METHODS[m],
                    median(ratio), sorted[0], sorted[rounds - 1], median(rates[0]), median(rates[m]));
            }
            b.close(); // the context's off-heap memory
        }
    }

    /** Runs method {@code m} for about {@code nanos}; its rate in operations per second. */
    private static double slice(final ServingBench b, final int m, final Blackhole bh, final long nanos)
        throws Exception {
        final long t0 = System.nanoTime();
        long ops = 0;
        long now;
        do {
            switch (m) {
                case 0:
                    bh.consume(b.signet());
                    break;
                case 1:
                    bh.consume(b.databindTree());
                    break;
                case 2:
                    bh.consume(b.databindBind());
                    break;
                default:
                    b.tokenPass(bh);
                    break;
            }
            ops++;
            now = System.nanoTime();
        } while (now - t0 < nanos);
        return ops * 1e9 / (now - t0);
    }

    private static double median(final double[] v) {
        final double[] s = v.clone();
        Arrays.sort(s);
        final int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
