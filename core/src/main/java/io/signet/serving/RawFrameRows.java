package io.signet.serving;

import io.signet.column.ColumnBatch;
import io.signet.enforce.Mode;
import io.signet.internal.json.RawNumber;
import io.signet.internal.json.RawWhitespace;
import io.signet.internal.json.Swar;
import io.signet.schema.DataType;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The rows of a {@code dataframe_split} body's {@code data} read straight from the request bytes:
 * the schema says what every column holds, so each cell is scanned once and appended to its
 * off-heap column, with no token objects and no per-cell call into Jackson's tokenizer.
 *
 * <p>Exact or abstain, like {@code io.signet.internal.json.RawArrayScanner}: it takes only plain cells
 * ({@link RawNumber} literals for long/integer/double/float columns, cast as {@link FastFramePath}'s
 * token path casts them; {@code true}/{@code false} for boolean; strings with no escape and valid
 * UTF-8, copied as they are, for string; scalars in columns the schema does not name) in rows of
 * exactly the header's width. Anything else (an empty frame, {@code null}, NaN, an escape, a
 * datetime or binary column, a nested cell, a syntax error, a limit) makes it abstain, the columns
 * are started again and the token path reads the same rows. One per thread; allocation-free.
 */
final class RawFrameRows {
    private final RawNumber num = new RawNumber();
    private final UnsafeBuffer input = new UnsafeBuffer(0, 0);

    /** After a successful scan: rows read, and the line breaks skipped. */
    int rows;
    final RawWhitespace ws = new RawWhitespace();

    /**
     * Scans the rows of the array whose {@code [} ends right before {@code from}.
     *
     * @param slot    schema column of each payload column (-1: not in the schema)
     * @param writers the open writer of each payload column that is a schema column
     * @return the index of the array's closing {@code ]}, or -1 to abstain
     */
    int scan(final byte[] b, final int from, final int end, final int ncols, final int[] slot, final DataType[] types,
             final ColumnBatch.ColumnWriter[] writers, final Mode mode, final int maxNumberLength,
             final int maxStringLength) {
        input.wrap(b);
        final int maxLiteral = Math.min(RawNumber.MAX_LITERAL, maxNumberLength);
        ws.reset();
        int n = 0;
        int i = ws.skip(b, from, end);
        if (ncols <= 0) {
            return -1;
        }
        for (;;) {
            if (i >= end || b[i] != '[') {
                return -1;
            }
            i++;
            for (int c = 0; c < ncols; c++) {
                i = ws.skip(b, i, end);
                if (c > 0) {
                    if (i >= end || b[i] != ',') {
                        return -1;
                    }
                    i = ws.skip(b, i + 1, end);
                }
                if (i >= end) {
                    return -1;
                }
                final int s = slot[c];
                i = s < 0 ? skipScalar(b, i, end, maxLiteral, maxStringLength)
                    : cell(b, i, end, types[s], writers[c], mode, maxLiteral, maxStringLength);
                if (i < 0) {
                    return -1;
                }
            }
            i = ws.skip(b, i, end);
            if (i >= end || b[i] != ']') {
                return -1;
            }
            n++;
            i = ws.skip(b, i + 1, end);
            if (i >= end) {
                return -1;
            }
            if (b[i] == ']') {
                rows = n;
                return i;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = ws.skip(b, i + 1, end);
        }
    }

    /** One cell cast as {@code FastFramePath.cell} casts it and appended; the index after it, or -1. */
    private int cell(final byte[] b, final int from, final int end, final DataType t, final ColumnBatch.ColumnWriter w,
                     final Mode mode, final int maxLiteral, final int maxStringLength) {
        switch (t) {
            case LONG:
            case INTEGER: {
                final int i = num.parse(b, from, end, maxLiteral);
                if (i < 0) {
                    return -1;
                }
                long v = num.longValue;
                if (!num.integral) {
                    final double d = num.doubleValue;
                    if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 9.2e18) {
                        return -1;
                    }
                    v = (long) d;
                    if (mode == Mode.STRICT && v != d) {
                        return -1;
                    }
                }
                if (t == DataType.INTEGER && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                    return -1;
                }
                w.appendLong(v);
                return i;
            }
            case DOUBLE:
            case FLOAT: {
                final int i = num.parse(b, from, end, maxLiteral);
                if (i < 0) {
                    return -1;
                }
                final double d = num.doubleValue;
                if (t == DataType.FLOAT && Float.isInfinite((float) d) && !Double.isInfinite(d)) {
                    return -1;
                }
                w.appendDouble(t == DataType.FLOAT ? (float) d : d);
                return i;
            }
            case BOOLEAN:
                if (literal(b, from, end, TRUE)) {
                    w.appendBoolean(true);
                    return from + 4;
                }
                if (literal(b, from, end, FALSE)) {
                    w.appendBoolean(false);
                    return from + 5;
                }
                return -1;
            case STRING: {
                final int close = string(b, from, end, maxStringLength);
                if (close < 0) {
                    return -1;
                }
                w.appendUtf8(input, from + 1, close - from - 1);
                return close + 1;
            }
            default:
                return -1;
        }
    }

    /** A scalar in a column the schema does not name (pandas keeps it; enforcement drops the column). */
    private int skipScalar(final byte[] b, final int from, final int end, final int maxLiteral,
                           final int maxStringLength) {
        final byte c = b[from];
        if (c == '"') {
            final int close = string(b, from, end, maxStringLength);
            return close < 0 ? -1 : close + 1;
        }
        if (literal(b, from, end, TRUE)) {
            return from + 4;
        }
        if (literal(b, from, end, FALSE)) {
            return from + 5;
        }
        if (literal(b, from, end, NULL)) {
            return from + 4;
        }
        return num.parse(b, from, end, maxLiteral);
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private static boolean literal(final byte[] b, final int from, final int end, final byte[] word) {
        if (end - from < word.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (b[from + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The string starting at {@code b[from] == '"'}: the index of its closing quote, or -1 for one
     * with an escape, a control character, bytes that are not well-formed UTF-8 (Jackson rejects
     * them; a surrogate code point is ill-formed too), or more bytes than the string limit.
     */
    static int string(final byte[] b, final int from, final int end, final int maxStringLength) {
        if (b[from] != '"') {
            return -1;
        }
        int i = from + 1;
        final int limit = (int) Math.min(end, (long) i + maxStringLength + 1);
        while (i < limit) {
            // plain ASCII eight bytes at a time; the byte that stops the run is looked at below
            while (i + 8 <= limit) {
                final int n = Swar.plainStringBytes(Swar.word(b, i));
                i += n;
                if (n < 8) {
                    break;
                }
            }
            if (i >= limit) {
                break;
            }
            final int c = b[i];
            if (c >= 0) {
                if (c == '"') {
                    return i;
                }
                if (c == '\\' || c < 0x20) {
                    return -1;
                }
                i++;
                continue;
            }
            final int need;
            final int lead = c & 0xFF;
            int lo = 0x80;
            int hi = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                if (lead == 0xE0) {
                    lo = 0xA0;          // no overlong forms
                } else if (lead == 0xED) {
                    hi = 0x9F;          // no surrogates
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                if (lead == 0xF0) {
                    lo = 0x90;
                } else if (lead == 0xF4) {
                    hi = 0x8F;          // nothing above U+10FFFF
                }
            } else {
                return -1;
            }
            if (i + need >= limit) {
                return -1;
            }
            final int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return -1;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return -1;
                }
            }
            i += need + 1;
        }
        return -1;
    }
}
