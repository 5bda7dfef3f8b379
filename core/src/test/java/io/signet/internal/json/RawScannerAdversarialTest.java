package io.signet.internal.json;

import io.signet.json.Limits;

import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.Deviations;
import io.signet.internal.json.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.signet.enforce.Mode;
import io.signet.tensor.DType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adversarial differential checks of the raw scanner against the token path: whole documents with
 * several tensors (every field whose name starts with {@code t} is read as a tensor), every token
 * and location after them, errors after a scanned tensor, byte sub-ranges, custom limits.
 */
class RawScannerAdversarialTest {
    private static final DType[] RAW = RawArrayScannerTest.RAW_DTYPES;

    /** Walks the whole document; tensors decoded with TensorReader; everything else listed with its location. */
    static String walk(final JsonFactory f, final Limits limits, final byte[] b, final int off, final int len,
                       final DType dtype, final Mode mode) {
        final StringBuilder sb = new StringBuilder();
        final Deviations noted = new Deviations();
        final TensorReader reader = new TensorReader(noted);
        try (DecodedTensor t = new DecodedTensor(); JsonParser p = f.createParser(b, off, len)) {
            try {
                JsonToken tok;
                while ((tok = p.nextToken()) != null) {
                    final boolean root = tok == JsonToken.START_ARRAY && p.getParsingContext().getParent().inRoot()
                        && p.getParsingContext().getParent().getParent() == null && sb.length() == 0;
                    if (root) {
                        reader.read(p, dtype, t, mode == Mode.STRICT, limits);
                        sb.append("root tensor size ").append(t.size()).append(" bytes");
                        for (int i = 0; i < t.dataLength(); i++) {
                            sb.append(' ').append(t.data().getByte(i));
                        }
                        sb.append(" last ").append(p.currentTokenLocation().getColumnNr()).append('\n');
                        continue;
                    }
                    final JsonLocation l = p.currentTokenLocation();
                    sb.append(tok).append('@').append(l.getLineNr()).append(':').append(l.getColumnNr()).append(':')
                        .append(l.getByteOffset()).append(' ').append(Json.pointer(p));
                    if (tok == JsonToken.FIELD_NAME && p.currentName().startsWith("t")) {
                        p.nextToken();
                        reader.read(p, dtype, t, mode == Mode.STRICT, limits);
                        sb.append(" tensor rank ").append(t.rank()).append(" dims");
                        for (int i = 0; i < t.rank(); i++) {
                            sb.append(' ').append(t.dim(i));
                        }
                        sb.append(" size ").append(t.size()).append(" bytes");
                        for (int i = 0; i < t.dataLength(); i++) {
                            sb.append(' ').append(t.data().getByte(i));
                        }
                        final JsonLocation e = p.currentTokenLocation();
                        sb.append(" last ").append(p.currentToken()).append('@').append(e.getLineNr()).append(':')
                            .append(e.getColumnNr()).append(':').append(e.getByteOffset()).append(' ')
                            .append(Json.pointer(p)).append(" cur ").append(p.currentLocation().getColumnNr());
                    }
                    sb.append('\n');
                }
            } catch (PayloadException e) {
                sb.append("400 ").append(e.getMessage()).append(" at ").append(e.pointer()).append(' ').append(e.line())
                    .append(':').append(e.column()).append(':').append(e.byteOffset());
            } catch (JsonProcessingException e) {
                final PayloadException x = Json.syntax(p, e, limits);
                sb.append("syntax ").append(x.getMessage()).append(" at ").append(x.pointer()).append(' ')
                    .append(x.line()).append(':').append(x.column()).append(':').append(x.byteOffset());
            }
        } catch (IOException e) {
            sb.append("io ").append(e.getMessage());
        }
        final PayloadException dev = noted.first();
        if (dev != null) {
            sb.append(" deviation ").append(dev.getMessage()).append(' ').append(dev.line()).append(':')
                .append(dev.column());
        }
        return sb.toString();
    }

