package io.signet.internal.json;

import io.signet.json.Limits;

import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.RawNumber;
import io.signet.internal.json.RawWhitespace;
import io.signet.internal.json.Swar;
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
 *   <li>JSON number grammar only ({@link RawNumber}); whitespace space, tab, CR, LF;</li>
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
    /** Range and item size of each integer kind, indexed by {@link TensorReader}'s K_I8 .. K_U64. */
    private static final long[] MIN = {0, Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, 0, 0, 0, 0};
    private static final long[] MAX = {0, Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0xFF, 0xFFFF,
        0xFFFF_FFFFL, Long.MAX_VALUE};
    private static final int[] WIDTH = {0, 1, 2, 4, 8, 1, 2, 4, 8};

    final long[] dims = new long[DecodedTensor.MAX_RANK + 1];
    private final long[] counts = new long[DecodedTensor.MAX_RANK + 1];
    private final RawNumber num = new RawNumber();

    /** After a successful scan: rank, element count, and the line breaks skipped. */
    int rank;
    long count;
    final RawWhitespace ws = new RawWhitespace();

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
    // Long on purpose: the per-request tensor scan, one state machine (position, depth, rank, count) the JIT
    // keeps in registers; split, that state would travel through fields on every bracket. Its rows already
    // are their own tight loops (integerRow, floatRow).
    int scan(final byte[] b, final int from, final int end, final int kind, final DecodedTensor out,
             final long maxElements, final int maxDepth, final int maxNumberLength) {
        final long[] cnt = counts;
        final long[] dim = dims;
        final int maxLiteral = Math.min(RawNumber.MAX_LITERAL, maxNumberLength);
        int i = from;
        int depth = 1;
        int deepest = 0;
        int r = -1;
        long n = 0;
        ws.reset();
        cnt[0] = 0;
        dim[0] = -1;
        for (;;) {
            // an element position: right after '[' or ','
            i = ws.skip(b, i, end);
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
                if (depth != r) {
                    continue;
                }
                // an innermost row of a known rank: one tight loop up to its ']'
                i = kind < TensorReader.K_F16 ? integerRow(b, i, end, kind, out, maxLiteral)
                    : floatRow(b, i, end, kind, out, maxLiteral);
                if (i < 0) {
                    return -1;
                }
                cnt[depth - 1] = rowCount;
                n += rowCount;
                if (n > maxElements) {
                    return -1;
                }
            } else {
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
                if (kind < TensorReader.K_F16) {
                    i = integer(b, i, end, maxLiteral);
                    if (i < 0 || !storeInteger(kind, intValue, out)) {
                        return -1;
                    }
                } else {
                    i = num.parse(b, i, end, maxLiteral);
                    if (i < 0 || !store(kind, out)) {
                        return -1;
                    }
                }
                cnt[depth - 1]++;
                n++;
            }
            // after a value or a row: ',' to the next element, or ']' closing one or more levels
            for (;;) {
                i = ws.skip(b, i, end);
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

    private long rowCount;

    /**
     * The integers of one innermost row, from right after its {@code [}: the index of its {@code ]}
     * (not consumed, so the caller closes the level), with {@link #rowCount} set; -1 to abstain (an
     * empty row included).
     */
    private int integerRow(final byte[] b, final int from, final int end, final int kind, final DecodedTensor out,
                           final int maxLiteral) {
        final long min = MIN[kind];
        final long max = MAX[kind];
        final int swarEnd = end - 9;
        int i = from;
        long k = 0;
        for (;;) {
            long v = 0;
            int len = 0;
            if (i <= swarEnd) {
                if (b[i] == ' ') {
                    i++; // the one space after ',' that json.dumps writes
                }
                // 1 to 7 digits from one 8-byte word, no branch per digit; a leading zero, 8 digits,
                // a sign or more whitespace take the byte loop below. A fraction or exponent after
                // the digits is caught at the separator: only ',' or ']' may follow a number.
                final long w = Swar.word(b, i);
                len = Swar.leadingDigits(w);
                if (len > 7 || len > maxLiteral || len > 1 && (w & 0xFF) == '0') {
                    len = 0;
                }
                if (len > 0) {
                    v = Swar.digitsValue(w, len);
                }
            }
            if (len > 0) {
                i += len;
            } else {
                i = ws.skip(b, i, end);
                if (i >= end) {
                    return -1;
                }
                i = integer(b, i, end, maxLiteral);
                if (i < 0 || i >= end) {
                    return -1;
                }
                v = intValue;
            }
            if (v < min || v > max) {
                return -1;
            }
            put(kind, v, out);
            k++;
            i = separator(b, i, end);
            if (i < 0) {
                return -1;
            }
            if (b[i] == ']') {
                rowCount = k;
                return i;
            }
            i++;
        }
    }

    /**
     * The numbers of one innermost float32 or float64 row, from right after its {@code [}, as
     * {@link #integerRow} reads integers: the index of its {@code ]} with {@link #rowCount} set, or -1
     * to abstain. The per-element work of the general loop (depth and rank bookkeeping, two calls to
     * skip whitespace) reduced to the one space {@code json.dumps} writes after a comma.
     */
    private int floatRow(final byte[] b, final int from, final int end, final int kind, final DecodedTensor out,
                         final int maxLiteral) {
        int i = from;
        long k = 0;
        for (;;) {
            if (i < end && b[i] == ' ') {
                i++; // the one space after ',' that json.dumps writes
            }
            i = ws.skip(b, i, end);
            if (i >= end) {
                return -1;
            }
            i = num.parse(b, i, end, maxLiteral);
            if (i < 0 || i >= end || !store(kind, out)) {
                return -1;
            }
            k++;
            i = separator(b, i, end);
            if (i < 0) {
                return -1;
            }
            if (b[i] == ']') {
                rowCount = k;
                return i;
            }
            i++;
        }
    }

    /**
     * The index of the {@code ,} or {@code ]} after a row's element (whitespace before it skipped, the
     * usual case, none, without a call), or -1 for anything else: the rows' one separator step.
     */
    private int separator(final byte[] b, final int from, final int end) {
        int i = from;
        if (i < end && b[i] != ',' && b[i] != ']') {
            i = ws.skip(b, i, end);
        }
        return i < end && (b[i] == ',' || b[i] == ']') ? i : -1;
    }

    /** The number just parsed, cast to the kind and appended; false when the token path must decide. */
    private boolean store(final int kind, final DecodedTensor out) {
        final UnsafeBuffer d = out.data;
        if (kind == TensorReader.K_F32) {
            final float f = (float) num.doubleValue;
            if (Float.isInfinite(f)) {
                return false;
            }
            d.putFloat(out.reserve(4), f, ByteOrder.LITTLE_ENDIAN);
            return true;
        }
        if (kind == TensorReader.K_F64) {
            if (Double.isInfinite(num.doubleValue)) {
                return false;
            }
            d.putDouble(out.reserve(8), num.doubleValue, ByteOrder.LITTLE_ENDIAN);
            return true;
        }
        return num.integral && storeInteger(kind, num.longValue, out);
    }

    private long intValue;

    /**
     * An integer literal for an integer dtype (small enough to inline into the scan loop, unlike the
     * general {@link RawNumber#parse}); the same grammar and limits as {@link RawNumber} for integer
     * literals. The index after it, or -1 (a fraction or exponent included: the token path decides).
     */
    private int integer(final byte[] b, final int from, final int end, final int maxLiteral) {
        int i = from;
        final boolean neg = b[i] == '-';
        if (neg) {
            i++;
        }
        final int d0 = i;
        long m = 0;
        while (i < end) {
            final int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            m = m * 10 + d;
            i++;
        }
        final int digits = i - d0;
        if (digits == 0 || digits > 18 || i - from > maxLiteral || digits > 1 && b[d0] == '0'
            || i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
            return -1;
        }
        intValue = neg ? -m : m;
        return i;
    }

    private static boolean storeInteger(final int kind, final long v, final DecodedTensor out) {
        if (v < MIN[kind] || v > MAX[kind]) {
            return false;
        }
        put(kind, v, out);
        return true;
    }

    /** Appends an integer already known to be in the kind's range. */
    private static void put(final int kind, final long v, final DecodedTensor out) {
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
    }
}
