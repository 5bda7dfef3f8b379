package io.signet.json;

import io.signet.internal.json.DecimalChars;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every decided value is the JDK's correctly rounded double; undecided ones are rare. */
class DecimalCharsTest {
    private static int check(final String s) {
        final long bits = DecimalChars.toDoubleBits(s.toCharArray(), 0, s.length());
        if (bits == DecimalChars.UNDECIDED) {
            return 1;
        }
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), bits, s);
        return 0;
    }

    @Test
    void agreesWithTheJdk() {
        final Random r = new Random(7);
        int undecided = 0;
        for (int i = 0; i < 100_000; i++) {
            undecided += check(Double.toString(r.nextDouble()));
            undecided += check(Double.toString((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(60) - 30)));
            undecided += check(Long.toString(r.nextLong() % 1_000_000_000_000L));
            undecided += check(Float.toString(r.nextFloat()));
            undecided += check(String.format("%.6e", r.nextGaussian() * 1e10));
        }
        assertEquals(true, undecided < 1000, "undecided: " + undecided);
        for (final String s : new String[] {"0", "-0", "0.0", "-0.0", "1e10", "1E+2", "2.5e-3", "123456789012345678",
            "0.059632141305176245", "1e308", "1.7976931348623157e308", "4.9e-324", "1e-400", "9007199254740993"}) {
            check(s);
        }
        for (final String s : new String[] {"1234567890123456789", "1e400", "NaN", "-Infinity", "1e", "", "-", "1.2.3"}) {
            assertEquals(DecimalChars.UNDECIDED, DecimalChars.toDoubleBits(s.toCharArray(), 0, s.length()), s);
        }
    }
}