    private static void same(final Limits limits, final byte[] b, final int off, final int len, final DType dt) {
        for (final Mode mode : Mode.values()) {
            final String plain = walk(Json.tokenFactory(limits), limits, b, off, len, dt, mode);
            final String raw = walk(Json.rawFactory(limits), limits, b, off, len, dt, mode);
            assertEquals(plain, raw, dt + " " + mode + " "
                + new String(b, off, len, StandardCharsets.UTF_8).replace("\r", "\\r"));
        }
    }

    private static void same(final Limits limits, final String json, final DType... dts) {
        final byte[] b = json.getBytes(StandardCharsets.UTF_8);
        for (final DType dt : dts.length == 0 ? RAW : dts) {
            same(limits, b, 0, b.length, dt);
        }
    }

    @Test
    void theNumberLengthLimitAppliesToIntegerTensorsToo() {
        for (int max = 1; max <= 20; max++) {
            final Limits l = Limits.DEFAULT.withMaxNumberLength(max);
            same(l, "{\"t\": [1, 12, 123, -1234, 12345, 123456, 1234567, 12345678, 123456789, 1234567890]}");
            same(l, "{\"t\": [[-1, 99], [100000000000000000, -99999999999999999]]}");
            same(l, "{\"t\": [1.5, -12.25, 1e5, 123456789.125, -0.000123, 1234567890123456789012]}");
        }
    }

    @Test
    void severalTensorsAndErrorsAfterThemKeepTheirLocations() {
        final String[] tails = {"}", ", \"u\": [1, 2]}", ", \"u\": x}", ", \"u\": [1,, 2]}", "\r, \"u\": [1\r\n,\r2]}",
            ", \"t2\": [1, 2}", ", \"t2\": [[1,\r2],\r\n[3 4]]}", "]", "", ", \"t2\": [1.5]} extra",
            ", \"u\": \"caf\u00e9\u20ac\", \"t2\": [7]}", ", \"t2\": [300, -1]}"};
        final String[] firsts = {"[1, 2, 3]", "[\r[1,2],\r\n [3,4]\n]", "[[[1]],\n[[2]]]", "[ 0 , -0 ]", "[\t1\t]",
            "[1, 2.5]", "[[1, 2], [3]]", "[]", "[[]]"};
        for (final String first : firsts) {
            for (final String tail : tails) {
                same(Limits.DEFAULT, "\r\n  {\"a\": {\"b\": [true, \"\u00e9\"]},\r\"t1\":\n" + first + tail);
                same(Limits.DEFAULT, "{\"inputs\": {\"t1\": " + first + ", \"t2\": " + first + tail + "}");
            }
        }
    }

    @Test
    void byteSubRangesWithOffsetsGiveTheSameLocationsAndStopAtTheEnd() {
        final String doc = "{\"t\": [[1, 2],\n [3, 4]], \"u\": [5]}";
        final byte[] inner = doc.getBytes(StandardCharsets.UTF_8);
        for (final String pre : new String[] {"", "x", "[[[", "\n\n", "\u00e9"}) {
            for (final String post : new String[] {"", "]", "9]]}", "\u00e9"}) {
                final byte[] pb = pre.getBytes(StandardCharsets.UTF_8);
                final byte[] b = (pre + doc + post).getBytes(StandardCharsets.UTF_8);
                for (final DType dt : RAW) {
                    same(Limits.DEFAULT, b, pb.length, inner.length, dt);
                    // cut inside the tensor: the scanner must not read past len
                    for (int cut = 7; cut < 24; cut++) {
                        same(Limits.DEFAULT, b, pb.length, cut, dt);
                    }
                }
            }
        }
    }

