package io.signet.serving;

import io.signet.column.Column;
import io.signet.column.ColumnBatch;
import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adversarial probes of the word-at-a-time string scan of {@link RawFrameRows} (and of the number
 * cells it reads through {@code RawNumber}): against the byte-at-a-time scan it replaced (kept
 * below verbatim), against the buffer's end, and against the token path through {@link FastFramePath}
 * (raw factory against the plain one) at the string-length limit and around every stopping byte.
 */
class SwarFrameAdversarialTest {
    private static final String SIG = "[{\"type\": \"long\", \"name\": \"id\"}, {\"type\": \"double\", \"name\": "
        + "\"score\"}, {\"type\": \"string\", \"name\": \"name\"}, {\"type\": \"integer\", \"name\": \"n\"}, "
        + "{\"type\": \"float\", \"name\": \"f\"}]";
    private static final ModelSignature SIGNATURE = ScoringServerTestAccess.sig(SIG);

    /** RawFrameRows.string as it was before the word loop (commit 7e70a60^). */
    static int byteLoopString(final byte[] b, final int from, final int end, final int maxStringLength) {
        if (b[from] != '"') {
            return -1;
        }
        int i = from + 1;
        final int limit = (int) Math.min(end, (long) i + maxStringLength + 1);
        while (i < limit) {
            final int c = b[i];
            if (c >= 0) {
                if (c == '"') {
                    return i;
                }
                if (c == '\\' || c < 0x20) {
                    return -1;
                }
                i++;
                continue;
            }
            final int need;
            final int lead = c & 0xFF;
            int lo = 0x80;
            int hi = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                if (lead == 0xE0) {
                    lo = 0xA0;
                } else if (lead == 0xED) {
                    hi = 0x9F;
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                if (lead == 0xF0) {
                    lo = 0x90;
                } else if (lead == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                return -1;
            }
            if (i + need >= limit) {
                return -1;
            }
            final int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return -1;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return -1;
                }
            }
            i += need + 1;
        }
        return -1;
    }

    /** Bytes that stop a plain run, or nearly do. */
    private static final int[] STOPS = {'"', '\\', 0, 1, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2,
        0xCF, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, '/', '0', 'a'};
    /** Multi-byte characters (and broken ones) to put at a position. */
    private static final byte[][] CHARS = {bytes(0xC3, 0xA9), bytes(0xE2, 0x82, 0xAC), bytes(0xF0, 0x9F, 0x98, 0x80),
        bytes(0xED, 0x9F, 0xBF), bytes(0xED, 0xA0, 0x80), bytes(0xE0, 0x9F, 0x80), bytes(0xF4, 0x90, 0x80, 0x80),
        bytes(0xC3), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98), bytes(0xC0, 0x80), bytes(0xC3, 0x22)};

    private static byte[] bytes(final int... v) {
        final byte[] b = new byte[v.length];
        for (int k = 0; k < v.length; k++) {
            b[k] = (byte) v[k];
        }
        return b;
    }

    private static void compareString(final byte[] b, final int end, final int max, final String what) {
        assertEquals(byteLoopString(b, 0, end, max), RawFrameRows.string(b, 0, end, max), what + " end " + end
            + " max " + max);
    }

    /** Every stopping byte and every multi-byte character at every offset of runs around the word size. */
    @Test
    void stringScanStopsExactlyWhereTheByteLoopStops() {
        for (int len = 0; len <= 26; len++) {
            for (int at = 0; at <= len; at++) {
                for (int s = 0; s < STOPS.length + CHARS.length; s++) {
                    final ByteArrayOutputStream o = new ByteArrayOutputStream();
                    o.write('"');
                    for (int k = 0; k < at; k++) {
                        o.write('a' + k % 26);
                    }
                    if (s < STOPS.length) {
                        o.write(STOPS[s]);
                    } else {
                        o.writeBytes(CHARS[s - STOPS.length]);
                    }
                    for (int k = at; k < len; k++) {
                        o.write('A' + k % 26);
                    }
                    o.write('"');
                    o.writeBytes("\"\"\"\"\"\"\"\"\"\"xyzxyzxyz".getBytes(StandardCharsets.US_ASCII));
                    final byte[] b = o.toByteArray();
                    final int strLen = len + 2 + 1; // quotes included
                    for (int end = 1; end <= b.length; end++) {
                        for (final int max : new int[] {len - 1, len, len + 1, len + 2, len + 3, len + 4, len + 5,
                            1 << 20}) {
                            if (max > 0) {
                                compareString(b, end, max, "len " + len + " at " + at + " stop " + s + " strLen "
                                    + strLen);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The scan of {@code b[0, end)} never depends on a byte at or after {@code end}, nor past the string limit. */
    @Property(tries = 3000)
    void stringScanNeverLooksPastTheEndOrTheLimit(@ForAll final long seed) {
        final Random r = new Random(seed);
        final int len = r.nextInt(40);
        final byte[] b = new byte[len + 24];
        b[0] = '"';
        for (int k = 1; k < b.length; k++) {
            b[k] = r.nextInt(8) == 0 ? (byte) STOPS[r.nextInt(STOPS.length)] : (byte) (0x20 + r.nextInt(0x5F));
        }
        final int end = 1 + r.nextInt(b.length);
        final int max = 1 + r.nextInt(len + 4);
        final int got = RawFrameRows.string(b, 0, end, max);
        assertEquals(byteLoopString(b, 0, end, max), got);
        // whatever follows the end, or the limit, may not change the answer
        final int stop = (int) Math.min(end, 1L + max + 1);
        final byte[] c = b.clone();
        for (int k = stop; k < c.length; k++) {
            c[k] = (byte) STOPS[r.nextInt(STOPS.length)];
        }
        assertEquals(got, RawFrameRows.string(c, 0, end, max));
        final byte[] d = b.clone();
        java.util.Arrays.fill(d, stop, d.length, (byte) 'q');
        assertEquals(got, RawFrameRows.string(d, 0, end, max));
        if (got >= 0) {
            assertTrue(got < end && got - 1 <= max && b[got] == '"', "closing quote " + got);
        }
    }

    // ---------------------------------------------------------------- against the token path

    private static String decode(final byte[] body, final boolean raw, final Mode mode, final Limits l) {
        return RawFrameRowsTest.decode(SIGNATURE, body, raw, mode, l);
    }

    private static void same(final byte[] body, final Limits l) {
        for (final Mode mode : Mode.values()) {
            assertEquals(decode(body, false, mode, l), decode(body, true, mode, l),
                mode + " " + new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    /** Whether the raw row scanner itself takes the body (so that agreement is not vacuous). */
    private static boolean scanned(final byte[] body, final int maxString) {
        final String s = new String(body, StandardCharsets.ISO_8859_1);
        final int from = s.indexOf("\"data\": [") + "\"data\": [".length();
        try (ColumnBatch batch = new ColumnBatch()) {
            final ColumnBatch.ColumnWriter[] w = new ColumnBatch.ColumnWriter[5];
            final io.signet.tensor.DType[] dt = {io.signet.tensor.DType.INT64, io.signet.tensor.DType.FLOAT64,
                io.signet.tensor.DType.OBJECT, io.signet.tensor.DType.INT32, io.signet.tensor.DType.FLOAT32};
            for (int c = 0; c < 5; c++) {
                w[c] = batch.startColumn("c" + c, dt[c]);
            }
            final io.signet.schema.DataType[] types = {io.signet.schema.DataType.LONG, io.signet.schema.DataType.DOUBLE,
                io.signet.schema.DataType.STRING, io.signet.schema.DataType.INTEGER, io.signet.schema.DataType.FLOAT};
            return new RawFrameRows().scan(body, from, body.length, 5, new int[] {0, 1, 2, 3, 4}, types, w,
                Mode.MLFLOW, 1000, maxString) >= 0;
        }
    }

    private static byte[] body(final byte[] name, final String id, final String score, final String n, final String f) {
        final ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(("{\"dataframe_split\": {\"columns\": [\"id\", \"score\", \"name\", \"n\", \"f\"], \"data\": "
            + "[[1, 0.5, \"ok\", 2, 3.5], [" + id + ", " + score + ", ").getBytes(StandardCharsets.UTF_8));
        o.writeBytes(name);
        o.writeBytes((", " + n + ", " + f + "]]}}").getBytes(StandardCharsets.UTF_8));
        return o.toByteArray();
    }

    private static byte[] quoted(final byte[] content) {
        final byte[] q = new byte[content.length + 2];
        q[0] = '"';
        System.arraycopy(content, 0, q, 1, content.length);
        q[q.length - 1] = '"';
        return q;
    }

    @Test
    void stringsAtTheLengthLimitAndOneOver() {
        int taken = 0;
        final String[] fills = {"a", "\u00e9", "\u20ac", "\ud83d\ude00"};
        for (int len = 1; len <= 20; len++) {
            for (final String tail : fills) {
                // len ASCII bytes, then one character of 1 to 4 bytes: the limit falls before, inside and after it
                final String content = "x".repeat(len) + tail;
                final byte[] q = quoted(content.getBytes(StandardCharsets.UTF_8));
                for (int max = Math.max(1, len - 1); max <= len + 5; max++) {
                    final Limits l = Limits.DEFAULT.withMaxStringLength(max);
                    final byte[] b = body(q, "5", "1.25", "7", "2.5");
                    same(b, l);
                    if (scanned(b, max)) {
                        taken++;
                    }
                }
            }
        }
        assertTrue(taken > 100, "scanned " + taken);
    }

    @Test
    void everyStoppingByteInsideCellStrings() {
        int taken = 0;
        for (int len = 0; len <= 17; len++) {
            for (int at = 0; at <= len; at++) {
                for (int s = 0; s < STOPS.length + CHARS.length; s++) {
                    final ByteArrayOutputStream o = new ByteArrayOutputStream();
                    for (int k = 0; k < at; k++) {
                        o.write('a' + k % 26);
                    }
                    if (s < STOPS.length) {
                        if (STOPS[s] == '"') {
                            continue; // ends the string: a syntax error after it either way (covered by mutations)
                        }
                        o.write(STOPS[s]);
                        if (STOPS[s] == '\\') {
                            o.write('n');
                        }
                    } else {
                        o.writeBytes(CHARS[s - STOPS.length]);
                    }
                    for (int k = at; k < len; k++) {
                        o.write('A' + k % 26);
                    }
                    final byte[] b = body(quoted(o.toByteArray()), "5", "1.25", "7", "2.5");
                    same(b, Limits.DEFAULT);
                    if (scanned(b, 1 << 20)) {
                        taken++;
                    }
                }
            }
        }
        assertTrue(taken > 1000, "scanned " + taken);
    }

    private static final String[] NUMS = {"0", "-0", "-0.0", "1", "12345678", "123456789", "1234567", "-12345678",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "123456789012345678", "1234567890123456789",
        "9200000000000000000", "9199999999999999999.5", "1e18", "0.000000000000000000123456789012345678901",
        "12345678901234567890.5", "12345678.12345678", "0.1234567890123456789", "3.4028235677973366e38",
        "3.4028235677973367e38", "1e39", "-1e39", "1.5", "2.5", "1.00000000000000000001", "00000001", "01", "1.",
        "4.0000000000000000000000000", "100000000.00000000e-8", "99999999999999999999"};

    @Test
    void longDigitRunsInEveryNumericColumn() {
        for (final String v : NUMS) {
            same(body(quoted("nm".getBytes(StandardCharsets.US_ASCII)), v, "0.5", "1", "1.5"), Limits.DEFAULT);
            same(body(quoted("nm".getBytes(StandardCharsets.US_ASCII)), "1", v, "1", "1.5"), Limits.DEFAULT);
            same(body(quoted("nm".getBytes(StandardCharsets.US_ASCII)), "1", "0.5", v, "1.5"), Limits.DEFAULT);
            same(body(quoted("nm".getBytes(StandardCharsets.US_ASCII)), "1", "0.5", "1", v), Limits.DEFAULT);
            for (int max = 1; max <= 20; max++) {
                same(body(quoted("nm".getBytes(StandardCharsets.US_ASCII)), v, v, "1", v),
                    Limits.DEFAULT.withMaxNumberLength(max));
            }
        }
    }

    /** Random frame bodies with long plain strings, mutated with bytes of the whole range. */
    @Property(tries = 600)
    void mutatedFramesTellTheSameStory(@ForAll final long seed) {
        final Random r = new Random(seed);
        final ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("{\"dataframe_split\": {\"columns\": [\"id\", \"score\", \"name\", \"n\", \"f\"], \"data\": ["
            .getBytes(StandardCharsets.UTF_8));
        final int rows = 1 + r.nextInt(4);
        final String[] ws = {"", " ", "\n", "\r\n", "\t"};
        for (int i = 0; i < rows; i++) {
            o.writeBytes((i == 0 ? "[" : "," + ws[r.nextInt(ws.length)] + "[").getBytes(StandardCharsets.UTF_8));
            o.writeBytes((r.nextInt(100_000_000) + ", " + r.nextDouble() + ", ").getBytes(StandardCharsets.UTF_8));
            final int len = r.nextInt(30);
            o.write('"');
            for (int k = 0; k < len; k++) {
                if (r.nextInt(10) == 0) {
                    o.writeBytes(CHARS[r.nextInt(3)]);
                } else {
                    final int c = 0x20 + r.nextInt(0x5F);
                    o.write(c == '"' || c == '\\' ? 'q' : c);
                }
            }
            o.write('"');
            o.writeBytes((", " + r.nextInt() + ", " + r.nextFloat() + "]").getBytes(StandardCharsets.UTF_8));
        }
        o.writeBytes("]}}".getBytes(StandardCharsets.UTF_8));
        byte[] b = o.toByteArray();
        final int edits = r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            final int at = r.nextInt(b.length);
            final byte c = (byte) (r.nextBoolean() ? STOPS[r.nextInt(STOPS.length)]
                : MUTATIONS.charAt(r.nextInt(MUTATIONS.length())));
            if (r.nextBoolean()) {
                b[at] = c;
            } else {
                final byte[] n = new byte[b.length + 1];
                System.arraycopy(b, 0, n, 0, at);
                n[at] = c;
                System.arraycopy(b, at, n, at + 1, b.length - at);
                b = n;
            }
        }
        same(b, r.nextInt(4) == 0 ? Limits.DEFAULT.withMaxStringLength(1 + r.nextInt(30)) : Limits.DEFAULT);
    }

    // ---------------------------------------------------------------- the row scan and the buffer's end

    /** A direct row scan of {@code b[from, end)} (five schema columns and one the schema does not name), as text. */
    private static String rowScan(final byte[] b, final int from, final int end, final int maxNumber,
                                  final int maxString) {
        try (ColumnBatch batch = new ColumnBatch()) {
            final ColumnBatch.ColumnWriter[] w = new ColumnBatch.ColumnWriter[6];
            final io.signet.tensor.DType[] dt = {io.signet.tensor.DType.INT64, io.signet.tensor.DType.FLOAT64,
                io.signet.tensor.DType.OBJECT, io.signet.tensor.DType.INT32, io.signet.tensor.DType.FLOAT32};
            for (int c = 0; c < 5; c++) {
                w[c] = batch.startColumn("c" + c, dt[c]);
            }
            final io.signet.schema.DataType[] types = {io.signet.schema.DataType.LONG, io.signet.schema.DataType.DOUBLE,
                io.signet.schema.DataType.STRING, io.signet.schema.DataType.INTEGER, io.signet.schema.DataType.FLOAT};
            final RawFrameRows rows = new RawFrameRows();
            final int close = rows.scan(b, from, end, 6, new int[] {0, 1, 2, 3, 4, -1}, types, w, Mode.MLFLOW,
                maxNumber, maxString);
            final StringBuilder sb = new StringBuilder().append(close);
            if (close >= 0) {
                sb.append(" rows ").append(rows.rows).append(" nl ").append(rows.ws.newlines).append('@')
                    .append(rows.ws.lineStart);
                for (int c = 0; c < 5; c++) {
                    w[c].finish();
                }
                for (int c = 0; c < batch.columnCount(); c++) {
                    final Column col = batch.column(c);
                    sb.append(" |");
                    for (int row = 0; row < batch.rowCount(); row++) {
                        final Object v = col.get(row);
                        sb.append(' ').append(v instanceof Double ? Double.doubleToRawLongBits((Double) v) : v);
                    }
                }
            }
            return sb.toString();
        }
    }

    private static final String[] AFTER = {"", "99999999999999999999", "\"\"\"\"\"\"\"\"\"", "]]]]]]]]]]",
        "\u00c0\u00cf\u00ff\u0080\u00c3\u00a9", "aaaaaaaaaaaaaaaaaaaa",
        "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"};

    /** Rows cut at every byte: the scan abstains or agrees with the whole one, whatever follows the cut. */
    @Test
    void rowScansOfEveryPrefixIgnoreWhatFollows() {
        final String[] docs = {
            "[[1, 0.5, \"abcdefghijklmnop\", 2, 3.5, \"xyzxyzxyzxyz\"], "
                + "[12345678, 123456789.125, \"\", -7, 1e3, 1234567]]",
            "[[0, 0.000000000000000000123456789012345678901, \"h\u00e9llo w\u00f6rld!!\", 2147483647, 3.4e38, true]]",
            "[[-0,\r\n-0.0,\n\"\u65e5\u672c\u8a9e\u65e5\u672c\",\t0,\r1.5,\n\"a\"]\n,\r[1,2,\"x\",3,4,null]]",
            "[[123456789012345678, 1234567890123456789.5, \"abcdefgh\", 1, 2, 0.1234567890123456789]]"};
        for (final String d : docs) {
            final byte[] doc = d.getBytes(StandardCharsets.UTF_8);
            for (final int[] lim : new int[][] {{1000, 1 << 20}, {8, 8}, {18, 16}, {64, 3}}) {
                final String whole = rowScan(doc, 1, doc.length, lim[0], lim[1]);
                assertTrue(lim[0] < 1000 || !whole.startsWith("-1"), d + " not scanned: " + whole);
                for (int cut = 1; cut <= doc.length; cut++) {
                    String first = null;
                    for (final String a : AFTER) {
                        final byte[] ab = a.getBytes(StandardCharsets.ISO_8859_1);
                        final byte[] b = new byte[cut + ab.length];
                        System.arraycopy(doc, 0, b, 0, cut);
                        System.arraycopy(ab, 0, b, cut, ab.length);
                        final String got = rowScan(b, 1, cut, lim[0], lim[1]);
                        if (first == null) {
                            first = got;
                        } else {
                            assertEquals(first, got, "cut " + cut + " after " + a + " " + d);
                        }
                    }
                    assertTrue(first.startsWith("-1") || first.equals(whole),
                        "cut " + cut + ": " + first + " vs " + whole);
                }
            }
        }
    }

    // ---------------------------------------------------------------- whole requests: fast paths against the exact one

    private static final String[] TENSOR_SIGS = {
        "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"uint8\", \"shape\": [-1, 2, 3]}}]",
        "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int32\", \"shape\": [-1, 3]}}]",
        "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 3]}}]"};

    private static String judge(final ModelSignature sig, final Mode mode, final byte[] body, final boolean fast) {
        final ScoringServer server = new ScoringServer(sig, mode, Limits.DEFAULT, fast);
        final ScoringResponse r = server.invoke(body, "application/json");
        // what FastPathEquivalenceTest compares: the exact path reports no line and column
        return r.status() + " " + r.errorCode() + " " + r.message() + " @ " + r.pointer() + " deviation "
            + r.deviation();
    }

    private static final String MUTATIONS = "0123456789.e-, ]\n\r\t";

    /** Image-like and integer tensor requests, mutated: the fast paths answer exactly as the exact path. */
    @Property(tries = 300)
    void tensorRequestsAnswerAsTheExactPath(@ForAll final long seed) {
        final Random r = new Random(seed);
        final int which = r.nextInt(TENSOR_SIGS.length);
        final ModelSignature sig = ScoringServerTestAccess.sig(TENSOR_SIGS[which]);
        final StringBuilder sb = new StringBuilder(r.nextBoolean() ? "{\"inputs\": [" : "{\"instances\": [");
        final int n = 1 + r.nextInt(3);
        final String[] seps = {",", ", ", ",\n", ",\r\n  ", " , "};
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : seps[r.nextInt(seps.length)]);
            if (which == 0) {
                sb.append("[[").append(r.nextInt(256)).append(", ").append(r.nextInt(256)).append(", ")
                    .append(r.nextInt(256)).append("], [").append(r.nextInt(256)).append(", ").append(r.nextInt(256))
                    .append(",").append(r.nextInt(256)).append("]]");
            } else {
                sb.append("[").append(r.nextInt(20_000_000) - 10_000_000).append(", ").append(r.nextInt(1000))
                    .append(", ").append(r.nextInt()).append("]");
            }
        }
        sb.append("]}");
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        final int edits = r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            final int at = r.nextInt(b.length);
            final byte c = (byte) (r.nextInt(4) == 0 ? STOPS[r.nextInt(STOPS.length)]
                : MUTATIONS.charAt(r.nextInt(MUTATIONS.length())));
            if (r.nextBoolean()) {
                b[at] = c;
            } else {
                final byte[] m = new byte[b.length + 1];
                System.arraycopy(b, 0, m, 0, at);
                m[at] = c;
                System.arraycopy(b, at, m, at + 1, b.length - at);
                b = m;
            }
        }
        for (final Mode mode : Mode.values()) {
            assertEquals(judge(sig, mode, b, false), judge(sig, mode, b, true),
                mode + " " + new String(b, StandardCharsets.ISO_8859_1));
        }
    }
}
