package io.signet.py;

import io.signet.internal.tensor.PyNum;
import io.signet.tensor.DType;

import java.math.BigInteger;
import java.util.Set;

/**
 * pandas' C parser ({@code read_csv}'s default engine) turning one column's fields into an array, as
 * {@code TextReader._convert_tokens} does in pandas 1.5 and 2.3 alike: a user dtype is tried first (integers
 * with tokenizer.c's {@code str_to_int64}, then {@code str_to_uint64} past int64; floats with its {@code xstrtod}
 * grammar), else the fields are inferred in the order int64 (uint64), float64, bool, object and the result is cast
 * to the user dtype with {@code astype(casting='safe')}, or unsafely and compared cell by cell, so that a value
 * the dtype cannot hold is pandas' "cannot safely convert" (a float past int64, a float with a fraction, a string
 * Python's {@code int()} reads but the C parser does not).
 *
 * <p>Errors are {@link PyError}s carrying pandas' (or numpy's, or Python's) class and message; fields are quoted
 * through {@link Excerpt}. Cells follow the package's model: Long (uint64 past int64 as BigInteger), Double,
 * Boolean, String; a missing field of an object column is null.
 */
public final class PandasCsv {
    /** pandas 1.5's default {@code na_values} ({@code STR_NA_VALUES}); pandas 2 adds "None". */
    private static final Set<String> NA = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
        "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    /** tokenizer.c's outcomes of one number: parsed, no digits / trailing characters, or out of range. */
    private static final int OK = 0;
    private static final int INVALID = 1;
    private static final int OVERFLOW = 2;

    /** How the pandas and numpy generation differ here (the caller's profile answers). */
    public static final class Flags {
        final boolean noneIsMissing;
        final boolean numpyRaisesOnIntOverflow;
        final boolean boolNamedBool;

        /**
         * @param noneIsMissing "None" is one of the default NA spellings (pandas 2)
         * @param numpyRaisesOnIntOverflow numpy refuses a Python int past an integer dtype instead of wrapping (numpy 2)
         * @param boolNamedBool numpy's bool scalar class prints as {@code numpy.bool}, not {@code numpy.bool_} (numpy 2)
         */
        public Flags(final boolean noneIsMissing, final boolean numpyRaisesOnIntOverflow, final boolean boolNamedBool) {
            this.noneIsMissing = noneIsMissing;
            this.numpyRaisesOnIntOverflow = numpyRaisesOnIntOverflow;
            this.boolNamedBool = boolNamedBool;
        }
    }

    /** A converted column: its dtype and cells. */
    public static final class Column {
        public final DType dtype;
        public final Object[] cells;

        Column(final DType dtype, final Object[] cells) {
            this.dtype = dtype;
            this.cells = cells;
        }
    }

    private PandasCsv() {
    }

    /** Whether a field is one of pandas' default NA spellings (a missing field, null here, is NA). */
    public static boolean isNa(final String field, final Flags flags) {
        return field == null || NA.contains(field) || flags.noneIsMissing && field.equals("None");
    }

    /**
     * The column pandas makes of {@code fields} (row order; null for a field a short row lacks) with the user dtype
     * (int64, int32, float64, float32; null to infer). {@code index} is the column's position, as pandas names it.
     *
     * @throws PyError pandas' ValueError or OverflowError, as {@code read_csv} raises it
     */
    public static Column convert(final String[] fields, final DType user, final int index, final Flags flags) {
        if (user != null && user.kind() == DType.Kind.INT) {
            final Column c = userInt(fields, user, index, flags);
            if (c != null) {
                return c;
            }
        } else if (user != null && user.kind() == DType.Kind.FLOAT) {
            final Object[] d = doubles(fields, flags);
            if (d != null) {
                return new Column(user, user.itemSize() == 4 ? toFloat32(d) : d);
            }
        }
        final Column inferred = infer(fields, flags);
        return user == null ? inferred : safeCast(inferred, fields, user, index, flags);
    }

