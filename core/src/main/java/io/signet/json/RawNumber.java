package io.signet.json;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * One JSON number literal read straight from UTF-8 bytes, for signature-guided readers that scan
 * request bytes themselves ({@link RawArrayScanner}, the {@code dataframe_split} row scanner).
 * Strict JSON grammar ({@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}); anything else, and integer
 * literals of more than 18 digits, is refused so that Jackson's token path decides.
 *
 * <p>The value is Python's: an integer literal is an int ({@link #longValue}; as a float, the exact
 * long cast to double, so {@code -0} is {@code 0.0}); any other literal is {@code float()} of it,
 * correctly rounded: Clinger's exact fast path when the significand fits 53 bits and the power of
 * ten is within 10^22, else {@link EiselLemire} for up to 18 significant digits, else Jackson's
 * FastDoubleParser. One per thread (scratch fields); allocation-free.
 */
public final class RawNumber {
    /** Longest literal read here; longer ones are left to Jackson (and its number-length limit). */
    public static final int MAX_LITERAL = 64;
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};
    private static final long TWO_53 = 1L << 53;

    private final char[] chars = new char[MAX_LITERAL];

    /** After a successful {@link #parse}: whether the literal was an integer, its value, and as a double. */
    public boolean integral;
    public long longValue;
    public double doubleValue;

    /**
     * Parses the JSON number literal starting at {@code b[from]}.
     *
     * @return the index right after it, or -1 when it is not a plain JSON number literal of at most
     *         {@code maxLiteral} (and {@link #MAX_LITERAL}) bytes, or is an integer literal of more than 18 digits
     */
    public int parse(final byte[] b, final int from, final int end, final int maxLiteral) {
        int i = from;
        final boolean neg = b[i] == '-';
        if (neg) {
            i++;
        }
        final int int0 = i;
        m = 0;
        dropped = false;
        i = digits(b, i, end);
        int exp10 = i - int0 - kept; // integer digits past the 18th scale the value
        final int intDigits = i - int0;
        if (intDigits == 0 || intDigits > 1 && b[int0] == '0') {
            return -1;
        }
        boolean integral = true;
        if (i < end && b[i] == '.') {
            integral = false;
            i++;
            final int frac0 = i;
            i = digits(b, i, end);
            exp10 -= kept;
            if (i == frac0) {
                return -1;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            integral = false;
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
        if (i - from > Math.min(maxLiteral, MAX_LITERAL)) { // the slow path's scratch holds MAX_LITERAL chars
            return -1;
        }
        final long m = this.m;
        final boolean dropped = this.dropped;
        final double v;
        this.integral = integral;
        if (integral) {
            if (dropped || exp10 != 0) {
                return -1; // more than 18 digits: leave big integers to the token path
            }
            longValue = neg ? -m : m;
            v = longValue; // an int literal: Python int -> float, -0 is 0
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

    /** 10^0 .. 10^18. */
    private static final long[] POW10_LONG = new long[19];
    /** 10^17: below it m takes one more digit, so it keeps at most 18 significant digits (as Jackson's 18-digit fast path). */
    private static final long TAKES_A_DIGIT = 100_000_000_000_000_000L;

    static {
        POW10_LONG[0] = 1;
        for (int k = 1; k < POW10_LONG.length; k++) {
            POW10_LONG[k] = POW10_LONG[k - 1] * 10;
        }
    }

    /** Scratch of {@link #digits}: the significand so far, whether a nonzero digit was dropped, digits kept. */
    private long m;
    private boolean dropped;
    private int kept;

    /**
     * A run of digits from {@code from}, folded into {@link #m} while it holds fewer than 18
     * significant digits (leading zeros do not count); the digits after that are dropped, noting
     * whether any was nonzero. Sets {@link #kept} to the digits folded in; returns the index after the
     * run. A lone digit is read byte by byte (cheaper than a word); longer runs eight bytes at a time
     * ({@link Swar}) while whole words fit. The result is exactly the digit-by-digit one, since n
     * digits are folded at once only when every intermediate value would still take its next digit
     * (m below 10^(18-n)); the rest, near the buffer's end or past 18 digits, goes byte by byte.
     */
    private int digits(final byte[] b, final int from, final int end) {
        long v = m;
        int i = from;
        if (i + 1 < end) {
            // a single digit (the 0 of "0.5"): two byte tests are cheaper than a word
            final int d0 = b[i] - '0';
            final int d1 = b[i + 1] - '0';
            if (d0 >= 0 && d0 <= 9 && (d1 < 0 || d1 > 9) && v < TAKES_A_DIGIT) {
                m = v * 10 + d0;
                kept = 1;
                return i + 1;
            }
        }
        while (i + 8 <= end) {
            final long w = Swar.word(b, i);
            final int n = Swar.leadingDigits(w);
            if (n == 0) {
                m = v;
                kept = i - from;
                return i;
            }
            if (v >= POW10_LONG[18 - n]) {
                break;
            }
            v = v * POW10_LONG[n] + Swar.digitsValue(w, n);
            i += n;
            if (n < 8) {
                m = v;
                kept = i - from;
                return i;
            }
        }
        return digitsByByte(b, from, i, end, v);
    }

    /** The rest of {@link #digits}' run from {@code start}, {@code folded} its value so far, one byte at a time. */
    private int digitsByByte(final byte[] b, final int from, final int start, final int end, final long folded) {
        long v = folded;
        int i = start;
        int k = i - from;
        while (i < end) {
            final int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (v < TAKES_A_DIGIT) {
                v = v * 10 + d;
                k++;
            } else {
                dropped |= d != 0;
            }
            i++;
        }
        m = v;
        kept = k;
        return i;
    }

    /**
     * Jackson's FastDoubleParser on the literal: allocation-free through
     * {@code NumberInput.parseDouble(char[], int, int, boolean)} (jackson-core 2.18+); on 2.15-2.17,
     * which lack it, through a String of the (at most MAX_LITERAL) chars. Either way
     * USE_FAST_DOUBLE_PARSER's parser, so the same double.
     */
    private double slow(final byte[] b, final int from, final int len) {
        final char[] c = chars;
        for (int k = 0; k < len; k++) {
            c[k] = (char) b[from + k];
        }
        if (PARSE_CHARS != null) {
            try {
                return (double) PARSE_CHARS.invokeExact(c, 0, len, true);
            } catch (final RuntimeException | Error e) {
                throw e;
            } catch (final Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        return NumberInput.parseDouble(new String(c, 0, len), true);
    }

    /** {@code NumberInput.parseDouble(char[], int, int, boolean)} where jackson-core has it (2.18+), else null. */
    private static final java.lang.invoke.MethodHandle PARSE_CHARS = parseChars();

    private static java.lang.invoke.MethodHandle parseChars() {
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findStatic(NumberInput.class, "parseDouble",
                java.lang.invoke.MethodType.methodType(double.class, char[].class, int.class, int.class, boolean.class));
        } catch (final NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
