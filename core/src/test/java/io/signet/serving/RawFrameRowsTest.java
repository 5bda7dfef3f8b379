package io.signet.serving;

import io.signet.column.Column;
import io.signet.column.ColumnBatch;
import io.signet.enforce.Mode;
import io.signet.json.Json;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.testing.Allocations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code dataframe_split} row scanner reads exactly what the token path reads, or abstains:
 * every body goes through {@link FastFramePath} with the raw factory and with a plain one, and the
 * verdict and every decoded cell must be the same; plain bodies must really be scanned.
 */
class RawFrameRowsTest {
    private static final String SIG = "[{\"type\": \"long\", \"name\": \"id\"}, {\"type\": \"double\", \"name\": "
        + "\"score\"}, {\"type\": \"string\", \"name\": \"name\"}, {\"type\": \"boolean\", \"name\": \"flag\"}, "
        + "{\"type\": \"integer\", \"name\": \"n\"}, {\"type\": \"float\", \"name\": \"f\"}]";
    private static final ModelSignature SIGNATURE = ScoringServerTestAccess.sig(SIG);
    /** The context the streaming path decodes into (tests run on one thread). */
    private static final ScoringContext CTX = new ScoringContext();

    private static String decode(final byte[] body, final boolean raw, final Mode mode) {
        return decode(SIGNATURE, body, raw, mode, Limits.DEFAULT);
    }

    /** The streaming frame path's verdict and cells for one body, as text, with the raw row scanner or without. */
    static String decode(final ModelSignature sig, final byte[] body, final boolean raw, final Mode mode,
                         final Limits l) {
        final FastFramePath path = new FastFramePath(sig.inputs(), mode, l, raw ? Json.rawFactory(l)
            : Json.tokenFactory(l));
        CTX.begin();
        if (!path.tryInvoke(CTX, body, 0, body.length, new ScoringServer(sig, mode, l))) {
            return "declined";
        }
        final ColumnBatch b = CTX.columns();
        final StringBuilder sb = new StringBuilder(ScoringResponse.OK.toString()).append(" rows ").append(b.rowCount());
        for (int c = 0; c < b.columnCount(); c++) {
            final Column col = b.column(c);
            sb.append(" | ").append(col.name()).append(' ').append(col.dtype()).append(':');
            for (int row = 0; row < b.rowCount(); row++) {
                final Object v = col.get(row);
                sb.append(' ').append(v instanceof Double ? Double.doubleToRawLongBits((Double) v) : v);
            }
        }
        return sb.toString();
    }

