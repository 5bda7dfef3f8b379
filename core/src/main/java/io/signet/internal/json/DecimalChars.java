package io.signet.internal.json;

/**
 * A JSON number token (as Jackson validated it) read from its characters into a correctly rounded
 * double without allocating: up to 18 significant digits through {@link EiselLemire}; anything it
 * cannot decide (more digits, near-halfway cases, subnormals, overflow, NaN/Infinity tokens) is
 * {@link #UNDECIDED} and the caller asks Jackson ({@code getDoubleValue()}).
 */
public final class DecimalChars {
    /** Not a bit pattern this class returns for a decided value. */
    public static final long UNDECIDED = 0x7FF8_0000_0000_0BADL;

    private DecimalChars() {
    }

    /** The double's bits, or {@link #UNDECIDED}. */
    public static long toDoubleBits(final char[] ch, final int off, final int len) {
        final int end = off + len;
        int i = off;
        boolean neg = false;
        if (i < end && ch[i] == '-') {
            neg = true;
            i++;
        }
        long man = 0;
        int digits = 0;
        int exp10 = 0;
        boolean any = false;
        for (; i < end; i++) {
            final int d = ch[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            any = true;
            if (man == 0 && d == 0) {
                continue;
            }
            if (++digits > 18) {
                return UNDECIDED;
            }
            man = man * 10 + d;
        }
        if (i < end && ch[i] == '.') {
            for (i++; i < end; i++) {
                final int d = ch[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                any = true;
                exp10--;
                if (man == 0 && d == 0) {
                    continue;
                }
                if (++digits > 18) {
                    return UNDECIDED;
                }
                man = man * 10 + d;
            }
        }
        if (!any) {
            return UNDECIDED;
        }
        if (i < end && (ch[i] == 'e' || ch[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < end && (ch[i] == '+' || ch[i] == '-')) {
                eneg = ch[i] == '-';
                i++;
            }
            int e = 0;
            int ed = 0;
            for (; i < end; i++) {
                final int d = ch[i] - '0';
                if (d < 0 || d > 9 || ++ed > 5) {
                    return UNDECIDED;
                }
                e = e * 10 + d;
            }
            if (ed == 0) {
                return UNDECIDED;
            }
            exp10 += eneg ? -e : e;
        }
        if (i != end) {
            return UNDECIDED;
        }
        final long bits = EiselLemire.toDoubleBits(man, exp10);
        if (bits == EiselLemire.UNDECIDED) {
            return UNDECIDED;
        }
        return neg ? bits | Long.MIN_VALUE : bits;
    }
}
