package io.signet.internal.json;


/**
 * Well-formed UTF-8 (Unicode 15, table 3-7), judged as CPython's {@code bytes.decode("utf-8")}
 * judges it, which is what MLflow's scoring server does to every body before parsing it
 * ({@code flask.request.data.decode("utf-8")}): overlong forms ({@code C0 80}, {@code E0 80 80}),
 * encoded surrogates ({@code ED A0 80}), code points past U+10FFFF ({@code F4 90 80 80},
 * {@code F5..FF}), stray continuation bytes and sequences cut short are refused, with CPython's
 * sentence and the byte offset.
 *
 * <p>Plain ASCII is skipped eight bytes at a time ({@link Swar#word}: one load and one mask per
 * word); only a byte of 0x80 or more is looked at, so an ASCII body costs one pass at memory speed.
 * Facts first: {@link #firstInvalid} returns an offset and allocates nothing; the sentence is made
 * only when asked for.
 */
public final class Utf8 {
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {
    }

    /**
     * The index of the first byte of the first ill-formed sequence in {@code b[from, to)}, or -1 when
     * the range is well-formed UTF-8.
     */
    public static int firstInvalid(final byte[] b, final int from, final int to) {
        int i = from;
        while (i < to) {
            if (i + 16 <= to) {
                // ASCII, sixteen bytes per round while they last
                final long w = Swar.word(b, i);
                final long x = Swar.word(b, i + 8);
                if (((w | x) & HIGH_BITS) == 0) {
                    i += 16;
                    continue;
                }
                i += (w & HIGH_BITS) != 0 ? Long.numberOfTrailingZeros(w & HIGH_BITS) >>> 3
                    : 8 + (Long.numberOfTrailingZeros(x & HIGH_BITS) >>> 3);
            } else if (b[i] >= 0) {
                i++;
                continue;
            }
            final int n = sequence(b, i, to);
            if (n == 0) {
                return i;
            }
            i += n;
        }
        return -1;
    }

    /**
     * The length (2 to 4) of the well-formed multi-byte sequence starting at {@code b[i]} (a byte of
     * 0x80 or more), or 0 when it is ill-formed or cut short by {@code to}.
     */
    public static int sequence(final byte[] b, final int i, final int to) {
        final int lead = b[i] & 0xFF;
        final int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            need = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            need = 2;
            if (lead == 0xE0) {
                lo = 0xA0;          // overlong below U+0800
            } else if (lead == 0xED) {
                hi = 0x9F;          // U+D800..U+DFFF, the surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            need = 3;
            if (lead == 0xF0) {
                lo = 0x90;          // overlong below U+10000
            } else if (lead == 0xF4) {
                hi = 0x8F;          // past U+10FFFF
            }
        } else {
            return 0;               // a continuation byte, C0/C1 (overlong) or F5..FF
        }
        if (i + need >= to) {
            return 0;
        }
        final int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k <= need; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return need + 1;
    }

    /**
     * CPython's {@code UnicodeDecodeError} text for the ill-formed sequence at {@code b[at]}, positions
     * counted from {@code origin}: {@code 'utf-8' codec can't decode byte 0xed in position 40: invalid
     * continuation byte}, plus what the bytes are when that helps a reader ({@code (an encoded
     * surrogate)}). Bounded: it names at most four bytes.
     */
    public static String pythonError(final byte[] b, final int origin, final int at, final int to) {
        final int lead = b[at] & 0xFF;
        final String reason;
        int end = at + 1; // exclusive end of the bytes CPython names
        if (lead < 0xC2 || lead > 0xF4) {
            reason = "invalid start byte";
        } else {
            final int need = lead <= 0xDF ? 1 : lead <= 0xEF ? 2 : 3;
            int lo = 0x80;
            int hi = 0xBF;
            if (lead == 0xE0) {
                lo = 0xA0;
            } else if (lead == 0xED) {
                hi = 0x9F;
            } else if (lead == 0xF0) {
                lo = 0x90;
            } else if (lead == 0xF4) {
                hi = 0x8F;
            }
            int k = 1;
            boolean cut = false;
            for (; k <= need; k++) {
                if (at + k >= to) {
                    cut = true;
                    break;
                }
                final int c = b[at + k] & 0xFF;
                final boolean ok = k == 1 ? c >= lo && c <= hi : (c & 0xC0) == 0x80;
                if (!ok) {
                    break;
                }
            }
            end = at + k;
            reason = cut ? "unexpected end of data" : "invalid continuation byte";
        }
        final String where = end - at == 1
            ? "byte 0x" + hex(lead) + " in position " + (at - origin)
            : "bytes in position " + (at - origin) + "-" + (end - 1 - origin);
        return "'utf-8' codec can't decode " + where + ": " + reason + what(b, at, to);
    }

    /** What a reader may not see in CPython's words: the usual ill-formed shapes, named. */
    private static String what(final byte[] b, final int at, final int to) {
        final int lead = b[at] & 0xFF;
        final int second = at + 1 < to ? b[at + 1] & 0xFF : -1;
        if (lead == 0xC0 || lead == 0xC1 || lead == 0xE0 && second >= 0x80 && second < 0xA0
            || lead == 0xF0 && second >= 0x80 && second < 0x90) {
            return " (an overlong encoding)";
        }
        if (lead == 0xED && second >= 0xA0 && second <= 0xBF) {
            return " (an encoded surrogate)";
        }
        if (lead == 0xF4 && second >= 0x90 || lead >= 0xF5 && lead <= 0xF7) {
            return " (a code point past U+10FFFF)";
        }
        if (at == 0 && (lead == 0xFF && second == 0xFE || lead == 0xFE && second == 0xFF)) {
            return " (a UTF-16 or UTF-32 byte order mark: the body must be UTF-8)";
        }
        return "";
    }

    private static String hex(final int v) {
        return (v < 16 ? "0" : "") + Integer.toHexString(v);
    }

    /**
     * A 400 for a body that is not UTF-8, located at the offending byte (line and column counted in
     * bytes up to it), or null when {@code b[off, off + len)} is well-formed.
     * The sentence is {@code Invalid input. The request body is not valid UTF-8: } and CPython's.
     */
    public static PayloadException check(final byte[] b, final int off, final int len) {
        final int at = firstInvalid(b, off, off + len);
        if (at < 0) {
            return null;
        }
        long line = 1;
        int lineStart = off;
        for (int i = off; i < at; i++) {
            if (b[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. The request body is not valid UTF-8: "
            + pythonError(b, off, at, off + len), "", line, at - lineStart + 1, at - off, null);
    }
}
