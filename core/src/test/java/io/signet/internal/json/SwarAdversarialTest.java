package io.signet.internal.json;

import io.signet.json.Limits;

import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.EiselLemire;
import io.signet.internal.json.Json;
import io.signet.internal.json.RawNumber;
import com.fasterxml.jackson.core.io.NumberInput;
import io.signet.enforce.Mode;
import io.signet.tensor.DType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adversarial probes of the word-at-a-time ({@link Swar}) scanners: {@link RawArrayScanner}'s
 * integer rows and {@link RawNumber}'s digit runs. Three oracles: the token path (raw factory
 * against the plain one, whole documents with every token and location after the tensor), the
 * byte-at-a-time {@link RawNumber} the word loop replaced (kept below verbatim), and the buffer's
 * end (a scan of {@code b[.. end)} may not depend on any byte at or after {@code end}).
 */
class SwarAdversarialTest {
    private static final DType[] RAW = RawArrayScannerTest.RAW_DTYPES;
    private static final DType[] INTS = {DType.INT8, DType.INT16, DType.INT32, DType.INT64, DType.UINT8, DType.UINT16,
        DType.UINT32, DType.UINT64};

    // ---------------------------------------------------------------- helpers

    private static void same(final Limits limits, final byte[] b, final int off, final int len, final DType dt) {
        for (final Mode mode : Mode.values()) {
            final String plain = RawScannerAdversarialTest.walk(Json.tokenFactory(limits), limits, b, off, len, dt, mode);
            final String raw = RawScannerAdversarialTest.walk(Json.rawFactory(limits), limits, b, off, len, dt, mode);
            assertEquals(plain, raw, dt + " " + mode + " off " + off + " len " + len + " "
                + new String(b, off, len, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    private static void same(final Limits limits, final byte[] b, final DType... dts) {
        for (final DType dt : dts.length == 0 ? RAW : dts) {
            same(limits, b, 0, b.length, dt);
        }
    }

    private static void same(final Limits limits, final String json, final DType... dts) {
        same(limits, json.getBytes(StandardCharsets.UTF_8), dts);
    }

    private static byte[] latin1(final String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }


    /** Everything a direct scan of {@code b[from, end)} produced, as text. */
    private static String scan(final byte[] b, final int from, final int end, final DType dt, final int maxLiteral) {
        try (DecodedTensor t = new DecodedTensor()) {
            t.reset(dt);
            final RawArrayScanner s = new RawArrayScanner();
            final int close = s.scan(b, from, end, TensorReader.kindOf(dt), t, Long.MAX_VALUE, 60, maxLiteral);
            final StringBuilder sb = new StringBuilder().append(close);
            if (close >= 0) {
                sb.append(" rank ").append(s.rank).append(" count ").append(s.count).append(" dims");
                for (int k = 0; k < s.rank; k++) {
                    sb.append(' ').append(s.dims[k]);
                }
                sb.append(" nl ").append(s.ws.newlines).append('@').append(s.ws.lineStart).append(" bytes");
                for (int k = 0; k < t.dataLength(); k++) {
                    sb.append(' ').append(t.data().getByte(k));
                }
            }
            return sb.toString();
        }
    }

    /** Bytes that would extend whatever was cut at the end: digits, string bytes, brackets, UTF-8 leads. */
    private static final String[] GARBAGE = {"", "9999999999999999999999", "0000000000000000", "]]]]]]]]]]]]",
        ",1,2,3,4,5]]]]]", "        \n\n", "\"\"\"\"\"\"\"\"\"", "\u00c0\u00cf\u00ff\u0080\u00c0\u00cf\u00ff\u0080",
        ".5e5.5e5.5e5", "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000", "-1-1-1-1-1-1-1-1"};

    /**
     * The scan of every prefix {@code b[0, cut)} gives the same answer whatever follows the cut,
     * and abstains or agrees with the scan of the whole.
     */
    private static void prefixScansIgnoreTheRest(final byte[] doc, final int from, final DType dt,
                                                 final int maxLiteral) {
        final String whole = scan(doc, from, doc.length, dt, maxLiteral);
        for (int cut = from; cut <= doc.length; cut++) {
            String first = null;
            for (final String g : GARBAGE) {
                final byte[] gb = latin1(g);
                final byte[] b = new byte[cut + gb.length];
                System.arraycopy(doc, 0, b, 0, cut);
                System.arraycopy(gb, 0, b, cut, gb.length);
                final String got = scan(b, from, cut, dt, maxLiteral);
                if (first == null) {
                    first = got;
                } else {
                    assertEquals(first, got, "cut " + cut + " garbage " + g + " "
                        + new String(doc, StandardCharsets.ISO_8859_1));
                }
            }
            assertTrue(first.startsWith("-1") || first.equals(whole), "cut " + cut + ": " + first + " vs " + whole);
        }
    }

    // ---------------------------------------------------------------- the buffer's end

    @Test
    void integerRowsNeverLookPastTheEnd() {
        final String[] docs = {"[[1, 2, 3], [4, 5, 6]]", "[[1234567, 7654321], [1, 12]]", "[[0, 0], [0, 0]]",
            "[[255, 254, 253, 252, 251, 250, 249, 248], [1, 2, 3, 4, 5, 6, 7, 8]]",
            "[[12345678, 123456789], [1234567, 12345678]]", "[[1,2],[3,4]]", "[[1,\n2],\r\n[3,\r4]]",
            "[[ 1 , 2 ],[ 3 , 4 ]]", "[[-1, -2], [-3, -4]]", "[[1], [2]]", "[[[1, 2]], [[3, 4]]]",
            "[[1, 2], [3, 4.5]]", "[[1, 2], [3, 4e1]]", "[[1, 2], [3, 4]]   "};
        for (final String d : docs) {
            final byte[] b = latin1(d);
            for (final DType dt : RAW) {
                for (final int maxLiteral : new int[] {1, 2, 7, 8, 64}) {
                    prefixScansIgnoreTheRest(b, 1, dt, maxLiteral);
                }
            }
        }
    }

    @Test
    void sliceEndsInsideLiteralsGiveTheTokenPathsAnswer() {
        // a document cut anywhere inside a slice of a larger array whose next bytes would continue it
        final String doc = "{\"t\": [[1, 22, 333], [4444, 55555, 666666], [7777777, 0, 9]], \"t2\": [1.25, 3e2]}";
        final byte[] inner = latin1(doc);
        for (final String pre : new String[] {"", "9", "[[[ "}) {
            for (final String post : GARBAGE) {
                final byte[] pb = latin1(pre);
                final byte[] b = latin1(pre + doc + post);
                for (final DType dt : new DType[] {DType.UINT8, DType.INT64, DType.FLOAT32}) {
                    same(Limits.DEFAULT, b, pb.length, inner.length, dt);
                    for (int cut = 6; cut < inner.length; cut += 1) {
                        same(Limits.DEFAULT, b, pb.length, cut, dt);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- integer rows against the token path

    private static final String[] INT_LITS = {"0", "-0", "00", "01", "-01", "1", "9", "-1", "10", "99", "127", "128",
        "-128", "-129", "255", "256", "999", "1000", "32767", "32768", "-32768", "65535", "65536", "99999", "123456",
        "999999", "1000000", "1234567", "9999999", "-9999999", "10000000", "12345678", "99999999", "100000000",
        "123456789", "2147483647", "2147483648", "4294967295", "4294967296", "0000000", "0123456", "1.0", "1.5",
        "1e1", "1E1", "1e+1", "12345.6", "1234567.", "1234567e", "7-", "1-2", "--1", "+1", "1x", "-", ".5",
        "123456789012345678", "1234567890123456789", "9223372036854775807", "18446744073709551615"};

    private static final String[] SEPS = {",", ", ", ",  ", ", \t", ",\t", ",\n", ", \n", ",\r\n", ",\r", " ,", "\t,",
        "\n,", "\r\n, ", " , ", ",,", ", ,"};

    @Test
    void everyIntegerLiteralInEveryRowPositionWithEverySeparator() {
        for (final String lit : INT_LITS) {
            for (final String sep : SEPS) {
                // the first row fixes the rank; the second one is read by integerRow; the literal first, middle, last
                final String rows = "[[1, 2, 3], [" + lit + sep + "2" + sep + "3], [1" + sep + lit + sep + "3], [1"
                    + sep + "2" + sep + lit + "]]";
                same(Limits.DEFAULT, "{\"t\": " + rows + ", \"u\": [1]}", INTS);
                same(Limits.DEFAULT, "\n{\"t\":\r\n" + rows + "\r\n}", INTS);
                same(Limits.DEFAULT, rows, DType.UINT8, DType.INT64); // the root, ending at the buffer's end
            }
        }
    }

    @Test
    void literalsRightBeforeTheEndOfTheBuffer() {
        // the last row's literal starts at every distance from the end: the word loop needs 9 bytes left
        for (final String lit : new String[] {"1", "12", "1234567", "12345678", "0", "-5", "1.5", "255", "256"}) {
            for (int pad = 0; pad <= 12; pad++) {
                final String doc = "[[7, 7], [7, " + lit + "]" + " ".repeat(pad) + "]";
                same(Limits.DEFAULT, doc, INTS);
                same(Limits.DEFAULT, "[[7, 7], [7, " + lit + " ".repeat(pad) + "]]", INTS);
                same(Limits.DEFAULT, "[[7, 7], [7," + " ".repeat(pad) + lit + "]]", INTS);
                same(Limits.DEFAULT, "[[7, 7], [7, " + lit + "]", INTS); // truncated
                same(Limits.DEFAULT, "[[7, 7], [7, " + lit, INTS);
            }
        }
    }

    @Test
    void nonAsciiAndControlBytesRightAfterDigits() {
        final List<Integer> odd = new ArrayList<>();
        for (int c = 0; c < 0x20; c++) {
            odd.add(c);
        }
        for (int c = 0x7F; c <= 0xFF; c++) {
            odd.add(c);
        }
        for (final char c : ":/;<=>?@ABCDEFabcdef+-.eE\"\\{}[".toCharArray()) {
            odd.add((int) c);
        }
        for (final int c : odd) {
            for (final String lit : new String[] {"1", "12", "1234567", "12345678", "0"}) {
                final byte[] lb = latin1(lit);
                final String head = "{\"t\": [[1, 2], [3, ";
                final byte[] h = latin1(head);
                final byte[] tail = latin1("]], \"u\": [1]}");
                final byte[] b = new byte[h.length + lb.length + 1 + tail.length];
                System.arraycopy(h, 0, b, 0, h.length);
                System.arraycopy(lb, 0, b, h.length, lb.length);
                b[h.length + lb.length] = (byte) c;
                System.arraycopy(tail, 0, b, h.length + lb.length + 1, tail.length);
                same(Limits.DEFAULT, b, DType.UINT8, DType.INT32, DType.FLOAT64);
                // the same byte before the literal
                final byte[] b2 = b.clone();
                System.arraycopy(lb, 0, b2, h.length + 1, lb.length);
                b2[h.length] = (byte) c;
                same(Limits.DEFAULT, b2, DType.UINT8, DType.INT32, DType.FLOAT64);
            }
        }
    }

    @Test
    void theNumberLengthLimitInsideWordReadRows() {
        for (int max = 1; max <= 10; max++) {
            final Limits l = Limits.DEFAULT.withMaxNumberLength(max);
            same(l, "{\"t\": [[1, 2], [1, 12, 123, 1234, 12345, 123456, 1234567, 12345678, 123456789]], \"u\": 1}",
                DType.INT32, DType.INT64, DType.UINT32);
            for (int digits = 1; digits <= 9; digits++) {
                final String lit = "1234567890".substring(0, digits);
                same(l, "{\"t\": [[1], [" + lit + "]], \"u\": 1}", DType.INT32, DType.INT64, DType.FLOAT64);
                same(l, "{\"t\": [[1], [-" + lit + "]], \"u\": 1}", DType.INT32, DType.INT64, DType.FLOAT64);
                same(l, "{\"t\": [[1], [ " + lit + "]], \"u\": 1}", DType.INT32, DType.INT64);
            }
        }
    }

    @Test
    void rangeBoundariesOfEveryIntegerDtypeInRows() {
        final long[] edges = {0, 1, 126, 127, 128, 129, 254, 255, 256, 32766, 32767, 32768, 65534, 65535, 65536,
            999_999, 1_000_000, 9_999_999, 10_000_000, 2_147_483_647L, 2_147_483_648L, 4_294_967_295L, 4_294_967_296L};
        for (final long e : edges) {
            for (final String lit : new String[] {Long.toString(e), Long.toString(-e)}) {
                same(Limits.DEFAULT, "{\"t\": [[0, 0], [" + lit + ", " + lit + "]]}", INTS);
            }
        }
    }

    /** Random uint8-image-like documents, mutated with bytes of the whole range, and read from slices. */
    @Property(tries = 400)
    void mutatedImageRowsTellTheSameStory(@ForAll final long seed) {
        final Random r = new Random(seed);
        final StringBuilder sb = new StringBuilder(r.nextBoolean() ? "{\"inputs\": " : "{\"t\": ");
        final int rows = 2 + r.nextInt(3);
        final int cols = 1 + r.nextInt(12);
        final String[] seps = {",", ", ", ",\n", ",\r\n ", " , ", ",\t"};
        sb.append('[');
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "[" : seps[r.nextInt(seps.length)] + "[");
            for (int j = 0; j < cols; j++) {
                sb.append(j == 0 ? "" : r.nextInt(4) == 0 ? seps[r.nextInt(seps.length)] : ", ");
                sb.append(r.nextInt(5) == 0 ? r.nextInt(100_000_000) : r.nextInt(256));
            }
            sb.append(']');
        }
        sb.append("]").append(r.nextBoolean() ? ", \"u\": [1, 2]}" : "}");
        byte[] b = latin1(sb.toString());
        final int edits = r.nextInt(3);
        final byte[] alphabet = latin1("0123456789-+.eE,[] \n\r\t\"x\u0000\u00c0\u00cf\u00ff\u0080");
        for (int e = 0; e < edits; e++) {
            final int at = r.nextInt(b.length);
            final byte c = r.nextInt(6) == 0 ? (byte) (0x80 + r.nextInt(0x80)) : alphabet[r.nextInt(alphabet.length)];
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
        final DType dt = INTS[r.nextInt(INTS.length)];
        final Limits l = r.nextInt(4) == 0 ? Limits.DEFAULT.withMaxNumberLength(1 + r.nextInt(8)) : Limits.DEFAULT;
        same(l, b, 0, b.length, dt);
        // the same bytes as a slice of a larger array, cut somewhere, with digits after the cut
        final int cut = 1 + r.nextInt(b.length);
        final byte[] big = new byte[b.length + 16];
        System.arraycopy(b, 0, big, 3, b.length);
        java.util.Arrays.fill(big, 0, 3, (byte) '[');
        java.util.Arrays.fill(big, 3 + cut, big.length, (byte) '7');
        same(l, big, 3, cut, dt);
    }

    // ---------------------------------------------------------------- RawNumber against the byte loop and Python

    /** RawNumber.parse as it was before the word loop (commit 7e70a60^), the reference for the digit folding. */
    private static final class ByteLoopNumber {
        private static final double[] POW10 = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
            1e19, 1e20, 1e21, 1e22};
        private static final long TWO_53 = 1L << 53;
        boolean integral;
        long longValue;
        double doubleValue;

        int parse(final byte[] b, final int from, final int end, final int maxLiteral) {
            int i = from;
            final boolean neg = b[i] == '-';
            if (neg) {
                i++;
            }
            final int int0 = i;
            long m = 0;
            int sig = 0;
            boolean dropped = false;
            int exp10 = 0;
            while (i < end) {
                final int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (sig < 18) {
                    m = m * 10 + d;
                    if (m != 0) {
                        sig++;
                    }
                } else {
                    dropped |= d != 0;
                    exp10++;
                }
                i++;
            }
            final int intDigits = i - int0;
            if (intDigits == 0 || intDigits > 1 && b[int0] == '0') {
                return -1;
            }
            boolean integ = true;
            if (i < end && b[i] == '.') {
                integ = false;
                i++;
                final int frac0 = i;
                while (i < end) {
                    final int d = b[i] - '0';
                    if (d < 0 || d > 9) {
                        break;
                    }
                    if (sig < 18) {
                        m = m * 10 + d;
                        exp10--;
                        if (m != 0) {
                            sig++;
                        }
                    } else {
                        dropped |= d != 0;
                    }
                    i++;
                }
                if (i == frac0) {
                    return -1;
                }
            }
            if (i < end && (b[i] == 'e' || b[i] == 'E')) {
                integ = false;
                i++;
                boolean eneg = false;
                if (i < end && (b[i] == '+' || b[i] == '-')) {
                    eneg = b[i] == '-';
                    i++;
                }
                final int exp0 = i;
                int e = 0;
                while (i < end) {
                    final int d = b[i] - '0';
                    if (d < 0 || d > 9) {
                        break;
                    }
                    if (e < 100_000) {
                        e = e * 10 + d;
                    }
                    i++;
                }
                if (i == exp0) {
                    return -1;
                }
                exp10 += eneg ? -e : e;
            }
            if (i - from > maxLiteral) {
                return -1;
            }
            final double v;
            this.integral = integ;
            if (integ) {
                if (dropped || exp10 != 0) {
                    return -1;
                }
                longValue = neg ? -m : m;
                v = longValue;
            } else if (!dropped && m <= TWO_53 && exp10 >= -22 && exp10 <= 22) {
                final double a = exp10 >= 0 ? m * POW10[exp10] : m / POW10[-exp10];
                v = neg ? -a : a;
            } else if (!dropped) {
                final long bits = EiselLemire.toDoubleBits(m, exp10);
                v = bits != EiselLemire.UNDECIDED ? Double.longBitsToDouble(neg ? bits | Long.MIN_VALUE : bits)
                    : slow(b, from, i - from);
            } else {
                v = slow(b, from, i - from);
            }
            doubleValue = v;
            return i;
        }

        private static double slow(final byte[] b, final int from, final int len) {
            final char[] c = new char[len];
            for (int k = 0; k < len; k++) {
                c[k] = (char) b[from + k];
            }
            return NumberInput.parseDouble(c, 0, len, true);
        }
    }

    private static String newParse(final RawNumber n, final byte[] b, final int from, final int end, final int max) {
        final int i = n.parse(b, from, end, max);
        return i < 0 ? "-1" : i + " " + n.integral + " " + (n.integral ? n.longValue : 0) + " "
            + Double.doubleToRawLongBits(n.doubleValue);
    }

    private static String oldParse(final ByteLoopNumber n, final byte[] b, final int from, final int end,
                                   final int max) {
        final int i = n.parse(b, from, end, max);
        return i < 0 ? "-1" : i + " " + n.integral + " " + (n.integral ? n.longValue : 0) + " "
            + Double.doubleToRawLongBits(n.doubleValue);
    }

    /** The word loop against the byte loop, every prefix cut, garbage after the cut; and against Python's float(). */
    private static void literal(final RawNumber n, final ByteLoopNumber o, final String lit, final int maxLiteral) {
        final byte[] lb = latin1(lit);
        for (final String pre : new String[] {"", "[", "12345678"}) {
            for (final String post : new String[] {"", ",", "]", "\u00c0", "9999999999", "00000000", " 1"}) {
                final byte[] b = latin1(pre + lit + post);
                final int from = pre.length();
                for (int end = from + 1; end <= b.length; end++) {
                    if (end < from + lb.length && !post.isEmpty()) {
                        continue; // cut inside the literal: covered with post ""
                    }
                    final String want = oldParse(o, b, from, end, maxLiteral);
                    assertEquals(want, newParse(n, b, from, end, maxLiteral), lit + " end " + (end - from) + " pre "
                        + pre + " post " + post);
                }
            }
        }
        // the literal as a prefix of a larger buffer, with digits after the end
        for (int end = 1; end <= lb.length; end++) {
            final byte[] b = latin1(lit + "1234567890123456789");
            final byte[] c = latin1(lit + "\u00cf,,,,,,,,,,,,,,,,,,");
            assertEquals(newParse(n, c, 0, end, maxLiteral), newParse(n, b, 0, end, maxLiteral), lit + " cut " + end);
        }
        final int i = n.parse(lb, 0, lb.length, maxLiteral);
        if (i == lb.length && !n.integral) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(lit)), Double.doubleToRawLongBits(n.doubleValue),
                lit);
        }
        if (i == lb.length && n.integral) {
            assertEquals(Long.parseLong(lit), n.longValue, lit);
        }
    }

    private static final String[] FLOAT_LITS = {"0", "-0", "-0.0", "0.0", "0.000000000000000000123456789012345678901",
        "-0.000000000000000000123456789012345678901", "0.00000000000000000000000000000000000001",
        "0.000000000000000000000000000000000000000000001", "0.1234567890123456789",
        "12345678.12345678", "123456789.123456789", "12345678901234567.8", "123456789012345678.9",
        "1234567890123456789.5", "12345678901234567890123.456e-5", "99999999999999999999.9999999999",
        "100000000000000000000.000000000000000001", "10000000000000000000.00000000000000000000001",
        "9007199254740993", "9007199254740993.0", "9007199254740992.99999999999999999", "0.30000000000000004",
        "3.141592653589793238462643383279", "2.718281828459045235360287", "1.00000000000000011102230246251565404",
        "1.000000000000000111022302462515654042", "1.0000000000000001110223024625156540423631668090820312500001",
        "123456789012345678", "1234567890123456789", "12345678", "123456789", "1234567", "-12345678", "-123456789",
        "00000000", "0.00000000", "0.00000001", "1.00000000", "10000000.0", "10000000e-7", "99999999e99",
        "1.7976931348623157e308", "4.9e-324", "2.2250738585072011e-308", "123456789012345678e-340",
        "0.0000000000000000000000000000000000000000000000000000001e300", "12345678e", "12345678.", "1234567.e5",
        "12345678.e", "01234567", "0.1e1", "1e12345678", "1E-00000001", "-.5", "--5", "1.2.3", "1e5e5",
        "9223372036854775807", "999999999999999999", "-999999999999999999", "100000000000000000",
        "0.100000000000000000", "0.1000000000000000000", "0.10000000000000000001", "8.000000000000000000000001"};

    @Test
    void numberLiteralsFoldExactlyAsTheByteLoop() {
        final RawNumber n = new RawNumber();
        final ByteLoopNumber o = new ByteLoopNumber();
        for (final String lit : FLOAT_LITS) {
            for (final int max : new int[] {1, 8, 9, 17, 18, 19, 20, 40, 64}) {
                literal(n, o, lit, max);
            }
        }
    }

    /** Random literals built from runs of zeros and digits around the word size and the 18-digit cap. */
    @Property(tries = 3000)
    void generatedLiteralsFoldExactlyAsTheByteLoop(@ForAll final long seed) {
        final Random r = new Random(seed);
        final StringBuilder sb = new StringBuilder();
        if (r.nextInt(3) == 0) {
            sb.append('-');
        }
        final int intLen = r.nextInt(5) == 0 ? 1 : 1 + r.nextInt(26);
        sb.append(intLen == 1 && r.nextBoolean() ? '0' : (char) ('1' + r.nextInt(9)));
        for (int k = 1; k < intLen; k++) {
            sb.append(r.nextInt(4) == 0 ? '0' : (char) ('0' + r.nextInt(10)));
        }
        if (r.nextInt(3) != 0) {
            sb.append('.');
            final int zeros = r.nextInt(4) == 0 ? r.nextInt(25) : 0;
            sb.append("0".repeat(zeros));
            final int fracLen = r.nextInt(30);
            for (int k = 0; k < fracLen; k++) {
                sb.append(r.nextInt(5) == 0 ? '0' : (char) ('0' + r.nextInt(10)));
            }
            if (fracLen == 0 && zeros == 0 && r.nextBoolean()) {
                sb.append('5');
            }
        }
        if (r.nextInt(3) == 0) {
            sb.append(r.nextBoolean() ? 'e' : 'E').append(r.nextInt(3) == 0 ? "-" : r.nextInt(2) == 0 ? "+" : "")
                .append(r.nextInt(r.nextBoolean() ? 30 : 400));
        }
        final String lit = sb.toString();
        final RawNumber n = new RawNumber();
        final ByteLoopNumber o = new ByteLoopNumber();
        literal(n, o, lit, 64);
        literal(n, o, lit, 1 + r.nextInt(64));
        // and the token path, as a float64/float32 tensor row and in an integer one
        same(Limits.DEFAULT, "{\"t\": [" + lit + ", " + lit + "], \"u\": [[1], [" + lit + "]], \"t2\": [[1], [" + lit
            + "]]}", DType.FLOAT64, DType.FLOAT32, DType.INT64);
    }

    @Test
    void whitespaceAndLineTrackingAroundWordReadRows() {
        final String[] ws = {"", " ", "  ", "\t", "\n", "\r", "\r\n", "\n\r", " \r\n\t", "\r\r", "\n\n ", " \t "};
        for (final String a : ws) {
            for (final String c : ws) {
                final String doc = "{\"t\":" + a + "[[1," + a + "2]," + c + "[" + a + "3" + c + "," + a + "4567890" + c
                    + "]" + a + "," + c + "[5, 6]" + c + "]" + a + ", \"x\":" + c + " q}";
                same(Limits.DEFAULT, doc, DType.UINT8, DType.INT32, DType.FLOAT32);
                final String ok = "{\"t\":" + a + "[[1," + a + "2]," + c + "[" + a + "3" + c + "," + a + "45" + c
                    + "]" + a + "]," + c + "\"u\": [1," + c + "2]}";
                same(Limits.DEFAULT, ok, DType.UINT8, DType.INT64);
            }
        }
    }

    /** Integer parts of 1 to 26 digits, 0 to 24 leading fraction zeros, 0 to 26 more fraction digits, exponents. */
    @Test
    void significantDigitSweepAroundTheEighteenDigitCap() {
        final RawNumber n = new RawNumber();
        final ByteLoopNumber o = new ByteLoopNumber();
        final String digits = "98765432109876543210987654321";
        int accepted = 0;
        for (int intLen = 1; intLen <= 26; intLen++) {
            for (final String head : new String[] {"0", "1", "9"}) {
                if (head.equals("0") && intLen > 1) {
                    continue;
                }
                final String ip = head + digits.substring(0, intLen - 1);
                for (int zeros = 0; zeros <= 24; zeros += intLen == 1 ? 1 : 4) {
                    for (int frac = 0; frac <= 26; frac++) {
                        if (zeros + frac == 0) {
                            continue;
                        }
                        final String fp = "0".repeat(zeros) + digits.substring(digits.length() - frac);
                        for (final String exp : new String[] {"", "e5", "E-17", "e+300", "e-330"}) {
                            for (final String sign : new String[] {"", "-"}) {
                                final String lit = sign + ip + "." + fp + exp;
                                final byte[] b = latin1(lit + ",");
                                final int len = Math.min(64, lit.length());
                                for (final int max : new int[] {64, len, len - 1}) {
                                    final String want = oldParse(o, b, 0, b.length, max);
                                    assertEquals(want, newParse(n, b, 0, b.length, max), lit + " max " + max);
                                }
                                if (n.parse(b, 0, b.length, 64) == lit.length()) {
                                    accepted++;
                                    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(lit)),
                                        Double.doubleToRawLongBits(n.doubleValue), lit);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(accepted > 10_000, "accepted " + accepted);
        // integer literals of 1 to 20 digits
        for (int len = 1; len <= 20; len++) {
            for (final String sign : new String[] {"", "-"}) {
                final String lit = sign + "9" + digits.substring(0, len - 1);
                final byte[] b = latin1(lit + "]");
                assertEquals(oldParse(o, b, 0, b.length, 64), newParse(n, b, 0, b.length, 64), lit);
            }
        }
    }
}