    @Test
    void whitespaceBomsAndEncodings() {
        final String[] bodies = {" {\"t\": [1]}", "\r{\"t\": [1]}", "\r\r\n\n{\"t\":\r[\r1\r,\r2\r]\r, \"u\": y}",
            "\ufeff{\"t\": [1]}", "{\"t\": [1\u000b]}", "{\"t\": [1\f]}", "{\"t\": [1\u0000]}", "{\"t\": [\u00a01]}",
            "{\"t\": [1,\u2028 2]}", "{\"t\":[1]}\r\n\r\n", "{\"t\": [1]\r}\r", "\n{\"t\"\n:\n[\n1\n]\n,\n\"u\"\n:\nz}"};
        for (final String s : bodies) {
            same(Limits.DEFAULT, s);
        }
        // UTF-16 and UTF-32 bodies are read as UTF-8 by both (MLflow decodes every body as UTF-8), never detected
        for (final java.nio.charset.Charset cs : new java.nio.charset.Charset[] {StandardCharsets.UTF_16BE,
            StandardCharsets.UTF_16LE, java.nio.charset.Charset.forName("UTF-32BE"),
            java.nio.charset.Charset.forName("UTF-32LE"), StandardCharsets.UTF_16}) {
            final byte[] b = "{\"t\": [[1, 2], [3, 4]], \"u\": q}".getBytes(cs);
            for (final DType dt : RAW) {
                same(Limits.DEFAULT, b, 0, b.length, dt);
            }
        }
    }

    @Test
    void nestingAndElementLimitsAtEveryDepth() {
        for (int max = 1; max <= 7; max++) {
            for (int wrap = 0; wrap <= 3; wrap++) {
                for (int rank = 1; rank <= 5; rank++) {
                    final String arr = "[".repeat(rank) + "1, 2" + "]".repeat(rank);
                    final String json = "{\"a\": ".repeat(wrap) + "{\"t\": " + arr + ", \"u\": [[0]]}" + "}".repeat(wrap);
                    same(Limits.DEFAULT.withMaxNestingDepth(max), json, DType.INT32, DType.FLOAT64);
                }
            }
        }
        for (long maxEl = 1; maxEl <= 7; maxEl++) {
            final Limits l = Limits.DEFAULT.withMaxElementsPerTensor(maxEl);
            same(l, "{\"t\": [[1, 2, 3], [4, 5, 6]], \"t2\": [1, 2, 3, 4, 5, 6]}", DType.INT8, DType.FLOAT32);
            same(l, "{\"t\": [[1.5, 2, 3]], \"t2\": [[[1]], [[2]]]}", DType.INT8, DType.FLOAT32);
        }
        // rank 32 and 33 (numpy's maximum)
        for (int rank = 30; rank <= 34; rank++) {
            same(Limits.DEFAULT, "{\"t\": " + "[".repeat(rank) + "1" + "]".repeat(rank) + "}", DType.INT64,
                DType.FLOAT32);
        }
    }

