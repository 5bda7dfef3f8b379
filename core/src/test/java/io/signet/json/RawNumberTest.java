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
