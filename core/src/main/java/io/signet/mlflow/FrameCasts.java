package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.internal.json.Deviations;
import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.py.PandasDatetime;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.py.Excerpt;
import io.signet.schema.InputSpec;
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's scoring server casting a {@code dataframe_split} / {@code dataframe_records} /
 * CSV frame to the schema before {@code predict}: {@code cast_df_types_according_to_schema}
 * ({@link #castDf}), pandas' {@code astype} as that cast meets it (datetimes parsed by
 * {@link PandasDatetime}, bool by truthiness, floats into ints refused on NaN and wrapped past the
 * range, binary base64-decoded), and {@code _enforce_type} on nested cells. Failures are the server's
 * 400 BAD_REQUEST naming the column (quoted as an excerpt); silent wraps go to the request's
 * {@link Deviations}. Immutable: one per served model.
 */
public final class FrameCasts {
    private final Schema schema;
    private final boolean strict;
    private final Limits limits;
    private final ServingInputs inputs;
    private final Profile profile;

    public FrameCasts(final Schema schema, final boolean strict, final Limits limits, final Profile profile) {
        this.profile = profile;
        this.schema = schema;
        this.strict = strict;
        this.limits = limits;
        this.inputs = new ServingInputs(schema, strict, limits, profile);
    }

    private Object enforceType(final Object data, final ColumnType t, final boolean required) {
        return inputs.enforceType(data, t, required);
    }

    
    /** {@code cast_df_types_according_to_schema}: casts {@code f} in place and returns it. */
    public DataFrame castDf(final DataFrame f, final String ptr, final Deviations dev) {
        if (schema == null) {
            return f;
        }
        final List<Object> names = new ArrayList<>();
        final List<Object> types = new ArrayList<>();
        if (schema.hasInputNames()) {
            names.addAll(schema.inputNames()); // zip(input_names(), input_types())
            for (final InputSpec s : schema.inputs()) {
                types.add(s instanceof TensorSpec ? ((TensorSpec) s).dtype() : ((ColSpec) s).type());
            }
        } else if (schema.isTensorSpec() && schema.size() == 1) {
            for (final Object n : new java.util.LinkedHashSet<>(f.labels())) { // zip(set(pdf.columns), ...)
                names.add(n);
                types.add(((TensorSpec) schema.input(0)).dtype());
            }
        } else {
            final int n = Math.min(schema.size(), f.columnCount());
            for (int i = 0; i < n; i++) {
                names.add(f.label(i));
                final InputSpec s = schema.input(i);
                types.add(s instanceof TensorSpec ? ((TensorSpec) s).dtype() : ((ColSpec) s).type());
            }
        }
        // M4: MLflow 3 hands each Array / Object / Map cell its column's required (2.17.2: always required)
        final java.util.Set<Object> required = profile.optionalReachesNested()
            ? new java.util.HashSet<>(schema.requiredInputNames()) : null;
        for (int i = 0; i < names.size(); i++) {
            // pdf[name] selects every column carrying the label: a repeated label gives a DataFrame, which
            // astype casts column by column and which has no .map in pandas 1.5 (binary, bytes, Array, Object, Map)
            final int[] same = f.indicesOf(names.get(i));
            for (final int c : same) {
                castColumn(f, c, types.get(i), same.length > 1, required == null || required.contains(names.get(i)),
                    ptr, dev);
            }
        }
        return f;
    }

    private void castColumn(final DataFrame f, final int c, final Object t, final boolean dup, final boolean required,
                            final String ptr, final Deviations dev) {
        final Object[] col = f.cells(c);
        final String colPtr = ptr;
        String typeName = t instanceof DType ? t.toString() : t instanceof DataType
            ? pandasName((DataType) t) : ((ColumnType) t).repr();
        if (t instanceof ColumnType && !(t instanceof DataType)) {
            typeName = ((ColumnType) t).str();
        }
        try {
            if (t instanceof io.signet.schema.AnyType) {
                return; // MLflow 3: an any column is left as parsed
            }
            // M11: pandas 2.1+ has DataFrame.map, which maps every cell of the repeated label's columns
            if (dup && !profile.dataFrameMapExists() && (t == DataType.BINARY
                || t instanceof DType && ((DType) t).kind() == DType.Kind.BYTES
                || t instanceof ColumnType && !(t instanceof DataType))) {
                throw new CastFailure("AttributeError(\"'DataFrame' object has no attribute 'map'\")");
            }
            if (t == DataType.BINARY) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    if (!(col[j] instanceof String)) {
                        throw new CastFailure("TypeError('encoding without a string argument')");
                    }
                    r[j] = decodeBase64Lenient((String) col[j]);
                }
                f.setCells(c, r);
                f.setDtype(c, DType.OBJECT);
            } else if (t instanceof DType && ((DType) t).kind() == DType.Kind.BYTES) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    if (!(col[j] instanceof String)) {
                        throw new CastFailure("TypeError('encoding without a string argument')");
                    }
                    r[j] = ((String) col[j]).getBytes(StandardCharsets.UTF_8);
                }
                f.setCells(c, r);
                f.setDtype(c, DType.OBJECT);
            } else if (schema.isTensorSpec() && col.length == 0) {
                throw new CastFailure("IndexError('single positional indexer is out-of-bounds')");
            } else if (schema.isTensorSpec() && col[0] instanceof List && !dup) {
                return;
            } else if (t instanceof ColumnType && !(t instanceof DataType)) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    try {
                        r[j] = enforceType(col[j], (ColumnType) t, required);
                    } catch (PayloadException e) {
                        throw new CastFailure("MlflowException(" + PyRepr.repr(e.getMessage()) + ")");
                    } catch (io.signet.py.PyError e) {
                        throw new CastFailure(e.repr());
                    }
                }
                f.setCells(c, r);
            } else {
                final DType target = t instanceof DType ? (DType) t
                    : t == DataType.STRING ? DType.OBJECT : ((DataType) t).toNumpy();
                astype(f, c, target, ptr, dev);
            }
        } catch (CastFailure e) {
            throw PayloadException.badRequest("Invalid input. Data is not compatible with model signature. Failed "
                + "to convert column " + Excerpt.str(f.label(c)) + " to type '" + typeName + "'. Error: '" + e.getMessage()
                + "'", colPtr + "/" + Excerpt.str(f.label(c)));
        } catch (PayloadException e) {
            if (e.deviation() != null) {
                throw new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. Data is not compatible with model "
                    + "signature. Failed to convert column " + Excerpt.str(f.label(c)) + " to type '" + typeName + "'. "
                    + e.getMessage().replaceFirst("^Invalid input\\. ", ""), colPtr + "/" + Excerpt.str(f.label(c)), -1, -1,
                    -1, e.deviation());
            }
            final String inner = e.getMessage().replaceFirst("^Invalid input\\. ", "");
            throw PayloadException.badRequest("Invalid input. Data is not compatible with model signature. Failed "
                + "to convert column " + Excerpt.str(f.label(c)) + " to type '" + typeName + "'. Error: '"
                + (inner.startsWith("Python integer ") ? "OverflowError(" + PyRepr.repr(inner) + ")" : inner) + "'",
                colPtr + "/" + Excerpt.str(f.label(c)));
        }
    }

    private static String pandasName(final DataType t) {
        return t == DataType.STRING || t == DataType.BINARY ? "<class 'object'>" : t.toNumpy().toString();
    }

    private void astype(final DataFrame f, final int c, final DType target, final String ptr, final Deviations dev) {
        final Object[] col = f.cells(c);
        if (target.kind() == DType.Kind.OBJECT) {
            // astype(object) keeps the values as they are
            f.setDtype(c, DType.OBJECT);
            return;
        }
        if (target.kind() == DType.Kind.STR) {
            // a str tensor dtype: astype(str) makes Python str() of every cell
            final Object[] r = new Object[col.length];
            for (int i = 0; i < col.length; i++) {
                final Object v = col[i];
                r[i] = v instanceof Double && ((Double) v).isNaN() ? "nan" : PyRepr.str(v);
            }
            f.setCells(c, r);
            f.setDtype(c, DType.OBJECT);
            return;
        }
        final DType from = f.dtype(c);
        if (from.kind() == DType.Kind.DATETIME) {
            // a column an earlier cast made datetime64[ns] (a repeated label is cast once per schema entry):
            // pandas' DatetimeArray.astype keeps int64 (the nanoseconds) and bool, refuses other numbers
            if (target.kind() == DType.Kind.FLOAT || target.kind() == DType.Kind.TIMEDELTA) {
                throw new CastFailure("TypeError('Cannot cast DatetimeArray to dtype " + target + "')");
            }
            if ((target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT) && target.itemSize() != 8) {
                throw new CastFailure("TypeError('cannot astype a datetimelike from [" + from + "] to [" + target
                    + "]')");
            }
        }
        if (target.kind() == DType.Kind.BOOL) {
            // astype(bool): Python truthiness of every cell (None is False, NaN is True)
            final Object[] r = new Object[col.length];
            for (int i = 0; i < col.length; i++) {
                r[i] = truthy(col[i]);
            }
            f.setCells(c, r);
            f.setDtype(c, target);
            return;
        }
        if (target.kind() == DType.Kind.DATETIME) {
            toDatetimes(f, c, from, target, ptr, dev);
            return;
        }
        if (target.kind() == DType.Kind.TIMEDELTA) {
            final NdArray a = ServingNumpy.cast(new ArrayList<>(Arrays.asList(col)), target, "", strict, limits, dev);
            keepTimeUnit(f, c, a.elements(), target);
            return;
        }
        final List<Object> l = new ArrayList<>(Arrays.asList(col));
        if (from.kind() == DType.Kind.FLOAT && (target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT)) {
            floatsIntoInts(f, c, from, target, l, ptr, dev);
        }
        if (target.kind() == DType.Kind.FLOAT) {
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) instanceof Double && ((Double) l.get(i)).isNaN()) {
                    l.set(i, null);
                }
            }
        }
        if (from.kind() != DType.Kind.OBJECT && target.kind() == DType.Kind.BOOL) {
            // numeric astype(bool): truthiness
            for (int i = 0; i < l.size(); i++) {
                final Object v = l.get(i);
                l.set(i, v instanceof Number ? ((Number) v).doubleValue() != 0 : v);
            }
        }
        for (final Object v : l) {
            if (v instanceof Map || v instanceof List) {
                throw new CastFailure("TypeError(\"" + (target.kind() == DType.Kind.FLOAT
                    ? "float() argument must be a string or a real number, not '" + PyRepr.typeName(v) + "'"
                    : "int() argument must be a string, a bytes-like object or a real number, not '"
                    + PyRepr.typeName(v) + "'") + "\")");
            }
        }
        if ((target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT) && !target.equals(DType.UINT64)) {
            for (int i = 0; i < l.size(); i++) {
                final Object v = l.get(i);
                if (v instanceof java.math.BigInteger && ((java.math.BigInteger) v).signum() >= 0
                    && ((java.math.BigInteger) v).bitLength() <= 64) {
                    // pandas holds it in a uint64 column and astype wraps it silently
                    dev.note(new PayloadException(400, PayloadException.BAD_REQUEST,
                        "Invalid input. " + v + " does not fit in " + target + " (MLflow would silently wrap it around)",
                        ptr + "/" + Excerpt.str(f.label(c)), -1, -1, -1, io.signet.enforce.Deviation.NARROWING_OVERFLOW.code()));
                    l.set(i, ((java.math.BigInteger) v).longValue());
                }
            }
        }
        // M9: an object column holds Python ints, which numpy 2 refuses past the target's range (an int64
        // column, and the uint64 / float64 one pandas makes of ints past int64, is cast in C and still wraps)
        final NdArray a = ServingNumpy.cast(l, target, "", strict, limits, dev, profile.numpyRaisesOnIntOverflow()
            && from.kind() == DType.Kind.OBJECT && unsignedNumericColumn(col).kind() == DType.Kind.OBJECT);
        f.setCells(c, a.elements());
        f.setDtype(c, target);
    }

    /** The datetime64 / timedelta64 units pandas 2 keeps besides ns. */
    private static final java.util.Set<String> PANDAS2_UNITS = java.util.Set.of("s", "ms", "us");

    /**
     * Stores an astype to datetime64 (cells in ns) or timedelta64 (cells in the target's unit): pandas 1.5
     * labels both ns whatever unit was asked for; pandas 2 (N) keeps s, ms and us, refuses other datetime
     * units (ValueError) and makes seconds of other timedelta units.
     */
    private void keepTimeUnit(final DataFrame f, final int c, final Object[] cells, final DType target) {
        final boolean datetime = target.kind() == DType.Kind.DATETIME;
        final String unit = target.unit() == null || target.unit().isEmpty() ? "ns" : target.unit();
        if (!profile.pandasKeepsTimeUnit() || unit.equals("ns")) {
            f.setCells(c, cells);
            f.setDtype(c, datetime ? DType.datetime64("ns") : DType.timedelta64("ns"));
            return;
        }
        if (datetime && !PANDAS2_UNITS.contains(unit)) {
            throw new CastFailure("ValueError(" + PyRepr.repr("Unexpected value for 'dtype': '" + target + "'. Must be "
                + "'datetime64[s]', 'datetime64[ms]', 'datetime64[us]', 'datetime64[ns]' or DatetimeTZDtype'.") + ")");
        }
        final String from = datetime ? "ns" : unit;
        final String kept = PANDAS2_UNITS.contains(unit) ? unit : "s";
        for (int i = 0; i < cells.length; i++) {
            final long x = (Long) cells[i];
            cells[i] = from.equals(kept) || x == io.signet.internal.tensor.NpDatetime.NAT ? x
                : io.signet.internal.tensor.NpDatetime.convert(x, from, kept);
        }
        f.setCells(c, cells);
        f.setDtype(c, datetime ? DType.datetime64(kept) : DType.timedelta64(kept));
    }

    /**
     * pandas {@code astype('datetime64[ns]')} of column {@code c}: numbers (and bools) are nanoseconds, strings
     * are parsed ({@link PandasDatetime}), past int64 is out of bounds or wraps as pandas holds the column.
     */
    private void toDatetimes(final DataFrame f, final int c, final DType from, final DType target, final String ptr,
                             final Deviations dev) {
        final Object[] col = f.cells(c);

        // pandas astype('datetime64[ns]'): numbers (and bools) are nanoseconds, strings are parsed
        final Object[] r = new Object[col.length];
        // pandas keeps a column of non-negative ints with one past int64 as uint64 (float64 with a float or
        // None among them): such a column is cast blindly (2**63 becomes NaT), any other holds Python objects,
        // converted one by one with a bounds check
        final DType held = from.kind() == DType.Kind.OBJECT ? unsignedNumericColumn(col) : from;
        for (int i = 0; i < col.length; i++) {
            final Object v = col[i];
            if (v == null || v instanceof Double && ((Double) v).isNaN()) {
                r[i] = io.signet.internal.tensor.NpDatetime.NAT;
            } else if (v instanceof Boolean && from.kind() == DType.Kind.BOOL) {
                r[i] = (Boolean) v ? 1L : 0L;
            } else if (v instanceof Long) {
                r[i] = v;
            } else if (v instanceof java.math.BigInteger) {
                final java.math.BigInteger b = (java.math.BigInteger) v;
                if (held.kind() == DType.Kind.OBJECT) {
                    throw new CastFailure("OutOfBoundsDatetime('Out of bounds nanosecond timestamp')");
                }
                // uint64 is viewed as int64, a float64 past int64 becomes NaT: MLflow stores a wrong datetime
                r[i] = held.kind() == DType.Kind.FLOAT ? io.signet.internal.tensor.NpDatetime.NAT : b.longValue();
                dev.note(datetimeOverflow(b.toString(), r[i], ptr, f, c));
            } else if (v instanceof Double) {
                final double d = (Double) v;
                if (Double.isInfinite(d)) {
                    throw new CastFailure("OverflowError('cannot convert float infinity to integer')");
                }
                if (d >= 0x1p63 || d < -0x1p63) {
                    if (held.kind() == DType.Kind.OBJECT) {
                        // element-wise conversion of an object column checks bounds
                        throw new CastFailure("OutOfBoundsDatetime('Out of bounds nanosecond timestamp')");
                    }
                    // a float64 column casts blindly: numpy stores int64's minimum, which is NaT
                    r[i] = io.signet.internal.tensor.NpDatetime.NAT;
                    dev.note(datetimeOverflow(PyRepr.repr(v), r[i], ptr, f, c));
                } else {
                    r[i] = (long) d;
                }
            } else if (v instanceof String) {
                try {
                    r[i] = PandasDatetime.parse((String) v);
                } catch (RuntimeException e) {
                    throw new CastFailure(PandasDatetime.failure((String) v, i, numberBefore(col, i), e));
                }
            } else {
                throw new CastFailure("TypeError(\"<class '" + PyRepr.typeName(v) + "'> is not convertible to "
                    + "datetime\")");
            }
        }
        if (from.kind() == DType.Kind.OBJECT) {
            // to_datetime of strings with different UTC offsets, or aware and naive ones
            final String zones = PandasDatetime.zoneError(col, profile.pandasRefusesAwareDatetimeStrings());
            if (zones != null) {
                throw new CastFailure(zones);
            }
        }
        keepTimeUnit(f, c, r, target);
    }

    /**
     * A float column cast to an integer dtype: NaN or an infinity is pandas' IntCastingNaNError, a negative
     * value into uint its ValueError; the cast itself is C's (no Python int in between, so no OverflowError):
     * a value past the target's range is stored wrapped, 1e39 into int32 as -2147483648, and MLflow accepts
     * it (a narrowing-overflow deviation here).
     */
    private static void floatsIntoInts(final DataFrame f, final int c, final DType from, final DType target,
                                       final List<Object> l, final String ptr, final Deviations dev) {
            for (final Object v : l) {
                final double d = v == null ? Double.NaN : ((Number) v).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new CastFailure("IntCastingNaNError('Cannot convert non-finite values (NA or inf) to "
                        + "integer')");
                }
            }
            if (target.kind() == DType.Kind.UINT) {
                for (final Object v : l) {
                    if (((Number) v).doubleValue() < 0) {
                        throw new CastFailure("ValueError('Cannot losslessly cast from " + from + " to " + target + "')");
                    }
                }
            }
        
            // a float column is cast in C (no Python int in between, so no OverflowError): a value past the
            // target's range is stored wrapped, 1e39 into int32 as -2147483648, and MLflow accepts it
            // (the range is numpy's C cast table's, NpCast.floatArrayToInt: one copy)
            final io.signet.internal.tensor.NpCast.Facts facts = new io.signet.internal.tensor.NpCast.Facts();
            for (int i = 0; i < l.size(); i++) {
                final double d = ((Number) l.get(i)).doubleValue();
                io.signet.internal.tensor.NpCast.floatArrayToInt(d, target, facts.clear());
                if (io.signet.enforce.Deviation.NARROWING_OVERFLOW.code().equals(facts.deviation())) {
                    dev.note(new PayloadException(400, PayloadException.BAD_REQUEST,
                        "Invalid input. " + PyRepr.repr(d) + " does not fit in " + target
                            + " (MLflow would silently wrap it around)", ptr + "/" + Excerpt.str(f.label(c)), -1, -1, -1,
                        io.signet.enforce.Deviation.NARROWING_OVERFLOW.code()));
                    l.set(i, 0.0);
                }
            }
        
    }

    /**
     * The dtype pandas gives an object-typed {@link DataFrame} column holding an int past int64: uint64 when every
     * cell is a non-negative int below 2**64, float64 when floats or None are among them too, else object.
     */
    private static DType unsignedNumericColumn(final Object[] col) {
        boolean big = false;
        boolean floats = false;
        for (final Object v : col) {
            if (v == null || v instanceof Double) {
                floats = true;
            } else if (v instanceof java.math.BigInteger) {
                final java.math.BigInteger b = (java.math.BigInteger) v;
                if (b.signum() < 0 || b.bitLength() > 64) {
                    return DType.OBJECT;
                }
                big = true;
            } else if (!(v instanceof Long) || (Long) v < 0) {
                return DType.OBJECT;
            }
        }
        return !big ? DType.OBJECT : floats ? DType.FLOAT64 : DType.UINT64;
    }

    private static PayloadException datetimeOverflow(final String value, final Object stored, final String ptr,
                                                     final DataFrame f, final int c) {
        final long ns = (Long) stored;
        return new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. " + value + " is outside the range of "
            + "datetime64[ns] (MLflow would silently store " + (ns == io.signet.internal.tensor.NpDatetime.NAT ? "NaT"
            : ns + " nanoseconds") + ")", ptr + "/" + Excerpt.str(f.label(c)), -1, -1, -1,
            io.signet.enforce.Deviation.NARROWING_OVERFLOW.code());
    }

    private static boolean truthy(final Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            final double d = ((Number) v).doubleValue();
            return d != 0 || Double.isNaN(d);
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof List) {
            return !((List<?>) v).isEmpty();
        }
        return true;
    }

    /** Python's {@code base64.decodebytes}: non-alphabet characters are skipped, padding is required. */
    static byte[] decodeBase64Lenient(final String s) {
        int q = 0;
        int pads = 0;
        for (int i = 0; i < s.length(); i++) {
            final char ch = s.charAt(i);
            if (ch == '=') {
                if (q % 4 >= 2) {
                    pads++;
                    if (q % 4 + pads == 4) {
                        break;
                    }
                }
            } else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                || ch == '/') {
                if (pads > 0) {
                    pads = 0;
                }
                q++;
            }
        }
        if (q % 4 == 1) {
            throw new CastFailure("Error('Invalid base64-encoded string: number of data characters (" + q
                + ") cannot be 1 more than a multiple of 4')");
        }
        if (q % 4 != 0 && q % 4 + pads < 4) {
            throw new CastFailure("Error('Incorrect padding')");
        }
        return decodeBase64Chars(s);
    }

    private static byte[] decodeBase64Chars(final String s) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            final char ch = s.charAt(i);
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                || ch == '/' || ch == '=') {
                sb.append(ch);
            }
        }
        String t = sb.toString();
        final int eq = t.indexOf('=');
        if (eq >= 0) {
            t = t.substring(0, eq);
        }
        t = t.substring(0, t.length() - (t.length() % 4 == 1 ? 1 : 0));
        try {
            return Base64.getDecoder().decode(t + "===".substring(0, (4 - t.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** A pandas/numpy failure while casting a column, carrying the Python repr of the exception. */
    /** A number (not NaN) among the cells before row {@code i}: pandas' object path then re-raises its TypeError. */
    private static boolean numberBefore(final Object[] col, final int i) {
        for (int j = 0; j < i; j++) {
            final Object v = col[j];
            if (v instanceof Long || v instanceof java.math.BigInteger
                || v instanceof Double && !((Double) v).isNaN()) {
                return true;
            }
        }
        return false;
    }

    static final class CastFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CastFailure(final String repr) {
            super(repr, null, false, false);
        }
    }
}
