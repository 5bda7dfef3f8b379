package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After warm-up, parsing and validating a tensor or dataframe request allocates (almost) nothing on the heap. */
class AllocationTest {
    /** One worker's context, reused by every request as a server loop would. */
    private static final ScoringContext CTX = new ScoringContext();

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
            .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    static byte[] floatPayload(final int n, final int h, final int w) {
        final Random rnd = new Random(1);
        final StringBuilder sb = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < h; j++) {
                sb.append(j == 0 ? "[" : ", [");
                for (int k = 0; k < w; k++) {
                    if (k > 0) {
                        sb.append(", ");
                    }
                    sb.append(rnd.nextFloat());
                }
                sb.append(']');
            }
            sb.append(']');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertUnder1Kb(final ScoringServer server, final byte[] body) {
        for (int i = 0; i < 3000; i++) {
            assertTrue(server.invoke(CTX, body, "application/json").ok());
            assertEquals(ScoringContext.Path.FAST_TENSORS, CTX.path());
        }
        // the counter itself allocates (about 800 bytes per call on JDK 17): measure and subtract it
        long overhead = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            final long a = allocated();
            overhead = Math.min(overhead, allocated() - a);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            final long before = allocated();
            server.invoke(CTX, body, "application/json");
            best = Math.min(best, allocated() - before - overhead);
        }
        System.out.println("tensor request: " + best + " bytes allocated");
        assertTrue(best < 1024, "allocated " + best + " bytes per request");
    }

    /** The benchmark's {@code df} rows (ServingBench): long, double, str and bool cells. */
    private static final String DF_SPEC = "[{\"type\": \"long\", \"name\": \"id\"}, {\"type\": \"double\", "
        + "\"name\": \"score\"}, {\"type\": \"string\", \"name\": \"name\"}, {\"type\": \"boolean\", \"name\": \"flag\"}]";

    static byte[] splitPayload(final int rows) {
        final Random r = new Random(42);
        final StringBuilder sb = new StringBuilder(
            "{\"dataframe_split\": {\"columns\": [\"id\", \"score\", \"name\", \"flag\"], \"data\": [");
        for (int i = 0; i < rows; i++) {
            sb.append(i > 0 ? ", [" : "[").append(r.nextInt(1_000_000)).append(", ").append(r.nextDouble())
                .append(", \"user_").append(r.nextInt(100_000)).append(i % 7 == 0 ? "\u00e9\u65e5\", " : "\", ")
                .append(r.nextBoolean()).append(']');
        }
        return sb.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] recordsPayload(final String key, final int rows) {
        final Random r = new Random(42);
        final StringBuilder sb = new StringBuilder("{\"" + key + "\": [");
        for (int i = 0; i < rows; i++) {
            sb.append(i > 0 ? ", " : "").append("{\"id\": ").append(r.nextInt(1_000_000)).append(", \"score\": ")
                .append(r.nextDouble()).append(", \"name\": \"user_").append(r.nextInt(100_000))
                .append(i % 7 == 0 ? "\u00e9\u65e5\", " : "\", ").append("\"flag\": ").append(r.nextBoolean())
                .append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long assertFrameUnder1Kb(final ScoringServer server, final byte[] body) {
        for (int i = 0; i < 3000; i++) {
            assertTrue(server.invoke(CTX, body, "application/json").ok());
            assertEquals(ScoringContext.Path.FAST_FRAME, CTX.path());
        }
        final long best = io.signet.testing.Allocations.steadyState(() -> server.invoke(CTX, body, "application/json"), 10);
        System.out.println("frame request: " + best + " bytes allocated");
        assertTrue(best < 1024, "allocated " + best + " bytes per request");
        return best;
    }

    @Test
    void dataframeSplitRequest() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(DF_SPEC), Mode.MLFLOW, Limits.DEFAULT);
        assertFrameUnder1Kb(server, splitPayload(1000));
        final io.signet.column.ColumnBatch b = CTX.columns();
        assertEquals(1000, b.rowCount());
        assertTrue(b.column(b.indexOf("name")).getString(0).endsWith("\u00e9\u65e5"), "UTF-8 encoded in place");
    }

    @Test
    void dataframeRecordsRequest() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(DF_SPEC), Mode.MLFLOW, Limits.DEFAULT);
        assertFrameUnder1Kb(server, recordsPayload("dataframe_records", 1000));
        final io.signet.column.ColumnBatch b = CTX.columns();
        assertEquals(1000, b.rowCount());
        assertTrue(b.column(b.indexOf("name")).getString(0).endsWith("\u00e9\u65e5"), "UTF-8 encoded in place");
    }

    @Test
    void inputsAndInstancesRecordsRequests() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(DF_SPEC), Mode.MLFLOW, Limits.DEFAULT);
        assertFrameUnder1Kb(server, recordsPayload("inputs", 1000));
        assertEquals(1000, CTX.columns().rowCount());
        assertFrameUnder1Kb(server, recordsPayload("instances", 1000));
        assertEquals(1000, CTX.columns().rowCount());
    }

    /** An Array(double) column and an Object{a: string, b: long} column beside a long one. */
    private static final String NESTED_SPEC = "[{\"type\": \"long\", \"name\": \"id\"}, {\"type\": \"array\", "
        + "\"items\": {\"type\": \"double\"}, \"name\": \"v\"}, {\"type\": \"object\", \"properties\": "
        + "{\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"long\"}}, \"name\": \"o\"}]";

    private static String nestedCells(final Random r, final int i, final boolean records) {
        final StringBuilder sb = new StringBuilder();
        sb.append(records ? "{\"id\": " : "[").append(i).append(records ? ", \"v\": [" : ", [");
        for (int k = 0; k < 1 + i % 4; k++) {
            sb.append(k > 0 ? ", " : "").append(r.nextDouble());
        }
        sb.append(records ? "], \"o\": {\"a\": \"user_" : "], {\"a\": \"user_").append(r.nextInt(100_000))
            .append(i % 7 == 0 ? "\u00e9\u65e5" : "").append("\", \"b\": ").append(r.nextInt()).append("}")
            .append(records ? "}" : "]");
        return sb.toString();
    }

    @Test
    void nestedColumnsRequests() {
        final Random r = new Random(42);
        final StringBuilder split = new StringBuilder("{\"dataframe_split\": {\"columns\": [\"id\", \"v\", \"o\"], "
            + "\"data\": [");
        final StringBuilder records = new StringBuilder("{\"dataframe_records\": [");
        for (int i = 0; i < 200; i++) {
            split.append(i > 0 ? ", " : "").append(nestedCells(r, i, false));
            records.append(i > 0 ? ", " : "").append(nestedCells(r, i, true));
        }
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(NESTED_SPEC), Mode.MLFLOW, Limits.DEFAULT);
        for (final String body : new String[] {split + "]}}", records + "]}"}) {
            final long bytes = assertFrameUnder1Kb(server, body.getBytes(StandardCharsets.UTF_8));
            // the same figure for 10 and 2,000 rows: the parser's per-request cost, nothing per cell
            System.out.println(body.substring(2, body.indexOf('"', 2)) + " request with nested columns, 200 rows: "
                + bytes + " bytes allocated");
            final io.signet.column.ColumnBatch b = CTX.columns();
            assertEquals(200, b.rowCount());
            final io.signet.column.Column v = b.column(b.indexOf("v"));
            final io.signet.column.Column o = b.column(b.indexOf("o"));
            // streamed into offset trees (the exact path hands over Java values)
            assertEquals(io.signet.column.Column.Storage.NESTED, v.storage());
            assertEquals(io.signet.column.Column.Storage.NESTED, o.storage());
            for (int i = 0; i < b.rowCount(); i++) {
                assertTrue(!v.isEscaped(i) && !o.isEscaped(i));
                assertEquals(1 + i % 4, ((java.util.List<?>) v.get(i)).size());
            }
            assertTrue(((String) ((java.util.Map<?, ?>) o.get(0)).get("a")).endsWith("\u00e9\u65e5"));
        }
    }

    @Test
    void inputsColumnarRequest() {
        final Random r = new Random(42);
        final StringBuilder[] cols = {new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder()};
        for (int i = 0; i < 1000; i++) {
            final String sep = i > 0 ? ", " : "";
            cols[0].append(sep).append(r.nextInt(1_000_000));
            cols[1].append(sep).append(r.nextDouble());
            cols[2].append(sep).append("\"user_").append(r.nextInt(100_000)).append(i % 7 == 0 ? "\u00e9\u65e5\"" : "\"");
            cols[3].append(sep).append(r.nextBoolean());
        }
        final byte[] body = ("{\"inputs\": {\"id\": [" + cols[0] + "], \"score\": [" + cols[1] + "], \"name\": ["
            + cols[2] + "], \"flag\": [" + cols[3] + "]}}").getBytes(StandardCharsets.UTF_8);
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(DF_SPEC), Mode.MLFLOW, Limits.DEFAULT);
        assertFrameUnder1Kb(server, body);
        final io.signet.column.ColumnBatch b = CTX.columns();
        assertEquals(1000, b.rowCount());
        assertTrue(b.column(b.indexOf("name")).getString(0).endsWith("\u00e9\u65e5"));
    }

    @Test
    void floatTensorRequest() {
        final ModelSignature s = ScoringServerTest.sig("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": "
            + "\"float32\", \"shape\": [-1, 8, 8]}}]");
        assertUnder1Kb(new ScoringServer(s, Mode.MLFLOW, Limits.DEFAULT), floatPayload(4, 8, 8));
    }

    @Test
    void namedUint8Request() {
        final ModelSignature s = ScoringServerTest.sig(ScoringServerTest.NAMED);
        final byte[] body = "{\"inputs\": {\"a\": [[1.5, 2], [3, 4]], \"b\": [1, 2, 3, 255]}}"
            .getBytes(StandardCharsets.UTF_8);
        assertUnder1Kb(new ScoringServer(s, Mode.MLFLOW, Limits.DEFAULT), body);
    }
}
