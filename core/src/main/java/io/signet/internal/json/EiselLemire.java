package io.signet.internal.json;

import java.math.BigInteger;

/**
 * Correctly rounded {@code significand x 10^exp10} as a double for significands of up to 18 digits,
 * by Eisel and Lemire's algorithm (D. Lemire, "Number Parsing at a Gigabyte per Second", Software:
 * Practice and Experience 51(8), 2021): one 64x128-bit product with a truncated power of ten, and
 * an answer only when the truncation provably cannot change the rounding. When it cannot decide
 * (near-halfway cases, subnormals, overflow) it says so and the caller uses a full parser.
 *
 * <p>The powers of ten are computed once, exactly, with {@link BigInteger} (no table in the source).
 * Values that are exactly {@code q x 2^-k} (every float32 written out in full) are decided exactly
 * where the truncated powers leave the algorithm undecided.
 */
public final class EiselLemire {
    public static final int MIN_EXP10 = -342;
    public static final int MAX_EXP10 = 308;
    /** "Could not decide": not a double's bit pattern that this class produces (it returns no negatives). */
    public static final long UNDECIDED = -1L;

    private static final long[] HI = new long[MAX_EXP10 - MIN_EXP10 + 1];
    private static final long[] LO = new long[MAX_EXP10 - MIN_EXP10 + 1];

    static {
        final BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int e = MIN_EXP10; e <= MAX_EXP10; e++) {
            final BigInteger t; // floor(10^e * 2^k) with exactly 128 bits
            if (e >= 0) {
                final BigInteger p = BigInteger.TEN.pow(e);
                final int bl = p.bitLength();
                t = bl <= 128 ? p.shiftLeft(128 - bl) : p.shiftRight(bl - 128);
            } else {
                final BigInteger q = BigInteger.TEN.pow(-e);
                t = BigInteger.ONE.shiftLeft(127 + q.bitLength()).divide(q);
            }
            HI[e - MIN_EXP10] = t.shiftRight(64).longValue();
            LO[e - MIN_EXP10] = t.and(mask).longValue();
        }
    }

    private EiselLemire() {
    }

    /**
     * The bits of the double nearest to {@code man x 10^exp10} (ties to even), or {@link #UNDECIDED}.
     *
     * @param man a significand in [0, 10^18]
     */
    public static long toDoubleBits(final long man, final int exp10) {
        final long bits = eiselLemire(man, exp10);
        return bits != UNDECIDED ? bits : exactDyadic(man, exp10);
    }

    /** 5^0 .. 5^27: every power of five a long holds. */
    private static final long[] POW5 = new long[28];

    static {
        POW5[0] = 1;
        for (int k = 1; k < POW5.length; k++) {
            POW5[k] = POW5[k - 1] * 5;
        }
    }

    /**
     * {@code man x 10^exp10} when it is exactly a double of the form {@code q x 2^-k} (q below 2^53):
     * every float32 written out in full decimal is one (0.047939300537109375 is 12567 x 2^-18), and
     * these exact values are where Eisel-Lemire's truncated powers of ten leave it undecided.
     */
    private static long exactDyadic(final long man, final int exp10) {
        if (exp10 >= 0 || exp10 < -27) {
            return UNDECIDED;
        }
        final int k = -exp10;
        final long p5 = POW5[k];
        if (man % p5 != 0) {
            return UNDECIDED;
        }
        final long q = man / p5;
        if (q > (1L << 53)) {
            return UNDECIDED;
        }
        final double v = Math.scalb((double) q, -k); // exact: q has at most 53 bits, 2^-k is a power of two
        return v == 0 && q != 0 || Double.isInfinite(v) ? UNDECIDED : Double.doubleToRawLongBits(v);
    }

    private static long eiselLemire(final long man, final int exp10) {
        if (man == 0) {
            return 0L;
        }
        if (exp10 < MIN_EXP10 || exp10 > MAX_EXP10) {
            return UNDECIDED;
        }
        final int clz = Long.numberOfLeadingZeros(man);
        final long m = man << clz;
        long retExp2 = ((217706L * exp10) >> 16) + 64 + 1023 - clz;
        final int idx = exp10 - MIN_EXP10;
        long xHi = unsignedMultiplyHigh(m, HI[idx]);
        long xLo = m * HI[idx];
        if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + m, m) < 0) {
            final long yHi = unsignedMultiplyHigh(m, LO[idx]);
            final long yLo = m * LO[idx];
            long mergedHi = xHi;
            final long mergedLo = xLo + yHi;
            if (Long.compareUnsigned(mergedLo, xLo) < 0) {
                mergedHi++;
            }
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0 && Long.compareUnsigned(yLo + m, m) < 0) {
                return UNDECIDED;
            }
            xHi = mergedHi;
            xLo = mergedLo;
        }
        final long msb = xHi >>> 63;
        long mant = xHi >>> (msb + 9);
        retExp2 -= 1 ^ msb;
        if (xLo == 0 && (xHi & 0x1FF) == 0 && (mant & 3) == 1) {
            return UNDECIDED; // exactly halfway after truncation: cannot tell which way to round
        }
        mant += mant & 1;
        mant >>>= 1;
        if ((mant >>> 53) > 0) {
            mant >>>= 1;
            retExp2++;
        }
        if (retExp2 - 1 < 0 || retExp2 - 1 >= 0x7FF - 1) {
            return UNDECIDED; // subnormal or overflow
        }
        return retExp2 << 52 | mant & 0x000F_FFFF_FFFF_FFFFL;
    }

    /** Java 17 has only the signed {@link Math#multiplyHigh}. */
    private static long unsignedMultiplyHigh(final long a, final long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
