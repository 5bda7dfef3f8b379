package io.signet.json;

import com.fasterxml.jackson.core.io.NumberInput;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Reads a numeric tensor's nested JSON arrays straight from the request bytes: the signature says
 * every element is a number of one dtype, so the bytes are scanned once, numbers converted as they
 * are met and written to off-heap memory, the shape tracked per depth, with no token objects and
 * no per-number call into the tokenizer.
 *
 * <p>It only ever accepts: the first thing it does not plainly understand (an empty or ragged
 * array, a string, {@code null}, {@code NaN}, a fraction for an integer dtype, a value out of the
 * dtype's range, a number too long, a limit reached, any syntax error) makes it abstain, and
 * {@link TensorReader} then reads the same array token by token through Jackson, which accepts or
 * reports it exactly. So what it accepts must be exactly what the token path would produce:
 * <ul>
 *   <li>JSON number grammar only ({@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}); whitespace
 *       space, tab, CR, LF;</li>
 *   <li>floats: Python's {@code float()} of the literal (correctly rounded double: Clinger's exact
 *       fast path when the significand fits 53 bits and the power of ten is within 10^22, else
 *       {@link EiselLemire} for up to 18 significant digits, else Jackson's FastDoubleParser),
 *       then {@code (float)} for float32, as numpy casts
 *       Python floats; integer literals as the exact {@code long} cast to double;</li>
 *   <li>integers: integer literals within the dtype's range.</li>
 * </ul>
 * One per thread (it holds scratch state); allocation-free.
 */
final class RawArrayScanner {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};
    private static final long TWO_53 = 1L << 53;
    private static final int MAX_LITERAL = 64;

    /** Range and item size of each integer kind, indexed by {@link TensorReader}'s K_I8 .. K_U64. */
    private static final long[] MIN = {0, Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, 0, 0, 0, 0};
    private static final long[] MAX = {0, Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0xFF, 0xFFFF,
        0xFFFF_FFFFL, Long.MAX_VALUE};
    private static final int[] WIDTH = {0, 1, 2, 4, 8, 1, 2, 4, 8};

    final long[] dims = new long[DecodedTensor.MAX_RANK + 1];
    private final long[] counts = new long[DecodedTensor.MAX_RANK + 1];
    private final char[] chars = new char[MAX_LITERAL];

    /** After a successful scan: rank, element count, line breaks skipped and where the last one ended. */
    int rank;
    long count;
    int newlines;
    int lineStart;

    /** Whether the scanner reads this {@link TensorReader} kind. */
    static boolean supports(final int kind) {
        return kind >= TensorReader.K_I8 && kind <= TensorReader.K_U64 || kind == TensorReader.K_F32
            || kind == TensorReader.K_F64;
    }

    /**
     * Scans the array whose {@code [} ends right before {@code from}.
     *
     * @param maxDepth    array levels allowed inside it (the nesting limit left)
     * @return the index of its closing {@code ]}, or -1 to abstain (then nothing but {@code out}'s
     *         scratch memory was touched)
     */
    int scan(final byte[] b, final int from, final int end, final int kind, final DecodedTensor out,
             final long maxElements, final int maxDepth, final int maxNumberLength) {
        final long[] cnt = counts;
        final long[] dim = dims;
        final int maxLiteral = Math.min(MAX_LITERAL, maxNumberLength);
        int i = from;
        int depth = 1;
        int deepest = 0;
        int r = -1;
        long n = 0;
        newlines = 0;
        lineStart = -1;
        cnt[0] = 0;
        dim[0] = -1;
        for (;;) {
            // an element position: right after '[' or ','
            i = skipWs(b, i, end);
            if (i >= end) {
                return -1;
            }
            if (b[i] == '[') {
                if (r >= 0 && depth >= r || depth >= DecodedTensor.MAX_RANK || depth >= maxDepth) {
                    return -1;
                }
                cnt[depth - 1]++;
                if (depth > deepest) {
                    deepest = depth;
                    dim[depth] = -1;
                }
                cnt[depth] = 0;
                depth++;
                i++;
                continue;
            }
            if (r < 0) {
                if (depth - 1 < deepest) {
                    return -1;
                }
                r = depth;
            } else if (depth != r) {
                return -1;
            }
            if (n >= maxElements) {
                return -1;
            }
            i = kind >= TensorReader.K_F32 ? floating(b, i, end, kind == TensorReader.K_F32, out, maxLiteral)
                : integer(b, i, end, kind, out, maxNumberLength);
            if (i < 0) {
                return -1;
            }
            cnt[depth - 1]++;
            n++;
            // after a value: ',' to the next element, or ']' closing one or more levels
            for (;;) {
                i = skipWs(b, i, end);
                if (i >= end) {
                    return -1;
                }
                final byte c = b[i];
                if (c == ',') {
                    i++;
                    break;
                }
                if (c != ']') {
                    return -1;
                }
                depth--;
                final long k = cnt[depth];
                if (depth == 0) {
                    dim[0] = k;
                    rank = r;
                    count = n;
                    return i;
                }
                if (dim[depth] < 0) {
                    dim[depth] = k;
                } else if (dim[depth] != k) {
                    return -1;
                }
                i++;
            }
        }
    }

    /** Jackson's FastDoubleParser on the literal (allocation-free: the literal is at most MAX_LITERAL bytes). */
    private double slow(final byte[] b, final int from, final int len) {
        final char[] c = chars;
        for (int k = 0; k < len; k++) {
            c[k] = (char) b[from + k];
        }
        return NumberInput.parseDouble(c, 0, len, true);
    }

    private int skipWs(final byte[] b, final int from, final int end) {
        int i = from;
        while (i < end) {
            final byte c = b[i];
            if (c > ' ') {
                return i;
            }
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '\n') {
                newlines++;
                lineStart = ++i;
            } else if (c == '\r') {
                i++;
                if (i < end && b[i] == '\n') {
                    i++;
                }
                newlines++;
                lineStart = i;
            } else {
                return i;
            }
        }
        return i;
    }

    /**
     * An integer literal into an integer dtype; returns the index after it, or -1. Jackson refuses
     * an integer of more than {@code maxNumberLength} digits (sign not counted), so that abstains too.
     */
    private static int integer(final byte[] b, final int from, final int end, final int kind, final DecodedTensor out,
                               final int maxNumberLength) {
        int i = from;
        final boolean neg = b[i] == '-';
        if (neg) {
            i++;
        }
        final int digits0 = i;
        long m = 0;
        while (i < end) {
            final int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            m = m * 10 + d;
            i++;
        }
        final int digits = i - digits0;
        if (digits == 0 || digits > 18 || digits > maxNumberLength || digits > 1 && b[digits0] == '0'
            || i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
            return -1;
        }
        final long v = neg ? -m : m;
        if (v < MIN[kind] || v > MAX[kind]) {
            return -1;
        }
        final UnsafeBuffer d = out.data;
        switch (WIDTH[kind]) {
            case 1:
                d.putByte(out.reserve(1), (byte) v);
                break;
            case 2:
                d.putShort(out.reserve(2), (short) v, ByteOrder.LITTLE_ENDIAN);
                break;
            case 4:
                d.putInt(out.reserve(4), (int) v, ByteOrder.LITTLE_ENDIAN);
                break;
            default:
                d.putLong(out.reserve(8), v, ByteOrder.LITTLE_ENDIAN);
                break;
        }
        return i;
    }

    /** A number literal into float32/float64; returns the index after it, or -1. */
    private int floating(final byte[] b, final int from, final int end, final boolean f32, final DecodedTensor out,
                         final int maxLiteral) {
        int i = from;
        final boolean neg = b[i] == '-';
        if (neg) {
            i++;
        }
        final int int0 = i;
        long m = 0;
        int sig = 0;          // significant digits held in m
        boolean dropped = false;
        int exp10 = 0;
        while (i < end) {
            final int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (sig < 18) {
                m = m * 10 + d;
                if (m != 0) {
                    sig++;
                }
            } else {
                dropped |= d != 0;
                exp10++;
            }
            i++;
        }
        final int intDigits = i - int0;
        if (intDigits == 0 || intDigits > 1 && b[int0] == '0') {
            return -1;
        }
        boolean integral = true;
        if (i < end && b[i] == '.') {
            integral = false;
            i++;
            final int frac0 = i;
            while (i < end) {
                final int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (sig < 18) {
                    m = m * 10 + d;
                    exp10--;
                    if (m != 0) {
                        sig++;
                    }
                } else {
                    dropped |= d != 0;
                }
                i++;
            }
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
        if (i - from > maxLiteral) {
            return -1;
        }
        final double v;
        if (integral) {
            if (dropped || exp10 != 0) {
                return -1; // more than 18 digits: leave big integers to the token path
            }
            v = neg ? -m : m; // an int literal: Python int -> float, -0 is 0
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

        final UnsafeBuffer d = out.data;
        if (f32) {
            final float f = (float) v;
            if (Float.isInfinite(f)) {
                return -1;
            }
            d.putFloat(out.reserve(4), f, ByteOrder.LITTLE_ENDIAN);
        } else {
            if (Double.isInfinite(v)) {
                return -1;
            }
            d.putDouble(out.reserve(8), v, ByteOrder.LITTLE_ENDIAN);
        }
        return i;
    }
}