    private static final String[] STRINGS = {"user_1", "", "h\u00e9llo", "\u65e5\u672c", "\ud83d\ude00x", "a\\\"b",
        "tab\\tx", "\\u00e9", "\\ud800", "x y",
        // runs longer than the 8-byte word the scanner reads at once, stopped at each offset by a quote,
        // an escape, a control character or a multi-byte character
        "abcdefgh", "abcdefghijklmnopqrstuvwxyz0123456789", "abcdefg\\\"h", "abcdefghijk\\nl", "abcdefgh\u00e9ij",
        "abcdefghijklmno\u65e5", "abcdefghi\u0001j", "abcdefghijklmnop\u007f~", "abcdefghijkl\ud83d\ude00mnopqrstu"};
    private static final String[] NUMBERS = {"0", "-0", "12", "-7", "1.5", "-0.0", "1e3", "2.5E-3", "1e400",
        "0.59632141305176245", "123456789012345678", "1234567890123456789", "NaN", "3000000000", "1.7", "01", "1.",
        "-", "null", "true", "\"3\""};

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.longs().map(seed -> {
            final Random r = new Random(seed);
            final StringBuilder sb = new StringBuilder("{\"dataframe_split\": {\"columns\": [\"id\", \"score\", "
                + "\"name\", \"flag\", \"n\", \"f\"");
            final boolean extra = r.nextInt(4) == 0;
            if (extra) {
                sb.append(", \"extra\"");
            }
            sb.append("], \"data\": [");
            final int rows = 1 + r.nextInt(5);
            final boolean wild = r.nextInt(3) == 0;
            for (int i = 0; i < rows; i++) {
                sb.append(i == 0 ? "" : r.nextBoolean() ? ",\n " : ", ").append('[');
                final String[] cells = {
                    wild ? pick(r, NUMBERS) : Long.toString(r.nextInt(1000) - 500),
                    wild ? pick(r, NUMBERS) : Double.toString(r.nextDouble()),
                    "\"" + (wild ? pick(r, STRINGS) : "u" + r.nextInt(99)) + "\"",
                    wild && r.nextInt(4) == 0 ? pick(r, NUMBERS) : Boolean.toString(r.nextBoolean()),
                    wild ? pick(r, NUMBERS) : Integer.toString(r.nextInt()),
                    wild ? pick(r, NUMBERS) : Float.toString(r.nextFloat() * 100)};
                for (int c = 0; c < cells.length; c++) {
                    sb.append(c == 0 ? "" : r.nextBoolean() ? "," : " , ").append(cells[c]);
                }
                if (extra) {
                    sb.append(", ").append(r.nextBoolean() ? "\"" + pick(r, STRINGS) + "\"" : pick(r, NUMBERS));
                }
                if (wild && r.nextInt(8) == 0) {
                    sb.append(", 1"); // a row too long
                }
                sb.append(']');
            }
            return sb.append("]}}").toString();
        });
    }

    private static String pick(final Random r, final String[] a) {
        return a[r.nextInt(a.length)];
    }

    @Property(tries = 800)
    void rowsDecodeIdenticallyThroughTheScannerAndTheTokens(@ForAll("bodies") final String body) {
        final byte[] b = body.getBytes(StandardCharsets.UTF_8);
        for (final Mode mode : Mode.values()) {
            assertEquals(decode(b, false, mode), decode(b, true, mode), body);
        }
    }

    @Test
    void plainRowsAreScannedAndAllocateNothingPerRow() {
        final StringBuilder sb = new StringBuilder("{\"dataframe_split\": {\"columns\": [\"id\", \"score\", \"name\", "
            + "\"flag\", \"n\", \"f\"], \"data\": [");
        final Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            sb.append(i == 0 ? "[" : ", [").append(r.nextInt(1_000_000)).append(", ").append(r.nextDouble())
                .append(", \"user_\u00e9").append(r.nextInt(100_000)).append("\", ").append(r.nextBoolean())
                .append(", ").append(r.nextInt()).append(", ").append(r.nextFloat()).append(']');
        }
        final byte[] body = sb.append("]}}").toString().getBytes(StandardCharsets.UTF_8);
        final String dataOpen = "\"data\": [";
        final int from = new String(body, StandardCharsets.UTF_8).indexOf(dataOpen) + dataOpen.length();
        // the scanner itself takes these rows (the comparison above would hold even if it always abstained)
        final ColumnBatch batch = new ColumnBatch();
        final ColumnBatch.ColumnWriter[] w = new ColumnBatch.ColumnWriter[6];
        final io.signet.tensor.DType[] dt = {io.signet.tensor.DType.INT64, io.signet.tensor.DType.FLOAT64,
            io.signet.tensor.DType.OBJECT, io.signet.tensor.DType.BOOL, io.signet.tensor.DType.INT32,
            io.signet.tensor.DType.FLOAT32};
        for (int c = 0; c < 6; c++) {
            w[c] = batch.startColumn("c" + c, dt[c]);
        }
        final io.signet.schema.DataType[] types = {io.signet.schema.DataType.LONG, io.signet.schema.DataType.DOUBLE,
            io.signet.schema.DataType.STRING, io.signet.schema.DataType.BOOLEAN, io.signet.schema.DataType.INTEGER,
            io.signet.schema.DataType.FLOAT};
        final RawFrameRows rows = new RawFrameRows();
        final int close = rows.scan(body, from, body.length, 6, new int[] {0, 1, 2, 3, 4, 5}, types, w, Mode.MLFLOW,
            1000, 1 << 20);
        assertTrue(close > 0, "the scanner abstained");
        assertEquals(1000, rows.rows);
        assertEquals(']', body[close]);
        batch.close();
        assertEquals(decode(body, false, Mode.MLFLOW), decode(body, true, Mode.MLFLOW));
        final ScoringServer server = new ScoringServer(SIGNATURE, Mode.MLFLOW, Limits.DEFAULT);
        final long bytes = Allocations.steadyState(() -> {
            if (!server.invoke(CTX, body, "application/json").ok()) {
                throw new AssertionError("rejected");
            }
        }, 30);
        assertTrue(bytes < 1024, bytes + " bytes per 1,000-row request");
    }
}
