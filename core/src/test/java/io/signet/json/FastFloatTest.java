package io.signet.json;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastFloatTest {
    private static double parse(final String s) {
        return FastFloat.parse(s.toCharArray(), 0, s.length());
    }

    @Property(tries = 2000)
    void agreesWithDoubleParseDoubleWheneverItAnswers(@ForAll final double d, @ForAll final float f) {
        for (final String s : new String[]{Double.toString(d), Float.toString(f), Double.toString((double) f)}) {
            final double v = parse(s);
            if (!Double.isNaN(v)) {
                assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(v), s);
            }
        }
    }

    @Test
    void edgeCases() {
        assertEquals(0.1, parse("0.1"));
        assertEquals(-0.0, parse("-0.0"));
        assertEquals(1.5e10, parse("1.5e10"));
        assertEquals(1.5e-10, parse("15E-11"));
        assertTrue(Double.isNaN(parse("1e400")), "outside the exact range: caller falls back");
        assertTrue(Double.isNaN(parse("12345678901234567890123")));
        assertTrue(Double.isNaN(parse("NaN")));
    }
}
