package io.signet.json;

/**
 * Clinger's fast path for the common JSON float literal: at most 19 significant digits and a
 * decimal exponent within +-22, where {@code m x 10^e} (or {@code m / 10^-e}) in double arithmetic
 * is exactly the correctly rounded result. Anything else returns NaN and the caller falls back to
 * Jackson's full parser (FastDoubleParser), so results are always correctly rounded.
 */
final class FastFloat {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long MAX_EXACT = 1L << 53;

    private FastFloat() {
    }

    /** The value of a JSON number token's text, or NaN when the fast path does not apply. */
    static double parse(final char[] c, final int off, final int len) {
        int i = off;
        final int end = off + len;
        if (len <= 0 || len > 40) {
            return Double.NaN;
        }
        boolean neg = false;
        if (c[i] == '-') {
            neg = true;
            i++;
        }
        long m = 0;
        int sig = 0;
        int exp = 0;
        boolean dot = false;
        for (; i < end; i++) {
            final char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                if (m != 0 || ch != '0') {
                    if (++sig > 19) {
                        return Double.NaN;
                    }
                    m = m * 10 + (ch - '0');
                }
                if (dot) {
                    exp--;
                }
            } else if (ch == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (i < end) {
            final char e = c[i];
            if (e != 'e' && e != 'E') {
                return Double.NaN;
            }
            i++;
            boolean eneg = false;
            if (i < end && (c[i] == '+' || c[i] == '-')) {
                eneg = c[i] == '-';
                i++;
            }
            int ev = 0;
            if (i == end) {
                return Double.NaN;
            }
            for (; i < end; i++) {
                final char ch = c[i];
                if (ch < '0' || ch > '9' || ev > 10000) {
                    return Double.NaN;
                }
                ev = ev * 10 + (ch - '0');
            }
            exp += eneg ? -ev : ev;
        }
        if (m == 0) {
            return neg ? -0.0 : 0.0;
        }
        if (m > MAX_EXACT || exp < -22 || exp > 22) {
            return Double.NaN;
        }
        final double v = exp < 0 ? (double) m / POW10[-exp] : (double) m * POW10[exp];
        return neg ? -v : v;
    }
}
