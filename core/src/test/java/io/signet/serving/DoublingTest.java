package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.mlflow.InputNames;
import io.signet.py.DataFrame;
import io.signet.py.Pandas;
import io.signet.schema.ModelSignature;
import io.signet.testing.Allocations;
import io.signet.tensor.DType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17's linear-time families: each input shape is judged at N and 2N distinct names, and what
 * the judgement costs must double, not quadruple. Costs are counted, never timed: heap bytes the
 * request allocates (a table of N x N cells shows up there), and, for the label lookups that allocate
 * nothing, the equality tests made (a linear scan inside a loop shows up there).
 */
class DoublingTest {
    /** Past Jackson's symbol-table reuse bound (6,000 names), whose step would look like growth. */
    private static final int N = 8_000;
    /** Records are judged row by row (numpy per cell): fewer of them show the same ratio. */
    private static final int RECORDS = 1_500;

    private static final String LONG_A = "[{\"type\": \"long\", \"name\": \"a\", \"required\": true}]";

    private static String keys(final String prefix, final String value, final int n, final String first) {
        final StringBuilder sb = new StringBuilder("{").append(first);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 || !first.isEmpty() ? ", " : "").append('"').append(prefix).append(i).append("\": ")
                .append(value);
        }
        return sb.append('}').toString();
    }

    private static String records(final String key, final int n, final String each) {
        final StringBuilder sb = new StringBuilder("{\"" + key + "\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append("{").append(each).append("\"k").append(i).append("\": 1}");
        }
        return sb.append("]}").toString();
    }

    /** Heap bytes the exact path allocates judging the body (the fewest of three runs). */
    private static long bytes(final ModelSignature sig, final String body, final String ct) {
        final ScoringServer server = new ScoringServer(sig, Mode.MLFLOW, Limits.DEFAULT, false);
        final byte[] b = body.getBytes(StandardCharsets.UTF_8);
        server.invoke(b, ct);
        return Allocations.steadyState(() -> server.invoke(b, ct), 2);
    }

    private static void doubles(final String shape, final String inputs, final IntFunction<String> body,
                                final String ct) {
        doubles(shape, inputs, body, ct, N);
    }

    private static void doubles(final String shape, final String inputs, final IntFunction<String> body,
                                final String ct, final int n) {
        final ModelSignature sig = ScoringServerTest.sig(inputs);
        final long one = bytes(sig, body.apply(n), ct);
        final long two = bytes(sig, body.apply(2 * n), ct);
        assertTrue(two < 3 * one, shape + ": " + one + " bytes at N, " + two + " at 2N");
    }

    @Test
    void splitDataDicts() {
        doubles("split data dict", LONG_A, n -> "{\"dataframe_split\": {\"data\": " + keys("x", "[1]", n, "") + "}}",
            "application/json");
        doubles("split columns", LONG_A, n -> "{\"dataframe_split\": {\"columns\": " + keys("x", "1", n, "")
            .replaceAll("\"x(\\d+)\": 1", "\"x$1\"").replace('{', '[').replace('}', ']') + ", \"data\": [["
            + "1, ".repeat(n - 1) + "1]]}}", "application/json");
    }

    @Test
    void mapKeys() {
        doubles("map keys", "[{\"type\": \"map\", \"values\": {\"type\": \"long\"}, \"name\": \"m\", \"required\": true}]",
            n -> "{\"inputs\": {\"m\": [" + keys("k", "\"s\"", n, "") + "]}}", "application/json");
    }

    @Test
    void csvHeaders() {
        doubles("csv header", LONG_A, n -> {
            final StringBuilder h = new StringBuilder("a");
            final StringBuilder r = new StringBuilder("1");
            for (int i = 0; i < n; i++) {
                h.append(",c").append(i);
                r.append(",1");
            }
            return h + "\n" + r + "\n";
        }, "text/csv");
    }

    @Test
    void namedInputsAndExtraTopLevelKeys() {
        doubles("named inputs", LONG_A, n -> "{\"inputs\": " + keys("x", "[1]", n, "\"a\": [1]") + "}",
            "application/json");
        doubles("missing among named inputs", LONG_A, n -> "{\"inputs\": " + keys("x", "[1]", n, "") + "}",
            "application/json");
        doubles("extra top-level keys", LONG_A, n -> keys("z", "1", n, "\"inputs\": {\"a\": [1]}"),
            "application/json");
    }

    @Test
    void recordsOfDistinctKeys() {
        doubles("instances records", LONG_A, n -> records("instances", n, "\"a\": 1, "), "application/json", RECORDS);
        doubles("inputs records", LONG_A, n -> records("inputs", n, "\"a\": 1, "), "application/json", RECORDS);
        doubles("dataframe_records", LONG_A, n -> records("dataframe_records", n, "\"a\": 1, "), "application/json",
            RECORDS);
        doubles("columnar inputs", LONG_A, n -> "{\"inputs\": " + keys("x", "[1, 2]", n, "\"a\": [1, 2]") + "}",
            "application/json");
    }

    // ------------------------------------------------------------------ lookups that allocate nothing

    /** A label whose equality tests are counted. */
    private static final class Label {
        static long equalities;
        final int id;

        Label(final int id) {
            this.id = id;
        }

        @Override
        public boolean equals(final Object o) {
            equalities++;
            return o instanceof Label && ((Label) o).id == id;
        }

        @Override
        public int hashCode() {
            return id * 0x9E3779B9;
        }
    }

    private static long frameLookups(final int n) {
        Label.equalities = 0;
        final DataFrame f = new DataFrame(0);
        final List<Object> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(new Label(i));
            f.append(labels.get(i), DType.OBJECT, new Object[0]);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, f.indexOf(new Label(i)));
        }
        final List<Object> required = List.of(new Label(-1));
        final String missing = InputNames.missingInputs(required, labels, required,
            io.signet.enforce.Profile.MLFLOW_2);
        assertTrue(missing.startsWith("Model is missing inputs"), missing);
        final Map<Object, Object> dict = new LinkedHashMap<>();
        for (final Object l : labels) {
            dict.put(l, List.of(1L));
        }
        assertEquals(n, Pandas.fromDict(dict).columnCount());
        final List<Object> recs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            recs.add(dict);
        }
        assertEquals(n, Pandas.fromRecords(recs).columnCount());
        return Label.equalities;
    }

    @Test
    void labelLookupsAreHashProbes() {
        final long one = frameLookups(N);
        final long two = frameLookups(2 * N);
        assertTrue(two < 3 * one, "equality tests: " + one + " at N, " + two + " at 2N");
    }
}