    @Test
    void numberGrammarCorners() {
        final String[] lits = {"0", "-0", "-0.0", "0.0", "0e0", "0E+05", "1E+05", "1e-0", "1e+0", "-1e-0", "00", "01",
            "-01", "-", "--1", "+1", "1.", ".1", "1.e1", "1e", "1e+", "1e-", "1ee1", "1e1.5", "0x1", "1_0", "1e0001",
            "1e400", "-1e400", "1e-400", "1e309", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "5e-324", "1e-323",
            "3.4028234663852886e38", "3.4028235e38", "3.4028235677973366e38", "3.4028235677973367e38",
            "3.402823567797336e38", "3.40282357e38", "-3.4028235677973366e38", "1.401298464324817e-45",
            "7.006492321624085e-46", "7.006492321624086e-46", "1.1754943508222875e-38", "1.0000000596046448",
            "1.00000005960464477539062", "1.000000059604644775390625", "1.000000059604644775390626",
            "1.0000000000000000000001", "1.00000000000000000000", "1.000000000000000000000000000000001",
            "100000000000000000000000", "123456789012345678", "1234567890123456789", "12345678901234567890",
            "999999999999999999", "9999999999999999999", "9007199254740993", "9007199254740993.0",
            "9007199254740992.5", "9007199254740993e0", "0.9007199254740993e16", "18014398509481985",
            "1e22", "1e23", "9e22", "8.988465674311579e307", "0.000000000000000000000000000000001",
            "123456789012345678e-20", "123456789012345678e20", "1" + "0".repeat(40), "0." + "0".repeat(40) + "1",
            "1e99999", "1e-99999", "1e2147483648", "0e99999999999", "-0e5", "0.0e-5", "3.0e-1",
            "2e-323", "17976931348623157" + "0".repeat(292), "4503599627370497.5", "4503599627370496.5",
            "9223372036854775807", "-9223372036854775808", "18446744073709551615", "18446744073709551616",
            "127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32768", "-32769", "65535", "65536",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296", "-1",
            "16777217", "16777216.5", "33554433", "NaN", "-Infinity", "Infinity", "true", "null", "\"1\""};
        final StringBuilder all = new StringBuilder("{\"t\": [");
        for (int i = 0; i < lits.length; i++) {
            same(Limits.DEFAULT, "{\"t\": [" + lits[i] + "], \"u\": 1}");
            same(Limits.DEFAULT, "{\"t\": [[" + lits[i] + ", " + lits[i] + "]]}");
            all.append(i == 0 ? "" : ",").append(lits[i]);
        }
        same(Limits.DEFAULT, all.append("]}").toString());
    }

    @Test
    void float32DoubleRoundingHalfwayCases() {
        // decimal literals just around float32 halfway points: Python float() then (float), as numpy does
        final List<String> lits = new ArrayList<>();
        final java.util.Random r = new java.util.Random(7);
        for (int k = 0; k < 3000; k++) {
            final float f = k < 100 ? Float.intBitsToFloat(0x3F800000 + k) : Float.intBitsToFloat(r.nextInt() & 0x7F7FFFFF);
            final java.math.BigDecimal lo = new java.math.BigDecimal(f);
            final java.math.BigDecimal hi = new java.math.BigDecimal(Math.nextUp(f));
            final java.math.BigDecimal mid = lo.add(hi).divide(java.math.BigDecimal.valueOf(2));
            final java.math.BigDecimal ulp = new java.math.BigDecimal(Math.ulp((double) mid.doubleValue()));
            lits.add(mid.toString());
            lits.add(mid.round(new java.math.MathContext(17)).toString());
            lits.add(mid.round(new java.math.MathContext(18)).toString());
            lits.add(mid.add(ulp.divide(java.math.BigDecimal.valueOf(4))).round(new java.math.MathContext(18)).toString());
            lits.add(mid.subtract(ulp.divide(java.math.BigDecimal.valueOf(4))).round(new java.math.MathContext(18))
                .toString());
        }
        for (int from = 0; from < lits.size(); from += 50) {
            final StringBuilder sb = new StringBuilder("{\"t\": [");
            for (int i = from; i < Math.min(lits.size(), from + 50); i++) {
                sb.append(i == from ? "" : ", ").append(lits.get(i).replace("E+", "e"));
            }
            same(Limits.DEFAULT, sb.append("]}").toString(), DType.FLOAT32, DType.FLOAT64);
        }
        // and each one against Python's float() directly (the JDK's correctly rounded parser)
        for (final String lit : lits) {
            final String s = lit.replace("E+", "e");
            final byte[] b = ("[" + s + "]").getBytes(StandardCharsets.UTF_8);
            for (final boolean f32 : new boolean[] {true, false}) {
                try (DecodedTensor t = new DecodedTensor()) {
                    t.reset(f32 ? DType.FLOAT32 : DType.FLOAT64);
                    final int close = new RawArrayScanner().scan(b, 1, b.length, f32 ? TensorReader.K_F32
                        : TensorReader.K_F64, t, 10, 10, 1000);
                    final double want = Double.parseDouble(s);
                    if (f32 && Float.isInfinite((float) want)) {
                        assertEquals(-1, close, s);
                        continue;
                    }
                    if (close < 0) {
                        // only long literals and big integers are left to the token path (compared above)
                        assertTrue(s.length() > 64 || !s.contains(".") && !s.contains("E"), s);
                        continue;
                    }
                    final double got = f32 ? t.data().getFloat(0, java.nio.ByteOrder.LITTLE_ENDIAN)
                        : t.data().getDouble(0, java.nio.ByteOrder.LITTLE_ENDIAN);
                    assertEquals(Double.doubleToLongBits(f32 ? (float) want : want), Double.doubleToLongBits(got), s);
                }
            }
        }
    }

