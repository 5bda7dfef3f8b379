package io.signet.internal.json;

import io.signet.json.Limits;

import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.signet.enforce.Mode;
import io.signet.tensor.DType;
import io.signet.testing.Allocations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw scanner reads exactly what the token path reads, or abstains: every payload is decoded
 * through {@link Json#rawFactory} and {@link Json#factory}, and the outcomes (shape and bytes, or
 * the error with its location) must be identical; the scanner must also really accept the plain
 * payloads, or the comparison would prove nothing.
 */
class RawArrayScannerTest {
    private static final Limits LIMITS = Limits.DEFAULT;
    private static final JsonFactory RAW = Json.rawFactory(LIMITS);
    private static final JsonFactory PLAIN = Json.tokenFactory(LIMITS);

    /** What a decode produced: the tensor (shape + bytes) or the error, plus the next token's location. */
    private static String outcome(final JsonFactory f, final String json, final DType dtype, final Mode mode) {
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (DecodedTensor t = new DecodedTensor(); JsonParser p = f.createParser(body)) {
            p.nextToken(); // {
            p.nextToken(); // "x"
            p.nextToken(); // the tensor
            final StringBuilder sb = new StringBuilder();
            try {
                new TensorReader().read(p, dtype, t, mode == Mode.STRICT, LIMITS);
                sb.append("rank ").append(t.rank()).append(" dims");
                for (int i = 0; i < t.rank(); i++) {
                    sb.append(' ').append(t.dim(i));
                }
                sb.append(" size ").append(t.size()).append(" bytes");
                for (int i = 0; i < t.dataLength(); i++) {
                    sb.append(' ').append(t.data().getByte(i));
                }
                sb.append(" last ").append(p.currentToken());
                while (p.nextToken() != null) {
                    final JsonLocation l = p.currentTokenLocation();
                    sb.append(" | ").append(p.currentToken()).append('@').append(l.getLineNr()).append(':')
                        .append(l.getColumnNr()).append(':').append(l.getByteOffset()).append(' ')
                        .append(Json.pointer(p));
                }
            } catch (PayloadException e) {
                sb.append("400 ").append(e.getMessage()).append(" at ").append(e.pointer()).append(' ').append(e.line())
                    .append(':').append(e.column()).append(':').append(e.byteOffset());
            } catch (JsonProcessingException e) {
                final JsonLocation l = e.getLocation();
                sb.append("syntax ").append(e.getOriginalMessage()).append(" at ").append(l.getLineNr()).append(':')
                    .append(l.getColumnNr()).append(':').append(l.getByteOffset());
            }
            return sb.toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs both paths; returns whether the scanner itself accepted the array. */
    private static boolean assertSame(final String json, final DType dtype) {
        for (final Mode mode : Mode.values()) {
            assertEquals(outcome(PLAIN, json, dtype, mode), outcome(RAW, json, dtype, mode), dtype + " " + json);
        }
        return scannerAccepts(json, dtype);
    }

    private static boolean scannerAccepts(final String json, final DType dtype) {
        final byte[] b = json.getBytes(StandardCharsets.UTF_8);
        final int open = json.indexOf('[');
        if (open < 0) {
            return false;
        }
        final int kind = TensorReader.kindOf(dtype);
        if (!RawArrayScanner.supports(kind)) {
            return false; // TensorReader never hands such a dtype to the scanner
        }
        try (DecodedTensor t = new DecodedTensor()) {
            t.reset(dtype);
            return new RawArrayScanner().scan(b, open + 1, b.length, kind, t, Long.MAX_VALUE, 60, 1000) >= 0;
        }
    }


    private static final String[] SPACES = {"", " ", "  ", "\n", "\r\n", "\t", " \n  ", "\r"};

    /** The case's JSON with random whitespace (line breaks included) between tokens. */
    private static String spaced(final TensorReaderPropertiesTest.Case c, final Random r) {
        final String compact = c.json();
        final StringBuilder sb = new StringBuilder("{\"x\":");
        for (int i = 0; i < compact.length(); i++) {
            final char ch = compact.charAt(i);
            if (ch == ' ') {
                continue;
            }
            if (ch == '[' || ch == ']' || ch == ',') {
                sb.append(SPACES[r.nextInt(SPACES.length)]).append(ch).append(SPACES[r.nextInt(SPACES.length)]);
            } else {
                sb.append(ch);
            }
        }
        return sb.append(",\n  \"y\": [1, {\"z\": null}]}").toString();
    }

    static final DType[] RAW_DTYPES = {DType.INT8, DType.INT16, DType.INT32, DType.INT64, DType.UINT8, DType.UINT16,
        DType.UINT32, DType.UINT64, DType.FLOAT32, DType.FLOAT64};

    @Provide
    Arbitrary<Object[]> cases() {
        return Arbitraries.longs().map(seed -> {
            final Random r = new Random(seed);
            final DType dt = r.nextInt(5) == 0 ? TensorReaderPropertiesTest.DTYPES[r.nextInt(TensorReaderPropertiesTest.DTYPES.length)]
                : RAW_DTYPES[r.nextInt(RAW_DTYPES.length)];
            final long[] shape = new long[1 + r.nextInt(4)];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(4);
            }
            return new Object[] {TensorReaderPropertiesTest.random(dt, shape, r.nextLong()), r.nextLong()};
        });
    }

    @Property(tries = 600)
    void randomTensorsDecodeIdenticallyThroughTheScannerAndTheTokens(@ForAll("cases") final Object[] c) {
        final TensorReaderPropertiesTest.Case t = (TensorReaderPropertiesTest.Case) c[0];
        final String json = spaced(t, new Random((Long) c[1]));
        final boolean accepted = assertSame(json, t.dtype);
        boolean plain = RawArrayScanner.supports(TensorReader.kindOf(t.dtype));
        for (final long d : t.shape) {
            plain &= d > 0;
        }
        for (final String lit : t.literals) {
            plain &= !lit.contains("N") && !lit.contains("I") && lit.length() <= 64
                && !(t.dtype.itemSize() == 4 && t.dtype.kind() == DType.Kind.FLOAT
                && Float.isInfinite((float) Double.parseDouble(lit)));
            if (t.dtype.kind() == DType.Kind.FLOAT && !lit.contains(".") && !lit.contains("E")) {
                plain &= lit.replace("-", "").length() <= 18;
            }
            if (t.dtype.kind() != DType.Kind.FLOAT) {
                plain &= lit.replace("-", "").length() <= 18;
            }
        }
        if (plain) {
            assertTrue(accepted, "the scanner should read " + json);
        }
    }

    /** Every way a JSON number can be written, into float32 and float64: Python's float() of the literal. */
    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.longs().map(seed -> {
            final Random r = new Random(seed);
            final double d = Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL) * (r.nextBoolean() ? 1 : -1);
            final double small = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
            switch (r.nextInt(9)) {
                case 0:
                    return Double.toString(d);
                case 1:
                    return new BigDecimal(small).round(new java.math.MathContext(1 + r.nextInt(25))).toPlainString();
                case 2:
                    return String.format("%." + r.nextInt(20) + "e", small);
                case 3:
                    return Long.toString(r.nextLong() >> r.nextInt(64));
                case 4:
                    return Double.toString((double) r.nextFloat());
                case 5:
                    return Float.toString(r.nextFloat());
                case 6:
                    return new BigDecimal(d).toString().replace("E+", "e");
                case 7:
                    return (r.nextBoolean() ? "-" : "") + "0" + (r.nextBoolean() ? ".0" : "") + (r.nextBoolean() ? "e5" : "");
                default:
                    return r.nextInt(1000) + "." + "0".repeat(r.nextInt(30)) + r.nextInt(1000) + "E" + (r.nextInt(60) - 30);
            }
        });
    }

    @Property(tries = 1500)
    void everyNumberLiteralGivesPythonsFloat(@ForAll("literals") final String lit) {
        final String json = "{\"x\": [" + lit + ", " + lit + "]}";
        for (final DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            assertSame(json, dt);
            try (DecodedTensor t = new DecodedTensor(); JsonParser p = RAW.createParser(json)) {
                p.nextToken();
                p.nextToken();
                p.nextToken();
                new TensorReader().read(p, dt, t, false, LIMITS);
                final double want = Double.parseDouble(lit);
                final double expect = dt == DType.FLOAT32 ? (double) (float) want : want;
                assertEquals(Double.doubleToLongBits(expect == 0 && !lit.contains(".") && !lit.contains("e")
                    && !lit.contains("E") ? 0.0 : expect), Double.doubleToLongBits(t.getDouble(0)), lit + " as " + dt);
            } catch (PayloadException e) {
                // float32 overflow: a deviation both paths report (compared above)
                assertTrue(e.getMessage().contains("float32"), e.getMessage());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void irregularArraysAreLeftToTheTokensAndGiveTheSameAnswer() {
        final String[] bodies = {"[1,]", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[1 2]", "[[1],[2,3]]", "[[]]", "[]",
            "[1, [2]]", "[[1], 2]", "[1}", "[NaN]", "[1.5]", "[300]", "[-1]", "[1e400]", "[-0]", "[- 1]", "[1,\n,2]",
            "[1e+]", "[1E-2]", "[00.5]", "[0x10]", "[\"1\"]", "[true]", "[null]", "[1.5e3]", "[[[1]],[[2]]]",
            "[[1,2]\n,[3,4]]", "[1", "[1,", "[99999999999999999999]", "[123456789012345678]", "[-9223372036854775808]",
            "[4294967296]", "[65536]", "[-129]", "[1" + "0".repeat(70) + ".5]", "[1.0, 2]", "[1\u00a0]"};
        int accepted = 0;
        for (final String a : bodies) {
            for (final DType dt : RAW_DTYPES) {
                final String json = "{\"x\": " + a + ", \"y\": 1}";
                if (assertSame(json, dt)) {
                    accepted++;
                }
            }
        }
        assertTrue(accepted > 20 && accepted < bodies.length * RAW_DTYPES.length / 2, accepted + " accepted");
    }

    /**
     * Integer rows read eight bytes at a time: literals of 1 to 9 digits (so some fill or pass the
     * 8-byte window), leading zeros, signs, fractions and exponents right after the digits, bytes
     * above 0x7F (UTF-8 U+0300 starts with 0xCC, whose XOR with '0' plus 6 carries into the next byte), and rows ending within 8 bytes of
     * the buffer's end, for every integer dtype: the scanner must agree with the token path.
     */
    @Property(tries = 800)
    void integerRowsReadAWordAtATimeAgreeWithTheTokens(@ForAll final long seed) {
        final Random r = new Random(seed);
        final String[] after = {",", ", ", "]", " ]", ".5", "e2", "E1", "\u00ff", "\u0300", "\u03ff", "x", "-", "\n,"};
        // the first row fixes the rank; the word-at-a-time loop reads the rows after it
        final StringBuilder row = new StringBuilder("[");
        final int rows = 2 + r.nextInt(3);
        final int n = 1 + r.nextInt(6);
        for (int j = 0; j < rows; j++) {
            row.append(j == 0 ? "[" : r.nextBoolean() ? ",[" : ", [");
            for (int i = 0; i < n; i++) {
                final int digits = 1 + r.nextInt(9);
                if (r.nextInt(8) == 0) {
                    row.append('-');
                }
                if (r.nextInt(10) == 0) {
                    row.append('0');
                }
                for (int d = 0; d < digits; d++) {
                    row.append((char) ('0' + r.nextInt(10)));
                }
                if (r.nextInt(25) == 0) {
                    row.append(after[r.nextInt(after.length)]);
                }
                row.append(i + 1 < n ? (r.nextBoolean() ? "," : ", ") : "]");
            }
        }
        row.append(']');
        final String tail = r.nextBoolean() ? "" : ", \"y\": 1";
        final String json = "{\"x\": " + row + tail + (r.nextBoolean() ? "}" : "");
        for (final DType dt : RAW_DTYPES) {
            if (dt.kind() != DType.Kind.FLOAT) {
                assertSame(json, dt);
            }
        }
    }

    @Test
    void theNestingLimitAndElementLimitStayJacksons() {
        final Limits tight = LIMITS.withMaxNestingDepth(4).withMaxElementsPerTensor(5);
        final String deep = "{\"x\": [[[[[1]]]]]}";
        final String many = "{\"x\": [1, 2, 3, 4, 5, 6]}";
        for (final String json : new String[] {deep, many, "{\"x\": [[[1]]]}", "{\"x\": [1, 2, 3, 4, 5]}"}) {
            String[] got = new String[2];
            int k = 0;
            for (final JsonFactory f : new JsonFactory[] {Json.rawFactory(tight), Json.tokenFactory(tight)}) {
                try (DecodedTensor t = new DecodedTensor(); JsonParser p = f.createParser(json)) {
                    p.nextToken();
                    p.nextToken();
                    p.nextToken();
                    new TensorReader().read(p, DType.INT64, t, false, tight);
                    got[k++] = "ok " + t.rank() + " " + t.size();
                } catch (PayloadException e) {
                    got[k++] = e.getMessage();
                } catch (java.io.IOException e) {
                    got[k++] = Json.syntax(null, e, tight).getMessage();
                }
            }
            assertEquals(got[1], got[0], json);
        }
    }

    @Test
    void decodingAPlainFloatTensorAllocatesNothing() throws Exception {
        final StringBuilder sb = new StringBuilder("{\"x\": [");
        final Random r = new Random(1);
        for (int i = 0; i < 64; i++) {
            sb.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < 28; j++) {
                sb.append(j == 0 ? "" : ", ").append(j % 3 == 0 ? Double.toString((double) r.nextFloat())
                    : Float.toString(r.nextFloat()));
            }
            sb.append(']');
        }
        final byte[] body = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(scannerAccepts(new String(body, StandardCharsets.UTF_8), DType.FLOAT32));
        final RawArrayScanner s = new RawArrayScanner();
        final DecodedTensor t = new DecodedTensor();
        final int open = 7; // right after the tensor's [
        final long bytes = Allocations.steadyState(() -> {
            for (int k = 0; k < 20; k++) {
                t.reset(DType.FLOAT32);
                if (s.scan(body, open, body.length, TensorReader.K_F32, t, Long.MAX_VALUE, 60, 1000) < 0) {
                    throw new AssertionError("abstained");
                }
            }
        }, 20);
        assertEquals(0, bytes);
        assertEquals(64 * 28, s.count);
        t.close();
    }
}