    /** {@code _convert_with_dtype} for an integer user dtype; null when the fields are not all integers. */
    private static Column userInt(final String[] fields, final DType user, final int index, final Flags flags) {
        final Object[] cells = new Object[fields.length];
        int na = 0;
        int error = OK;
        for (int i = 0; i < fields.length && error == OK; i++) {
            if (isNa(fields[i], flags)) {
                na++;
                continue;
            }
            final Object v = integer(fields[i], false);
            error = v instanceof Integer ? (Integer) v : OK;
            cells[i] = v instanceof Long ? v : null;
        }
        Column c;
        if (error == OVERFLOW) {
            c = uint64(fields, flags);
            if (c == null) {
                return null;
            }
        } else if (error != OK) {
            return null;
        } else if (na > 0) {
            throw PyError.valueError("Integer column has NA values in column " + index);
        } else {
            c = new Column(DType.INT64, cells);
        }
        return user.itemSize() == 8 ? c : new Column(user, wrap(c.cells, user));
    }

    /**
     * {@code _try_uint64}: null when a field is no integer; OverflowError past uint64 or for a negative one,
     * ValueError for one past int64 beside a negative or missing one.
     */
    private static Column uint64(final String[] fields, final Flags flags) {
        final Object[] cells = new Object[fields.length];
        boolean seenNull = false;
        boolean seenSint = false;
        boolean seenUint = false;
        for (int i = 0; i < fields.length; i++) {
            if (isNa(fields[i], flags)) {
                seenNull = true;
                cells[i] = 0L;
                continue;
            }
            final String s = fields[i];
            int p = skipSpaces(s, 0);
            if (p < s.length() && s.charAt(p) == '-') {
                seenSint = true; // str_to_uint64 stops at a minus sign without an error
                cells[i] = 0L;
                continue;
            }
            final Object v = integer(s, true);
            if (v instanceof Integer) {
                if ((Integer) v == OVERFLOW) {
                    throw new PyError("OverflowError", "Overflow");
                }
                return null;
            }
            final BigInteger b = (BigInteger) v;
            seenUint |= b.compareTo(INT64_MAX) > 0;
            cells[i] = b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (seenUint && (seenSint || seenNull)) {
            throw PyError.valueError("Cannot convert to numerical dtype");
        }
        if (seenSint) {
            throw new PyError("OverflowError", "Overflow");
        }
        return new Column(DType.UINT64, cells);
    }

    /**
     * tokenizer.c's {@code str_to_int64} ({@code unsigned} false: Long) or {@code str_to_uint64} (true: BigInteger):
     * ASCII spaces around, one sign, decimal digits only; the range is checked digit by digit, so a long run of
     * digits overflows before a bad character after it is seen. An Integer outcome is the error.
     */
    private static Object integer(final String s, final boolean unsigned) {
        int p = skipSpaces(s, 0);
        boolean neg = false;
        if (p < s.length() && (s.charAt(p) == '-' || s.charAt(p) == '+')) {
            neg = s.charAt(p) == '-';
            p++;
        }
        final int start = p;
        while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
            p++;
        }
        if (p == start) {
            return INVALID;
        }
        final BigInteger b = new BigInteger((neg ? "-" : "") + s.substring(start, p));
        if (unsigned ? b.compareTo(UINT64_MAX) > 0 : b.compareTo(INT64_MAX) > 0 || b.compareTo(INT64_MIN) < 0) {
            return OVERFLOW;
        }
        if (skipSpaces(s, p) != s.length()) {
            return INVALID;
        }
        return unsigned ? b : (Object) b.longValue();
    }