    @Test
    void rootLevelTensors() {
        for (final String s : new String[] {"[1, 2]", " [[1, 2],\r[3, 4]] ", "[[1, 2]] [3]", "[1, 2]]", "[1, 2] x",
            "\n\n  [1.5,\n 2]\n", "[[1, 2], [3, 4]]\r\r}", "[1e5]", "[-0.0, -0]"}) {
            same(Limits.DEFAULT, s);
            same(Limits.DEFAULT.withMaxNestingDepth(2), s);
        }
        final byte[] b = "[1, 2]".getBytes(StandardCharsets.UTF_8);
        assertTrue(walk(Json.rawFactory(Limits.DEFAULT), Limits.DEFAULT, b, 0, b.length, DType.INT8, Mode.MLFLOW)
            .startsWith("root tensor size 2 bytes 1 2 last 6"));
    }

    /** Random byte mutations of plain tensor documents: whatever the bytes, both factories tell the same story. */
    @Test
    void mutatedDocumentsTellTheSameStory() {
        final String[] seeds = {"{\"t\": [[1, 2, 3], [4, 5, 6]], \"u\": [7]}",
            "{\"a\": 1,\n \"t\": [[1.5, -2e3], [0.25, 1E-2]],\r\n \"t2\": [9, 8]}",
            "{\"inputs\": {\"t1\": [[[1]], [[2]]], \"t2\": [-1, 0, 1]}, \"params\": {\"k\": \"\u00e9\"}}",
            "[[1, 2], [3, 4]]"};
        final byte[] alphabet = "0123456789-+.eE,[] \n\r\t\"N{}:x".getBytes(StandardCharsets.US_ASCII);
        final java.util.Random r = new java.util.Random(42);
        for (int k = 0; k < 6000; k++) {
            byte[] b = seeds[r.nextInt(seeds.length)].getBytes(StandardCharsets.UTF_8);
            final int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                final int at = r.nextInt(b.length);
                final byte c = r.nextInt(20) == 0 ? (byte) (0x80 + r.nextInt(0x80)) : r.nextInt(30) == 0 ? 0
                    : alphabet[r.nextInt(alphabet.length)];
                final byte[] n;
                switch (r.nextInt(3)) {
                    case 0:
                        n = b.clone();
                        n[at] = c;
                        break;
                    case 1:
                        n = new byte[b.length + 1];
                        System.arraycopy(b, 0, n, 0, at);
                        n[at] = c;
                        System.arraycopy(b, at, n, at + 1, b.length - at);
                        break;
                    default:
                        n = new byte[b.length - 1];
                        System.arraycopy(b, 0, n, 0, at);
                        System.arraycopy(b, at + 1, n, at, b.length - at - 1);
                        break;
                }
                b = n;
            }
            final DType dt = RAW[r.nextInt(RAW.length)];
            same(r.nextInt(4) == 0 ? Limits.DEFAULT.withMaxNumberLength(2) : Limits.DEFAULT, b, 0, b.length, dt);
        }
    }
}
