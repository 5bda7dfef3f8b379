package io.signet.tensor;

import java.nio.ByteOrder;

/**
 * A {@code .npy} header's {@code descr} string as {@code np.dtype(descr)} reads it in both numpy
 * 1.24 and numpy 2.3 (where they differ, the string is refused: 1.24 wraps {@code S2147483648} to a
 * negative size and reads {@code 'a'}, {@code 'f4,'} and {@code '1f4'} as plain dtypes; 2.3 knows
 * {@code 'n'}, {@code 'N'}, {@code 'T'}). Grammar, from numpy's {@code _convert_from_str}:
 *
 * <pre>
 *   name                 float32, int, double, bool, str, ... (no byte-order prefix)
 *   [&lt;&gt;|=] M8[unit] | m8[unit] | datetime64[unit] | timedelta64[unit] | M8 | ...
 *   [&lt;&gt;|=] c          one type character: ? b B h H i I l L q Q p P e f d g F D G S U V O M m c
 *   [&lt;&gt;|=] c size     size as C's strtol reads it: blanks, an optional '+', decimal digits
 *   a ',' anywhere, or a leading '(' or digit: a structured or subarray dtype
 * </pre>
 *
 * Only the dtypes Signet's {@link DType} represents are returned; the others numpy reads (object,
 * void, long double, structured, zero-sized, datetime units with a multiple) are refused as
 * unsupported, never misread.
 */
final class NpyDescr {
    private static final String[] UNITS = DType.UNITS;

    /** Why a descr is refused. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        /** True when numpy reads the descr but Signet does not support the dtype. */
        final boolean unsupported;