    private static int skipSpaces(final String s, final int from) {
        int p = from;
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) >= '\t' && s.charAt(p) <= '\r')) {
            p++;
        }
        return p;
    }

    /** {@code _try_double}: float64 cells (NaN for NA), or null when a field is no C double nor an inf spelling. */
    private static Object[] doubles(final String[] fields, final Flags flags) {
        final Object[] cells = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (isNa(fields[i], flags)) {
                cells[i] = Double.NaN;
                continue;
            }
            final Double d = cDouble(fields[i]);
            if (d == null) {
                return null;
            }
            cells[i] = d;
        }
        return cells;
    }

    /**
     * tokenizer.c's {@code precise_xstrtod} grammar: ASCII spaces around, a sign, digits with one '.', an
     * exponent {@code [eE][+-]digits}; no underscores, hex or nan; past the double range an error (its ERANGE),
     * below it zero; then "inf", "+inf", "-inf", "infinity" and their signs in any case.
     */
    static Double cDouble(final String s) {
        final int from = skipSpaces(s, 0);
        if (from == s.length()) {
            return null; // blanks only: no digits
        }
        final String t = s.substring(from, trimEnd(s));
        final String l = t.toLowerCase(java.util.Locale.ROOT);
        final String body = l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l;
        if (body.equals("inf") || body.equals("infinity")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        int p = 0;
        int digits = 0;
        while (p < body.length() && body.charAt(p) >= '0' && body.charAt(p) <= '9') {
            p++;
            digits++;
        }
        if (p < body.length() && body.charAt(p) == '.') {
            p++;
            while (p < body.length() && body.charAt(p) >= '0' && body.charAt(p) <= '9') {
                p++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (p < body.length() && body.charAt(p) == 'e') {
            int q = p + 1;
            if (q < body.length() && (body.charAt(q) == '+' || body.charAt(q) == '-')) {
                q++;
            }
            final int e = q;
            while (q < body.length() && body.charAt(q) >= '0' && body.charAt(q) <= '9') {
                q++;
            }
            if (q == e) {
                return null;
            }
            p = q;
        }
        if (p != body.length()) {
            return null;
        }
        final double d = Double.parseDouble(t);
        return Double.isInfinite(d) ? null : d;
    }

    private static int trimEnd(final String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) >= '\t' && s.charAt(e - 1) <= '\r')) {
            e--;
        }
        return e;
    }

    /** The fallback order {@code dtype_cast_order}: int64 (uint64, object on its errors), float64, bool, object. */
    private static Column infer(final String[] fields, final Flags flags) {
        final Object[] ints = new Object[fields.length];
        int error = OK;
        boolean na = false;
        for (int i = 0; i < fields.length && error == OK; i++) {
            if (isNa(fields[i], flags)) {
                na = true;
                ints[i] = Double.NaN;
                continue;
            }
            final Object v = integer(fields[i], false);
            error = v instanceof Integer ? (Integer) v : OK;
            ints[i] = v;
        }
        if (error == OK && fields.length > 0) {
            return na ? new Column(DType.FLOAT64, upcast(ints)) : new Column(DType.INT64, ints);
        }
        if (error == OVERFLOW) {
            try {
                final Column u = uint64(fields, flags);
                if (u != null) {
                    return u;
                }
            } catch (PyError e) {
                return objects(fields, flags);
            }
        }
        final Object[] d = doubles(fields, flags);
        if (d != null) {
            return new Column(DType.FLOAT64, d);
        }
        final Object[] bools = new Object[fields.length];
        boolean boolNa = false;
        for (int i = 0; i < fields.length; i++) {
            if (isNa(fields[i], flags)) {
                boolNa = true;
                continue;
            }
            if (fields[i].equalsIgnoreCase("true") || fields[i].equalsIgnoreCase("false")) {
                bools[i] = fields[i].equalsIgnoreCase("true");
            } else {
                return objects(fields, flags);
            }
        }
        return new Column(boolNa ? DType.OBJECT : DType.BOOL, bools);
    }

    /** An int64 column with missing values as pandas' {@code _maybe_upcast} leaves it: float64 with NaN. */
    private static Object[] upcast(final Object[] ints) {
        for (int i = 0; i < ints.length; i++) {
            ints[i] = ((Number) ints[i]).doubleValue();
        }
        return ints;
    }

    private static Column objects(final String[] fields, final Flags flags) {
        final Object[] cells = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            cells[i] = isNa(fields[i], flags) ? null : fields[i];
        }
        return new Column(DType.OBJECT, cells);
    }

    /**
     * The inferred column cast to the user dtype: {@code astype(casting='safe')} where numpy calls it safe (bool and
     * int64 into float64, bool into ints), else an unsafe astype whose result must equal the column cell by cell.
     */
    private static Column safeCast(final Column c, final String[] fields, final DType user, final int index,
                                   final Flags flags) {
        final boolean toInt = user.kind() == DType.Kind.INT;
        if (c.dtype.equals(DType.BOOL) || c.dtype.equals(DType.OBJECT) && isBoolWithNa(c.cells, fields, flags)) {
            final boolean withNa = c.dtype.equals(DType.OBJECT);
            if (toInt && withNa) {
                throw PyError.valueError("cannot safely convert passed user dtype of " + user + " for <class '"
                    + (flags.boolNamedBool ? "numpy.bool" : "numpy.bool_") + "'> dtyped data in column " + index
                    + " due to NA values");
            }
            final Object[] out = new Object[c.cells.length];
            for (int i = 0; i < out.length; i++) {
                final Boolean b = (Boolean) c.cells[i];
                out[i] = toInt ? (Object) (b ? 1L : 0L) : b == null ? Double.NaN : b ? 1.0 : 0.0;
            }
            return new Column(user, user.equals(DType.FLOAT32) ? toFloat32(out) : out);
        }
        if (c.dtype.equals(DType.OBJECT)) {
            // unsafe astype calls int() / float() on each cell (raising at the first that fails); a str never
            // equals the number made of it, so the comparison that follows always fails
            for (final Object v : c.cells) {
                objectCell(v, user, flags);
            }
            throw cannotSafely(user, "object", index);
        }
        if (c.dtype.kind() == DType.Kind.FLOAT && toInt) {
            final Object[] out = new Object[c.cells.length];
            for (int i = 0; i < out.length; i++) {
                final double d = (Double) c.cells[i];
                final boolean fits = user.itemSize() == 8 ? d >= -0x1p63 && d < 0x1p63
                    : d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
                if (Double.isNaN(d) || !fits || Math.rint(d) != d) {
                    throw cannotSafely(user, "float64", index);
                }
                out[i] = (long) d;
            }
            return new Column(user, out);
        }
        return new Column(user, c.cells); // not reached: an int column is the user dtype's own path
    }

    /** Whether an object column is pandas' bool column with missing values (upcast to object after the cast). */
    private static boolean isBoolWithNa(final Object[] cells, final String[] fields, final Flags flags) {
        boolean any = false;
        for (int i = 0; i < cells.length; i++) {
            if (isNa(fields[i], flags)) {
                continue;
            }
            if (!(fields[i].equalsIgnoreCase("true") || fields[i].equalsIgnoreCase("false"))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** numpy's object-to-number cast of one cell: Python's {@code int()} or {@code float()} and its errors. */
    private static void objectCell(final Object v, final DType user, final Flags flags) {
        if (user.kind() == DType.Kind.FLOAT) {
            if (v != null) {
                try {
                    PyNum.parseFloat((String) v);
                } catch (NumberFormatException e) {
                    throw PyError.valueError("could not convert string to float: " + quote((String) v));
                }
            }
            return;
        }
        if (v == null) {
            throw PyError.valueError("cannot convert float NaN to integer");
        }
        final BigInteger b;
        try {
            b = PyNum.parseInt((String) v);
        } catch (NumberFormatException e) {
            throw PyError.valueError("invalid literal for int() with base 10: " + quote((String) v));
        }
        if (b.bitLength() > 63) {
            throw new PyError("OverflowError", "Python int too large to convert to C long");
        }
        if (user.itemSize() == 4 && flags.numpyRaisesOnIntOverflow && b.bitLength() > 31) {
            throw new PyError("OverflowError", "Python integer " + b + " out of bounds for int32");
        }
    }

    private static String quote(final String s) {
        return "'" + Excerpt.text(s) + "'";
    }

    private static PyError cannotSafely(final DType user, final String from, final int index) {
        return PyError.valueError("cannot safely convert passed user dtype of " + user + " for " + from
            + " dtyped data in column " + index);
    }

    /** numpy's int64 / uint64 astype to a narrower integer: wraps around. */
    private static Object[] wrap(final Object[] cells, final DType to) {
        final Object[] out = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            final long v = ((Number) cells[i]).longValue(); // BigInteger keeps its low 64 bits
            out[i] = to.itemSize() == 4 ? (long) (int) v : to.itemSize() == 2 ? (long) (short) v : (long) (byte) v;
        }
        return out;
    }

    private static Object[] toFloat32(final Object[] d) {
        final Object[] out = new Object[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (double) (float) (double) (Double) d[i];
        }
        return out;
    }
}
