package io.signet.json;

import io.signet.internal.json.EiselLemire;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Eisel-Lemire against the JDK's correctly rounded decimal parser; it may abstain, never differ. */
class EiselLemireTest {
    private static void check(final long man, final int exp10) {
        final long bits = EiselLemire.toDoubleBits(man, exp10);
        if (bits != EiselLemire.UNDECIDED) {
            assertEquals(Double.doubleToLongBits(Double.parseDouble(man + "e" + exp10)), bits, man + "e" + exp10);
        }
    }

    @Property(tries = 20_000)
    void agreesWithTheJdkWheneverItDecides(@ForAll @LongRange(min = 0, max = 999_999_999_999_999_999L) final long man,
                                          @ForAll @IntRange(min = -360, max = 320) final int exp10) {
        check(man, exp10);
    }

    @Property(tries = 20_000)
    void seventeenDigitFloatsOfEveryMagnitude(@ForAll @LongRange(min = 10_000_000_000_000_000L,
        max = 99_999_999_999_999_999L) final long man, @ForAll @IntRange(min = -60, max = 40) final int exp10) {
        check(man, exp10);
    }

    @Test
    void decidesNearlyAlwaysAndKnowsItsHardCases() {
        final java.util.Random r = new java.util.Random(7);
        int decided = 0;
        final int n = 100_000;
        for (int i = 0; i < n; i++) {
            final double d = r.nextFloat();
            // the float32 as a Python float: numpy tolist() + json.dumps, 17 significant digits at most
            final java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(d));
            final long man = bd.unscaledValue().longValueExact();
            check(man, -bd.scale());
            if (EiselLemire.toDoubleBits(man, -bd.scale()) != EiselLemire.UNDECIDED) {
                decided++;
            }
        }
        // float32 data as numpy's tolist() + json.dumps write it: every one decided without the full parser
        assertEquals(n, decided, decided + " of " + n + " decided");
        // 2^-1074 and the largest double: subnormal and overflow are left to the full parser
        assertEquals(EiselLemire.UNDECIDED, EiselLemire.toDoubleBits(49, -325));
        assertEquals(EiselLemire.UNDECIDED, EiselLemire.toDoubleBits(18, 307));
        assertEquals(Double.doubleToLongBits(1.7976931348623157e308), EiselLemire.toDoubleBits(17976931348623157L, 292));
        assertEquals(Double.doubleToLongBits(0.1), EiselLemire.toDoubleBits(1, -1));
        assertEquals(0L, EiselLemire.toDoubleBits(0, 5));
    }
}
