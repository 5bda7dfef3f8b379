package io.signet.json;

import io.signet.internal.json.EiselLemire;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exhaustive and constructed checks of Eisel-Lemire against the JDK's correctly rounded parser:
 * small significands at every exponent, powers of two and five, and exact halfway points between
 * adjacent doubles (and their neighbours) written in at most 18 digits.
 */
class EiselLemireSweepTest {
    private static final long MAX_MAN = 999_999_999_999_999_999L;
    private int decided;
    private int exact;

    private void check(final long man, final int exp10) {
        final long bits = EiselLemire.toDoubleBits(man, exp10);
        if (bits != EiselLemire.UNDECIDED) {
            decided++;
            final long want = Double.doubleToLongBits(Double.parseDouble(man + "e" + exp10));
            if (want != bits) {
                assertEquals(want, bits, man + "e" + exp10);
            }
        }
    }

    /** man x 10^exp10 for the exact decimal {@code v}, when it has at most 18 significant digits. */
    private void checkExact(final BigDecimal v) {
        final BigDecimal s = v.stripTrailingZeros();
        final BigInteger u = s.unscaledValue();
        if (u.signum() <= 0 || u.bitLength() > 63 || u.longValue() > MAX_MAN) {
            return;
        }
        final long man = u.longValue();
        final int exp10 = -s.scale();
        exact++;
        check(man, exp10);
        check(man - 1, exp10);
        check(man + 1, exp10);
        // the same value with trailing zeros padded into the significand
        long m = man;
        int e = exp10;
        while (m <= MAX_MAN / 10) {
            m *= 10;
            e--;
            check(m, e);
        }
    }

    @Test
    void smallSignificandsAtEveryExponent() {
        for (long man = 1; man <= 3000; man++) {
            for (int e = EiselLemire.MIN_EXP10 - 2; e <= EiselLemire.MAX_EXP10 + 2; e++) {
                check(man, e);
            }
        }
        assertTrue(decided > 1_500_000, decided + " decided");
    }

    @Test
    void largeSignificandsAtEveryExponent() {
        final Random r = new Random(11);
        for (int e = EiselLemire.MIN_EXP10; e <= EiselLemire.MAX_EXP10; e++) {
            for (long k = 0; k < 200; k++) {
                check(MAX_MAN - k, e);
                check(100_000_000_000_000_000L + k, e);
                check((1L << 53) + k - 100, e);
                check((1L << 54) + k - 100, e);
                check(1 + (r.nextLong() >>> 1) % MAX_MAN, e);
            }
        }
    }

    @Test
    void powersOfTwoAndFive() {
        for (int a = 0; a < 60; a++) {
            for (int b = 0; b < 26; b++) {
                final BigInteger v = BigInteger.ONE.shiftLeft(a).multiply(BigInteger.valueOf(5).pow(b));
                if (v.compareTo(BigInteger.valueOf(MAX_MAN)) > 0) {
                    break;
                }
                for (int e = EiselLemire.MIN_EXP10; e <= EiselLemire.MAX_EXP10; e++) {
                    check(v.longValue(), e);
                    check(v.longValue() - 1, e);
                    check(v.longValue() + 1, e);
                }
            }
        }
    }

    @Test
    void exactHalfwayPointsBetweenDoubles() {
        final Random r = new Random(5);
        // odd 54-bit o = c x 5^e, value o x 2^s: exactly halfway between two doubles
        for (int e = 0; e <= 23; e++) {
            final BigInteger five = BigInteger.valueOf(5).pow(e);
            for (int k = 0; k < 400; k++) {
                final BigInteger lo = BigInteger.ONE.shiftLeft(53).add(five).subtract(BigInteger.ONE).divide(five);
                final BigInteger hi = BigInteger.ONE.shiftLeft(54).subtract(BigInteger.ONE).divide(five);
                if (lo.compareTo(hi) > 0) {
                    break;
                }
                BigInteger c = lo.add(new BigInteger(hi.subtract(lo).bitLength() + 8, r).mod(hi.subtract(lo).add(BigInteger.ONE)));
                if (!c.testBit(0)) {
                    c = c.compareTo(hi) < 0 ? c.add(BigInteger.ONE) : c.subtract(BigInteger.ONE);
                }
                final BigInteger o = c.multiply(five);
                for (int s = -4; s <= e + 66; s++) {
                    final BigDecimal v = s >= 0 ? new BigDecimal(o.shiftLeft(s))
                        : new BigDecimal(o).divide(new BigDecimal(BigInteger.ONE.shiftLeft(-s)));
                    checkExact(v);
                }
            }
        }
        assertTrue(exact > 100_000, exact + " constructed halfway points");
        // midpoints (and neighbours) of random adjacent doubles, wherever they fit 18 digits
        for (int k = 0; k < 300_000; k++) {
            final double d = k < 100_000 ? (double) (r.nextLong() >>> (1 + r.nextInt(20)))
                : Math.scalb((double) ((1L << 52) + (r.nextLong() >>> 12)), r.nextInt(80) - 60);
            if (!(d > 0) || Double.isInfinite(d)) {
                continue;
            }
            final BigDecimal mid = new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2));
            checkExact(mid);
        }
        assertTrue(exact > 200_000 && decided > 100_000, exact + " midpoints, " + decided + " decided");
    }
}