        Refused(final boolean unsupported, final String why) {
            super(why, null, false, false);
            this.unsupported = unsupported;
        }
    }

    private NpyDescr() {
    }

    static DType parse(final String s) throws Refused {
        if (s.isEmpty()) {
            throw unknown();
        }
        if (isCommaString(s)) {
            throw new Refused(true, "comma-string dtypes (a repeat count, a tuple or fields) are not supported");
        }
        final DType named = byName(s);
        if (named != null) {
            return named;
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        String t = s;
        if ("<>|=".indexOf(s.charAt(0)) >= 0) {
            order = s.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            t = s.substring(1);
        }
        if (t.isEmpty()) {
            throw unknown();
        }
        final DType base;
        if (t.length() >= 2 && t.charAt(1) == '8' && (t.charAt(0) == 'M' || t.charAt(0) == 'm')) {
            base = datetime(t.charAt(0) == 'M', t.substring(2));
        } else if (t.startsWith("datetime64")) {
            base = datetime(true, t.substring(10));
        } else if (t.startsWith("timedelta64")) {
            base = datetime(false, t.substring(11));
        } else if (t.length() == 1) {
            base = byChar(t.charAt(0));
        } else {
            base = sized(t.charAt(0), strtol(t, 1));
        }
        return base.withOrder(order);
    }

    /**
     * numpy's test for the comma-string form ({@code '3f4'}, {@code '(2,)i4'}, {@code 'f4,i4'}), which
     * it reads through {@code numpy.core._internal._commastring}: digits first (after an optional
     * byte order), an empty tuple first, or a comma outside square brackets. Even the forms numpy
     * reduces to a plain dtype ({@code '95U'} is {@code <U95}) are refused: np.save never writes them.
     */
    private static boolean isCommaString(final String s) {
        final int n = s.length();
        final boolean order = "<>|=".indexOf(s.charAt(0)) >= 0;
        if (isDigit(s.charAt(0)) || n > 1 && order && isDigit(s.charAt(1))) {
            return true;
        }
        if (s.startsWith("()") || n > 3 && order && s.startsWith("()", 1)) {
            return true;
        }
        int brackets = 0;
        for (int i = 0; i < n; i++) {
            final char c = s.charAt(i);
            if (c == ',' && brackets == 0) {
                return true;
            }
            brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
        }
        return false;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static Refused unknown() {
        return new Refused(false, "not a dtype numpy reads");
    }

    private static Refused unsupported(final String what) {
        return new Refused(true, what + " are not supported");
    }

    /** The names np.dtype() reads in both numpy 1.24 and 2.3 (a prefix is not allowed with them). */
    private static DType byName(final String s) throws Refused {
        switch (s) {
            case "bool":
            case "bool_":
                return DType.BOOL;
            case "byte":
            case "int8":
                return DType.INT8;
            case "short":
            case "int16":
                return DType.INT16;
            case "intc":
            case "int32":
                return DType.INT32;
            case "int":
            case "int_":
            case "intp":
            case "long":
            case "longlong":
            case "int64":
                return DType.INT64;
            case "ubyte":
            case "uint8":
                return DType.UINT8;
            case "ushort":
            case "uint16":
                return DType.UINT16;
            case "uintc":
            case "uint32":
                return DType.UINT32;
            case "uint":
            case "uintp":
            case "ulong":
            case "ulonglong":
            case "uint64":
                return DType.UINT64;
            case "half":
            case "float16":
                return DType.FLOAT16;
            case "single":
            case "float32":
                return DType.FLOAT32;
            case "double":
            case "float":
            case "float64":
                return DType.FLOAT64;
            case "csingle":
            case "complex64":
                return DType.COMPLEX64;
            case "cdouble":
            case "complex":
            case "complex128":
                return DType.COMPLEX128;
            case "longdouble":
            case "float128":
            case "clongdouble":
            case "complex256":
                throw unsupported("long double dtypes");
            case "str":
            case "str_":
            case "unicode":
            case "bytes":
            case "bytes_":
            case "void":
                throw unsupported("zero-sized dtypes");
            case "object":
            case "object_":
                throw objects();
            default:
                return null;
        }
    }

    private static Refused objects() {
        return new Refused(true, "object arrays hold pickled Python objects: Signet refuses them and never "
            + "unpickles");
    }

    /** numpy's type numbers, which a one-character descr below 24 also names ({@code '\t'} is NPY_LONGLONG). */
    private static final String TYPE_NUMBERS = "?bBhHiIlLqQfdgFDGOSUVMme";

    private static DType byChar(final char c) throws Refused {
        if (c < TYPE_NUMBERS.length()) {
            return byChar(TYPE_NUMBERS.charAt(c));
        }
        switch (c) {
            case '?':
                return DType.BOOL;
            case 'b':
                return DType.INT8;
            case 'B':
                return DType.UINT8;
            case 'h':
                return DType.INT16;
            case 'H':
                return DType.UINT16;
            case 'i':
                return DType.INT32;
            case 'I':
                return DType.UINT32;
            case 'l':
            case 'q':
            case 'p':
                return DType.INT64;
            case 'L':
            case 'Q':
            case 'P':
                return DType.UINT64;
            case 'e':
                return DType.FLOAT16;
            case 'f':
                return DType.FLOAT32;
            case 'd':
                return DType.FLOAT64;
            case 'F':
                return DType.COMPLEX64;
            case 'D':
                return DType.COMPLEX128;
            case 'c':
                return DType.bytes(1);
            case 'M':
                return DType.datetime64("");
            case 'm':
                return DType.timedelta64("");
            case 'g':
            case 'G':
                throw unsupported("long double dtypes");
            case 'S':
            case 'U':
            case 'V':
                throw unsupported("zero-sized dtypes");
            case 'O':
                throw objects();
            default:
                throw unknown();
        }
    }

    /** C's strtol over {@code t[from..]}: the whole rest must be blanks, an optional '+' and digits. */
    private static long strtol(final String t, final int from) throws Refused {
        int i = from;
        while (i < t.length() && isCSpace(t.charAt(i))) {
            i++;
        }
        if (i < t.length() && t.charAt(i) == '+') {
            i++;
        } else if (i < t.length() && t.charAt(i) == '-') {
            throw unknown(); // numpy 1.24 reads S-5 as a negative size, numpy 2.3 refuses it
        }
        final int digits = i;
        long v = 0;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            v = Math.min((long) Integer.MAX_VALUE + 1, v * 10 + t.charAt(i) - '0');
            i++;
        }
        if (i == digits || i != t.length()) {
            throw unknown();
        }
        return v;
    }

    private static boolean isCSpace(final char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static DType sized(final char kind, final long size) throws Refused {
        if (size > Integer.MAX_VALUE) {
            throw unknown(); // numpy 1.24 wraps the size to 32 bits, numpy 2.3 refuses it
        }
        final int n = (int) size;
        switch (kind) {
            case 'S':
            case 'a':
                if (n == 0) {
                    throw unsupported("zero-sized dtypes");
                }
                return DType.bytes(n);
            case 'U':
                if (n > Integer.MAX_VALUE / 4) {
                    throw unknown();
                }
                if (n == 0) {
                    throw unsupported("zero-sized dtypes");
                }
                return DType.unicode(n);
            case 'V':
                throw unsupported("void dtypes");
            case 'O':
                if (n == 4 || n == 8) {
                    throw objects();
                }
                throw unknown();
            case 'M':
            case 'm':
                if (n == 8) {
                    return kind == 'M' ? DType.datetime64("") : DType.timedelta64("");
                }
                throw unknown();
            case 'b':
                if (n == 1) {
                    return DType.BOOL;
                }
                throw unknown();
            case 'i':
                return pick(n, DType.INT8, DType.INT16, DType.INT32, DType.INT64);
            case 'u':
                return pick(n, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64);
            case 'f':
                if (n == 16) {
                    throw unsupported("long double dtypes");
                }
                return pick(n, null, DType.FLOAT16, DType.FLOAT32, DType.FLOAT64);
            case 'c':
                if (n == 32) {
                    throw unsupported("long double dtypes");
                }
                return pick(n, null, null, DType.COMPLEX64, DType.COMPLEX128);
            default:
                throw unknown();
        }
    }

    /** The dtype of size 1, 2, 4 or 8 ({@code c} kinds: 8 and 16 are passed as 4 and 8). */
    private static DType pick(final int n, final DType one, final DType two, final DType four, final DType eight)
        throws Refused {
        final DType d;
        if (four == DType.COMPLEX64) {
            d = n == 8 ? four : n == 16 ? eight : null;
        } else {
            d = n == 1 ? one : n == 2 ? two : n == 4 ? four : n == 8 ? eight : null;
        }
        if (d == null) {
            throw unknown();
        }
        return d;
    }

    /**
     * {@code ""} or {@code "[" [multiplier] unit ["/" divisor] "]"} after M8, m8, datetime64 or
     * timedelta64; multiplier and divisor as C's strtol reads them. numpy turns a divisor into a finer
     * unit (s/1000 is ms, Y/12 is M); Signet supports the units whose result has no multiple.
     */
    private static DType datetime(final boolean dt, final String meta) throws Refused {
        String unit = "";
        if (!meta.isEmpty()) {
            if (meta.charAt(0) != '[' || meta.charAt(meta.length() - 1) != ']' || meta.indexOf(']') != meta.length() - 1) {
                throw unknown();
            }
            final String in = meta.substring(1, meta.length() - 1);
            final int slash = in.indexOf('/');
            final String head = slash < 0 ? in : in.substring(0, slash);
            final long[] mult = new long[1];
            final int unitFrom = strtolPrefix(head, mult);
            final boolean hasMult = unitFrom > 0;
            unit = head.substring(unitFrom);
            if ("\u03bcs".equals(unit)) {
                unit = "us";
            }
            if (unit.equals("generic")) {
                if (hasMult && mult[0] < 0 || slash >= 0 && divisor(in.substring(slash + 1)) != 1) {
                    throw unknown();
                }
                return dt ? DType.datetime64("") : DType.timedelta64("");
            }
            if (!isUnit(unit) || hasMult && (mult[0] < 0 || mult[0] > Integer.MAX_VALUE)) {
                throw unknown();
            }
            final long m = hasMult ? mult[0] : 1;
            if (slash >= 0) {
                final long den = divisor(in.substring(slash + 1));
                if (den != 1) {
                    unit = finer(unit, den, m);
                }
            } else if (m != 1) {
                throw unsupported("datetime units with a multiple (" + meta + ")");
            }
        }
        return dt ? DType.datetime64(unit) : DType.timedelta64(unit);
    }

    /**
     * C's strtol at the start of {@code s} (blanks, a sign, digits): the index after the number, or 0
     * when there is none; the value (clamped) in {@code out[0]}.
     */
    private static int strtolPrefix(final String s, final long[] out) {
        int i = 0;
        while (i < s.length() && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        final int digits = i;
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = Math.min(1L << 40, v * 10 + s.charAt(i) - '0');
            i++;
        }
        if (i == digits) {
            return 0;
        }
        out[0] = negative ? -v : v;
        return i;
    }

    /** The divisor after '/': a whole strtol number, positive (numpy divides by zero on "s/0"). */
    private static long divisor(final String s) throws Refused {
        final long[] v = new long[1];
        final int end = strtolPrefix(s, v);
        if (end == 0 || end != s.length() || v[0] <= 0 || v[0] > Integer.MAX_VALUE) {
            throw unknown();
        }
        return v[0];
    }

    /** numpy's divisor conversion: the first finer unit whose count per {@code unit} the divisor divides. */
    private static String finer(final String unit, final long den, final long mult) throws Refused {
        final String[] to;
        final long[] per;
        switch (unit) {
            case "Y":
                to = new String[] {"M", "W", "D"};
                per = new long[] {12, 52, 365};
                break;
            case "M":
                to = new String[] {"W", "D", "h"};
                per = new long[] {4, 30, 720};
                break;
            case "W":
                to = new String[] {"D", "h", "m"};
                per = new long[] {7, 168, 10080};
                break;
            case "D":
                to = new String[] {"h", "m", "s"};
                per = new long[] {24, 1440, 86400};
                break;
            case "h":
                to = new String[] {"m", "s"};
                per = new long[] {60, 3600};
                break;
            case "m":
                to = new String[] {"s", "ms"};
                per = new long[] {60, 60000};
                break;
            default: {
                final int u = unitIndex(unit);
                if (u < unitIndex("s") || u >= UNITS.length - 1) {
                    throw unsupported("datetime units with a divisor (" + unit + "/" + den + ")");
                }
                to = u + 2 < UNITS.length ? new String[] {UNITS[u + 1], UNITS[u + 2]} : new String[] {UNITS[u + 1]};
                per = u + 2 < UNITS.length ? new long[] {1000, 1000000} : new long[] {1000};
                break;
            }
        }
        for (int i = 0; i < per.length; i++) {
            if (per[i] % den == 0) {
                if (per[i] / den * mult == 1) {
                    return to[i];
                }
                throw unsupported("datetime units with a multiple (" + unit + "/" + den + ")");
            }
        }
        throw unknown();
    }

    private static int unitIndex(final String u) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(u)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnit(final String u) {
        for (final String x : UNITS) {
            if (x.equals(u)) {
                return true;
            }
        }
        return false;
    }
}
