package io.signet.json;

import io.signet.internal.json.RawNumber;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RawNumber} against the definition: a float literal's value is the correctly rounded double
 * ({@link Double#parseDouble}, as Python's float()), an integer literal of up to 18 digits its exact
 * value, and one of more digits is refused. Literals are built from digit runs of every length around
 * the 1-digit, 8-byte-word and 18-significant-digit boundaries, heavy in 9s (where a wrongly kept
 * 19th digit overflows a long), and read at every distance from the buffer's end.
 */
class RawNumberTest {
    private static String digits(final Random r, final int n, final boolean nines) {
        final StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(nines && r.nextInt(4) != 0 ? '9' : (char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static int runLength(final Random r) {
        final int[] around = {1, 2, 7, 8, 9, 10, 15, 16, 17, 18, 19, 20, 24};
        return r.nextInt(3) == 0 ? 1 + r.nextInt(30) : around[r.nextInt(around.length)];
    }

    @Property(tries = 3000)
    void literalsReadAsPythonReadsThem(@ForAll final long seed) {
        final Random r = new Random(seed);
        final boolean nines = r.nextBoolean();
        String intPart = digits(r, runLength(r), nines);
        if (r.nextBoolean()) {
            intPart = intPart.replaceFirst("^0+(?=.)", ""); // mostly valid literals; leading zeros are refused
        }
        final StringBuilder lit = new StringBuilder(r.nextInt(4) == 0 ? "-" : "").append(intPart);
        if (r.nextInt(3) > 0) {
            lit.append('.').append(r.nextInt(3) == 0 ? "0".repeat(r.nextInt(12)) : "").append(digits(r, runLength(r), nines));
        }
        if (r.nextInt(5) == 0) {
            lit.append(r.nextBoolean() ? 'e' : 'E').append(r.nextBoolean() ? "-" : "").append(r.nextInt(40));
        }
        final String text = lit.toString();
        final String[] tails = {"", ",", "]", " ", ", 1.5]"};
        final String tail = tails[r.nextInt(tails.length)];
        final byte[] b = (text + tail).getBytes(StandardCharsets.US_ASCII);
        final RawNumber n = new RawNumber();
        final int after = n.parse(b, 0, b.length, RawNumber.MAX_LITERAL);
        final String unsigned = text.startsWith("-") ? text.substring(1) : text;
        final String ip = unsigned.split("[.eE]")[0];
        final boolean leadingZero = ip.length() > 1 && ip.charAt(0) == '0';
        final boolean integral = !text.contains(".") && !text.contains("e") && !text.contains("E");
        if (leadingZero || text.length() > RawNumber.MAX_LITERAL || integral && ip.length() > 18) {
            assertEquals(-1, after, text);
            return;
        }
        assertEquals(text.length(), after, text);
        assertEquals(integral, n.integral, text);
        if (integral) {
            assertEquals(new BigInteger(text).longValueExact(), n.longValue, text);
            assertEquals((double) n.longValue, n.doubleValue, text);
        } else {
            assertEquals(Double.doubleToLongBits(Double.parseDouble(text)), Double.doubleToLongBits(n.doubleValue), text);
        }
    }

    /**
     * The float32 tensor literal ({@code -?D.F+}, numpy's {@code tolist()} repr of a float32: up to 17
     * significant digits) read by the straight-line path (three words of padding after it) and the
     * general one (the literal at the buffer's end): both give {@code Double.parseDouble}'s double, so
     * numpy's {@code float32(float(text))}, the double cast to float, bit for bit. Literals: float32 values
     * written as Python writes the double, the exact decimal midpoints between neighbouring float32s
     * (where a double rounded the wrong way would round to the wrong float), and random digit runs of 1 to
     * 22 fraction digits after each integer digit, with and without an exponent.
     */
    @Property(tries = 5000)
    void float32LiteralsReadAsNumpyReadsThem(@ForAll final long seed) {
        final Random r = new Random(seed);
        final String text;
        switch (r.nextInt(3)) {
            case 0: {
                final float f = Float.intBitsToFloat(r.nextInt());
                if (!Float.isFinite(f)) {
                    return;
                }
                text = new java.math.BigDecimal((double) f).round(new java.math.MathContext(17)).stripTrailingZeros()
                    .toPlainString();
                break;
            }
            case 1: {
                // halfway between two float32s, written out exactly (at most about 30 digits), or cut short of it
                final float f = Float.intBitsToFloat(r.nextInt(0x4000_0000) | (r.nextBoolean() ? 0x8000_0000 : 0));
                if (!Float.isFinite(f) || f == 0) {
                    return;
                }
                final java.math.BigDecimal mid = new java.math.BigDecimal((double) f).add(
                    new java.math.BigDecimal((double) Math.nextUp(f))).divide(java.math.BigDecimal.valueOf(2));
                final String m = mid.toPlainString();
                text = r.nextBoolean() ? m : m.substring(0, Math.min(m.length(), 3 + r.nextInt(20)));
                break;
            }
            default: {
                final StringBuilder sb = new StringBuilder(r.nextBoolean() ? "-" : "").append(r.nextInt(10)).append('.')
                    .append(digits(r, 1 + r.nextInt(22), r.nextBoolean()));
                if (r.nextInt(6) == 0) {
                    sb.append('e').append(r.nextBoolean() ? "-" : "").append(r.nextInt(45));
                }
                text = sb.toString();
            }
        }
        if (!text.matches("-?\\d+(\\.\\d+)?([eE]-?\\d+)?") || text.length() > RawNumber.MAX_LITERAL
            || text.matches("-?0\\d.*")) {
            return;
        }
        final double want = Double.parseDouble(text);
        final String[] tails = {", 0.5, 1.25, 3.5, 7.75]", "]]]]]]]]]]]]]]]]]]]]]]]]]]]", "", "]", ", 1"};
        for (final String tail : tails) {
            final byte[] b = (text + tail).getBytes(StandardCharsets.US_ASCII);
            final RawNumber n = new RawNumber();
            final int after = n.parse(b, 0, b.length, RawNumber.MAX_LITERAL);
            final boolean integral = !text.contains(".") && !text.contains("e");
            if (integral && text.replace("-", "").length() > 18) {
                assertEquals(-1, after, text);
                continue;
            }
            assertEquals(text.length(), after, text + tail);
            assertEquals(Double.doubleToRawLongBits(integral ? (double) Long.parseLong(text) : want),
                Double.doubleToRawLongBits(n.doubleValue), text + tail);
            assertEquals(Float.floatToRawIntBits((float) want), Float.floatToRawIntBits((float) n.doubleValue),
                text + tail);
        }
    }

    /** The straight-line path's edges: fraction lengths 8 to 19 after each integer digit, signs, a 19th digit, exponents. */
    @Test
    void shortDecimalEdges() {
        final RawNumber n = new RawNumber();
        final String pad = ", 0.5, 0.25, 0.125, 0.0625]";
        for (int d = 0; d <= 9; d++) {
            for (int frac = 1; frac <= 22; frac++) {
                for (final String digits : new String[] {"9".repeat(frac), "0".repeat(frac), "1" + "0".repeat(frac - 1),
                    "0".repeat(frac - 1) + "1", "5".repeat(frac), "0" + "9".repeat(frac - 1)}) {
                    for (final String sign : new String[] {"", "-"}) {
                        for (final String exp : new String[] {"", "e5", "E-3", "e+2"}) {
                            final String text = sign + d + "." + digits + exp;
                            final byte[] b = (text + pad).getBytes(StandardCharsets.US_ASCII);
                            assertEquals(text.length(), n.parse(b, 0, b.length, RawNumber.MAX_LITERAL), text);
                            assertFalse(n.integral, text);
                            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
                                Double.doubleToRawLongBits(n.doubleValue), text);
                            // a literal longer than the caller's limit is refused on either path
                            assertEquals(-1, n.parse(b, 0, b.length, text.length() - 1), text);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aNineteenthDigitIsNeverKept() {
        final RawNumber n = new RawNumber();
        for (final String text : new String[] {"999999999999999999.9", "999999999999999999.99999999",
            "99999999999999999.99", "0.9999999999999999999", "999999999.9999999999", "999999999999999999"}) {
            final byte[] b = (text + ",").getBytes(StandardCharsets.US_ASCII);
            assertTrue(n.parse(b, 0, b.length, 64) > 0, text);
            assertEquals(Double.parseDouble(text), n.doubleValue, text);
        }
        final byte[] big = "9999999999999999999".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, n.parse(big, 0, big.length, 64));
        assertFalse(n.parse("1.".getBytes(StandardCharsets.US_ASCII), 0, 2, 64) > 0);
    }

    @Test
    void aLimitAboveTheScratchSizeStillRefusesLongerLiterals() {
        final String text = "0." + "1".repeat(80); // more than 18 digits: the slow path, if it were taken
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        assertEquals(-1, new RawNumber().parse(b, 0, b.length, 1000));
    }
}
