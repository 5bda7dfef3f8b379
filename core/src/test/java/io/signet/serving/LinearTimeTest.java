package io.signet.serving;

import io.signet.testing.Doubling;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17's super-linear shapes, each sent at N and 2N distinct names to a default server (streaming
 * paths first, the exact path for what they decline, as a real request goes): the heap bytes the
 * request allocates must grow at most {@link Doubling#MAX_RATIO} times. This sees an N x N table or a
 * copy per name; a scan inside a loop that allocates nothing is counted by the rule book's own
 * equality-counting test (DoublingTest) on its label lookups.
 */
class LinearTimeTest {
    /**
     * Both sizes under Jackson's symbol-table reuse bound (6,000 names), whose step would look like growth;
     * small enough that the old exact path's quadratic shapes take seconds, not minutes.
     */
    private static final int N = 2_500;

    private final ScoringContext ctx = new ScoringContext();

    private static final String LONG_X = "[{\"type\": \"long\", \"name\": \"x\"}]";
    private static final String NAMED = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}, "
        + "\"name\": \"a\"}, {\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}, \"name\": \"b\"}]";
    private static final String F32 = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}}]";
    private static final String MAP = "[{\"type\": \"map\", \"name\": \"m\", \"values\": {\"type\": \"long\"}}]";

    /** {@code "<p>0": v, "<p>1": v, ...} */
    static String keys(final String prefix, final String value, final int n) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append('"').append(prefix).append(i).append("\": ").append(value);
        }
        return sb.toString();
    }

    /** The shapes: a signature, a content type and the body at size n. */
    static final Object[][] SHAPES = {
        {"split data dict", LONG_X, "application/json", (IntFunction<String>) n -> "{\"dataframe_split\": {\"data\": {"
            + keys("k", "[1]", n) + "}}}"},
        {"split columns", LONG_X, "application/json", (IntFunction<String>) n -> "{\"dataframe_split\": {\"columns\": [\"x\""
            + columnNames(n) + "], \"data\": [[1" + ", 1".repeat(n) + "]]}}"},
        {"map keys", MAP, "application/json", (IntFunction<String>) n -> "{\"dataframe_records\": [{\"m\": {"
            + keys("k", "1", n) + "}}]}"},
        {"csv header", LONG_X, "text/csv", (IntFunction<String>) n -> "x" + csvNames(n) + "\n1" + ",1".repeat(n) + "\n"},
        {"named inputs", NAMED, "application/json", (IntFunction<String>) n -> "{\"inputs\": {\"a\": [1.0], \"b\": [1.0], "
            + keys("k", "[1.0]", n) + "}}"},
        {"missing named inputs", NAMED, "application/json", (IntFunction<String>) n -> "{\"inputs\": {"
            + keys("k", "[1.0]", n) + "}}"},
        {"instances records", LONG_X, "application/json", (IntFunction<String>) n -> "{\"instances\": [{\"x\": 1, "
            + keys("k", "1", n) + "}]}"},
        {"inputs records", LONG_X, "application/json", (IntFunction<String>) n -> "{\"inputs\": [{\"x\": 1, "
            + keys("k", "1", n) + "}]}"},
        {"columnar inputs", LONG_X, "application/json", (IntFunction<String>) n -> "{\"inputs\": {\"x\": [1, 2], "
            + keys("k", "[1, 2]", n) + "}}"},
        {"dataframe_records of distinct keys", LONG_X, "application/json", (IntFunction<String>) n -> records(n / 8)},
        {"extra top-level keys", F32, "application/json", (IntFunction<String>) n -> "{\"inputs\": [1.0], "
            + keys("k", "1", n) + "}"},
    };

    static String columnNames(final int n) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(", \"c").append(i).append('"');
        }
        return sb.toString();
    }

    static String csvNames(final int n) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(",c").append(i);
        }
        return sb.toString();
    }

    /** n records, each with x and one key of its own (pandas makes n x (n + 1) cells of them). */
    static String records(final int n) {
        final StringBuilder sb = new StringBuilder("{\"dataframe_records\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append("{\"x\": 1, \"k").append(i).append("\": 1}");
        }
        return sb.append("]}").toString();
    }

    /** Thread CPU nanoseconds so far: printed beside the counts for the reader, never asserted (a clock). */
    static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * The exact path alone (every request on it): measured and printed, bytes and CPU time, for the
     * shapes the rule book rewrites; its DoublingTest asserts them on the new code. Opt-in
     * ({@code -Dsignet.figures=true}): it asserts nothing, and the old exact path's quadratic shapes take
     * minutes.
     */
    @Test
    @SuppressWarnings("unchecked")
    void exactPathFigures() {
        // asserts nothing and takes minutes on the old exact path: run with -Dsignet.figures=true
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("signet.figures"));
        for (final Object[] s : SHAPES) {
            final ScoringServer server = new ScoringServer(ScoringServerTest.sig((String) s[1]),
                io.signet.enforce.Mode.MLFLOW, io.signet.json.Limits.DEFAULT, false);
            final String ct = (String) s[2];
            final IntFunction<String> body = (IntFunction<String>) s[3];
            final java.util.function.Function<byte[], Runnable> op = b -> () -> server.invoke(ctx, b, ct);
            final IntFunction<byte[]> in = n -> body.apply(n).getBytes(StandardCharsets.UTF_8);
            System.out.println("exact " + Doubling.measure((String) s[0], in, N, Doubling.allocatedBytes(), op)
                + "; cpu ns " + Doubling.measure((String) s[0], in, N, LinearTimeTest::cpuNanos, op));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyShapeCostsTwiceAsMuchAtTwiceTheSize() {
        final List<String> lines = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        for (final Object[] s : SHAPES) {
            final ScoringServer server = new ScoringServer(ScoringServerTest.sig((String) s[1]));
            final String ct = (String) s[2];
            final IntFunction<String> body = (IntFunction<String>) s[3];
            final Doubling.Result r = Doubling.measure((String) s[0],
                n -> body.apply(n).getBytes(StandardCharsets.UTF_8), N, Doubling.allocatedBytes(),
                b -> () -> server.invoke(ctx, b, ct));
            lines.add(r.toString());
            if (r.atN <= 0 || r.ratio() > Doubling.MAX_RATIO) {
                failures.add(r.toString());
            }
        }
        System.out.println(String.join("\n", lines));
        assertTrue(failures.isEmpty(), "not linear:\n" + String.join("\n", failures));
    }
}
