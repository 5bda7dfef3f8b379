package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.py.Pandas;
import io.signet.py.PandasDatetime;
import io.signet.py.Py;
import io.signet.py.PyTuple;
import io.signet.py.Series;
import io.signet.schema.DataType;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's {@code _enforce_mlflow_datatype} (a column against a {@link DataType}) and
 * {@code _enforce_datatype} (one scalar, as the one-element Series {@code pd.Series(data)}), the one
 * copy: the upcast table, the object-column branches (str, binary and bool keep anything; datetime
 * parses with pandas; double runs {@code pd.to_numeric}), the 0/1 rule, the missing-values hint.
 * A success returns the column MLflow hands on (upcast, datetimes in ns).
 */
public final class Datatypes {
    /** The column's dtype is the type's own. */
    public static final int OK = 0;
    /** A safe upcast. */
    public static final int UPCAST = 1;
    /** int64 into float/double: accepted when every value is 0, 1 or null. */
    public static final int ZERO_ONE = 2;
    /** Not convertible. */
    public static final int REJECT = 3;

    private Datatypes() {
    }

    /**
     * MLflow's upcast table for a column of numpy dtype {@code from} (after {@code infer_objects}):
     * same kind and not narrower; uint to int only when strictly wider; (u)int to float64 up to 32
     * bits (itemsize &lt;= 6); int64 to float32/float64 when all values are 0 or 1 ({@link #ZERO_ONE});
     * str/binary accept object (binary also bytes); datetime accepts any datetime64 unit; everything
     * else is rejected. Allocation-free: the hot path's column check asks it too.
     */
    public static int upcast(final DType from, final DataType to) {
        final DType t = to.toNumpy();
        if (from.equals(t)) {
            return OK;
        }
        if (to == DataType.STRING || to == DataType.BINARY) {
            return from.kind() == DType.Kind.OBJECT || to == DataType.BINARY && from.kind() == DType.Kind.BYTES
                ? OK : REJECT;
        }
        if (to == DataType.DATETIME) {
            return from.kind() == DType.Kind.DATETIME ? UPCAST : REJECT;
        }
        final boolean up;
        if (from.kind() == t.kind()) {
            up = from.itemSize() <= t.itemSize();
        } else if (from.kind() == DType.Kind.UINT && t.kind() == DType.Kind.INT) {
            up = from.itemSize() < t.itemSize();
        } else if ((from.kind() == DType.Kind.INT || from.kind() == DType.Kind.UINT) && t.equals(DType.FLOAT64)) {
            up = from.itemSize() <= 6;
        } else {
            up = false;
        }
        if (up) {
            return UPCAST;
        }
        if (from.equals(DType.INT64) && (to == DataType.FLOAT || to == DataType.DOUBLE)) {
            return ZERO_ONE;
        }
        return REJECT;
    }

    /** Whether the missing-values hint can apply to a rejected column (the values decide: NaN present, all integral). */
    public static boolean hintApplies(final DType from, final DataType to) {
        return from.equals(DType.FLOAT64) && (to == DataType.INTEGER || to == DataType.LONG);
    }

    /**
     * {@code _enforce_mlflow_datatype(name, values, t)}: the column MLflow hands on.
     *
     * @throws MlflowException MLflow's sentence, located at the column (and the row where one cell decides)
     */
    public static Series enforce(final Series values, final DataType t, final Profile profile) {
        final Object name = values.name();
        DType dt = values.dtype();
        Object[] cells = values.cells();
        if (dt.kind() == DType.Kind.OBJECT && t != DataType.BINARY && t != DataType.STRING) {
            final DType inferred = inferObjects(cells);
            if (!inferred.equals(dt)) {
                dt = inferred;
                cells = Pandas.normalize(cells, dt);
            }
        }
        if (dt.kind() == DType.Kind.OBJECT) {
            switch (t) {
                case STRING:
                case BINARY:
                case BOOLEAN:
                    return values;
                case DATETIME: {
                    final Object[] aware = awareToNaive(cells, profile);
                    return new Series(name, DType.datetime64("ns"), aware != null ? aware
                        : objectToDatetime(name, cells, profile));
                }
                case DOUBLE:
                    return numeric(name, cells);
                default:
                    break;
            }
        }
        if (t == DataType.DATETIME && dt.kind() == DType.Kind.DATETIME) {
            return new Series(name, DType.datetime64("ns"), Pandas.normalize(cells, DType.datetime64("ns")));
        }
        final int verdict = upcast(dt, t);
        if (verdict == OK) {
            return cells == values.cells() ? values : new Series(name, dt, cells);
        }
        if (verdict == UPCAST || verdict == ZERO_ONE && zeroOrOne(cells)) {
            final DType target = t.toNumpy();
            return new Series(name, target, Pandas.normalize(cells, target));
        }
        final boolean hint = hintApplies(dt, t) && hasNaN(cells) && allIntegral(cells);
        throw MlflowException.invalid(Sentences.incompatible(name, dt, t, hint)).at(name, -1);
    }

    /** {@code values.infer_objects().dtype} of an object column: pandas' inference (containers stay object). */
    public static DType objectDtype(final Object[] cells) {
        return inferObjects(cells);
    }

    static DType inferObjects(final Object[] cells) {
        for (final Object v : cells) {
            if (v instanceof NdArray || v instanceof List || v instanceof Map || v instanceof PyTuple) {
                return DType.OBJECT;
            }
        }
        return Pandas.infer(Arrays.asList(cells));
    }

    private static boolean zeroOrOne(final Object[] cells) {
        for (final Object v0 : cells) {
            final Object v = Py.unwrap(v0);
            if (v == null || v instanceof Double && ((Double) v).isNaN()) {
                continue;
            }
            if (!(v instanceof Number) || ((Number) v).doubleValue() != 0 && ((Number) v).doubleValue() != 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNaN(final Object[] cells) {
        for (final Object v : cells) {
            if (v == null || Py.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allIntegral(final Object[] cells) {
        for (final Object v0 : cells) {
            final Object v = Py.unwrap(v0);
            if (v == null || !(v instanceof Number)) {
                continue;
            }
            final double d = ((Number) v).doubleValue();
            if (!Double.isNaN(d) && (Double.isInfinite(d) || d != Math.rint(d))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ object -> datetime64[ns]

    /**
     * A column of timezone-aware datetime objects ({@link OffsetDateTime}, all with one offset, None
     * allowed) is a {@code datetime64[ns, tz]} column in pandas, and {@code astype('datetime64[ns]')}
     * of it is the one rule that changed: pandas 1.5 converts to UTC and drops the zone; pandas 2
     * refuses, and MLflow 3 says the column must hold naive datetimes. Null when the column is not such
     * a column (any other cell, or two offsets, go the object path).
     */
    private static Object[] awareToNaive(final Object[] cells, final Profile profile) {
        java.time.ZoneOffset zone = null;
        for (final Object v : cells) {
            if (v == null) {
                continue;
            }
            if (!(v instanceof OffsetDateTime) || zone != null && !zone.equals(((OffsetDateTime) v).getOffset())) {
                return null;
            }
            zone = ((OffsetDateTime) v).getOffset();
        }
        if (zone == null) {
            return null;
        }
        if (profile.pandasRefusesAwareDatetimeStrings()) {
            throw MlflowException.invalid(Sentences.AWARE_DATETIME_OBJECTS);
        }
        final Object[] out = new Object[cells.length];
        for (int r = 0; r < cells.length; r++) {
            out[r] = cells[r] == null ? (Object) Long.MIN_VALUE
                : PandasDatetime.cell(((OffsetDateTime) cells[r]).withOffsetSameInstant(java.time.ZoneOffset.UTC)
                    .toLocalDateTime());
        }
        return out;
    }

    /**
     * {@code values.astype('datetime64[ns]')} of an object column; MLflow rewords pandas' ValueErrors
     * ({@code Failed to convert column ...}) but passes its TypeErrors on as they are: a bool, list, dict,
     * bytes or array cell, or a string that does not parse after a number.
     */
    private static Object[] objectToDatetime(final Object name, final Object[] cells, final Profile profile) {
        final boolean pandas2 = profile.pandasRefusesAwareDatetimeStrings();
        final Object[] out = new Object[cells.length];
        int datetimeRow = -1;
        int numberRow = -1;
        // a cell pandas' object path cannot keep (a number, a date, a numpy datetime; not None/NaT, str, datetime)
        boolean unkept = false;
        for (int r = 0; r < cells.length; r++) {
            final Object v = cells[r];
            final Object ns = PandasDatetime.cell(v);
            if (ns == PandasDatetime.FAIL) {
                final String typeError = typeError(v, unkept, r, profile.pandasDatetimeErrorsNamePosition());
                throw MlflowException.invalid(typeError != null ? typeError
                    : Sentences.conversionFailed(name, DType.OBJECT, DataType.DATETIME)).at(name, r);
            }
            out[r] = ns == null ? (Object) Long.MIN_VALUE : ns;
            if (v instanceof LocalDateTime || v instanceof LocalDate
                || v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.DATETIME) {
                datetimeRow = datetimeRow < 0 ? r : datetimeRow;
            } else if (isNumberCell(v)) {
                numberRow = numberRow < 0 ? r : numberRow;
            }
            unkept |= ns != null && !(v instanceof String || v instanceof LocalDateTime
                || v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.STR);
        }
        if (datetimeRow >= 0 && numberRow >= 0 && !pandas2) {
            // pandas' array_to_datetime: "mixed datetimes and integers in passed array" (checked before the zones)
            throw MlflowException.invalid(Sentences.conversionFailed(name, DType.OBJECT, DataType.DATETIME))
                .at(name, Math.max(datetimeRow, numberRow));
        }
        final String zones = zoneError(cells, pandas2);
        if (zones != null) {
            // pandas: "Cannot mix tz-aware with tz-naive values" / tz-aware values with different offsets (a
            // ValueError, which MLflow rewords); a number or a date among them is a RuntimeError, passed as it is
            throw MlflowException.invalid(zones.equals(PandasDatetime.TZ_NUMBER) ? Sentences.NO_ACTIVE_EXCEPTION
                : Sentences.conversionFailed(name, DType.OBJECT, DataType.DATETIME)).at(name, -1);
        }
        return out;
    }

    /** pandas' TypeError for the failing cell (MLflow passes it on unchanged), or null for a ValueError. */
    private static String typeError(final Object v0, final boolean unkeptBefore, final int r,
                                    final boolean namePosition) {
        final Object v = v0 instanceof NpScalar && ((NpScalar) v0).dtype().kind() == DType.Kind.STR
            ? ((NpScalar) v0).value() : v0;
        if (v instanceof String) {
            // a string that does not parse sends pandas down its object path, which re-raises the first reading's
            // TypeError when a number or a date comes first (a parsed date out of bounds is a ValueError)
            return unkeptBefore && !PandasDatetime.reads((String) v) ? Sentences.invalidStringCoercion((String) v, r)
                : null;
        }
        return v instanceof Boolean || v instanceof List || v instanceof Map || v instanceof byte[]
            || v instanceof NdArray || v instanceof PyTuple
            ? Sentences.notConvertibleToDatetime(Py.classRepr(v)) + (namePosition ? ", at position " + r : "") : null;
    }

    /** {@link PandasDatetime#zoneError} of the column: null when its time zones agree for pandas. */
    private static String zoneError(final Object[] cells, final boolean pandas2) {
        final Object[] zoned = new Object[cells.length];
        for (int r = 0; r < cells.length; r++) {
            final Object v = cells[r];
            final Object x = v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.STR
                ? ((NpScalar) v).value() : v;
            // a NaT cell of any kind takes no side
            zoned[r] = x instanceof String || x instanceof LocalDateTime || PandasDatetime.cell(x) != null ? x : null;
        }
        return PandasDatetime.zoneError(zoned, pandas2);
    }

    /** An int or a non-NaN float cell (Python or numpy). */
    private static boolean isNumberCell(final Object v) {
        final Object x = v instanceof NpScalar && ((NpScalar) v).dtype().kind().isNumeric() ? ((NpScalar) v).value() : v;
        if (x instanceof Double || x instanceof Float) {
            return !Double.isNaN(((Number) x).doubleValue());
        }
        return x instanceof Number;
    }

    // ------------------------------------------------------------------ object -> double: pd.to_numeric

    /** {@link #toNumeric}: pandas raised a ValueError (MLflow rewords it). */
    public static final Object VALUE_ERROR = new Object();
    /** {@link #toNumeric}: pandas raised a TypeError, which MLflow passes on. */
    public static final Object TYPE_ERROR = new Object();

    private static Object[] toNumeric(final Object name, final Object[] cells) {
        final Object[] out = new Object[cells.length];
        for (int r = 0; r < cells.length; r++) {
            final Object n = toNumeric(cells[r]);
            if (n == VALUE_ERROR) {
                throw MlflowException.invalid(Sentences.conversionFailed(name, DType.OBJECT, DataType.DOUBLE)).at(name, r);
            }
            if (n == TYPE_ERROR) {
                throw MlflowException.invalid(Sentences.invalidObjectType(r)).at(name, r);
            }
            out[r] = n;
        }
        return out;
    }

    /** {@code pd.to_numeric(values)} of an object column (MLflow's decimal branch, which any object column takes for double). */
    private static Series numeric(final Object name, final Object[] cells) {
        final Object[] out = toNumeric(name, cells);
        final DType d = Pandas.infer(Arrays.asList(out));
        return new Series(name, d, Pandas.normalize(out, d));
    }

    /**
     * {@code pd.to_numeric} of one cell: None, numbers and bools as they are; anything sized with length 0
     * (empty str, bytes, list, dict) is NaN; str, bytes and numpy str scalars are parsed (int, float,
     * nan/inf spellings; no underscores), else {@link #VALUE_ERROR}; any other object (lists, dicts,
     * datetimes, arrays) is {@link #TYPE_ERROR}.
     */
    public static Object toNumeric(final Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        Object x = v;
        if (x instanceof NpScalar) {
            final NpScalar s = (NpScalar) x;
            if (s.dtype().kind().isNumeric()) {
                return s.value();
            }
            if (s.dtype().kind() != DType.Kind.STR && s.dtype().kind() != DType.Kind.BYTES) {
                return TYPE_ERROR;
            }
            x = s.value();
        }
        if (x instanceof byte[]) {
            x = new String((byte[]) x, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (x instanceof String && ((String) x).isEmpty()
            || x instanceof java.util.Collection && ((java.util.Collection<?>) x).isEmpty()
            || x instanceof Map && ((Map<?, ?>) x).isEmpty()) {
            return Double.NaN; // maybe_convert_numeric: anything sized with len 0 is a null
        }
        if (!(x instanceof String)) {
            return TYPE_ERROR;
        }
        final String s = ((String) x).trim();
        try {
            return Long.parseLong(s);
        } catch (final NumberFormatException e) {
            final String low = s.toLowerCase(java.util.Locale.ROOT);
            switch (low) {
                case "nan":
                    return Double.NaN;
                case "inf":
                case "+inf":
                case "infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf":
                case "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            if (s.isEmpty() || !NUMBER.matcher(s).matches()) {
                return VALUE_ERROR;
            }
            try {
                return Double.parseDouble(s);
            } catch (final NumberFormatException e2) {
                return VALUE_ERROR;
            }
        }
    }

    private static final java.util.regex.Pattern NUMBER =
        java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    // ------------------------------------------------------------------ _enforce_datatype: one scalar

    /** The dtype of {@code pd.Series(scalar)}. */
    static DType seriesDtype(final Object v) {
        if (v instanceof NpScalar) {
            return Pandas.columnDtype(((NpScalar) v).dtype());
        }
        if (v instanceof BigInteger) {
            final BigInteger b = (BigInteger) v;
            return b.bitLength() < 64 ? DType.INT64 : b.signum() >= 0 && b.bitLength() <= 64 ? DType.UINT64
                : DType.OBJECT;
        }
        return Pandas.infer(Collections.singletonList(v));
    }

    /**
     * {@code _enforce_datatype(data, t)} for a scalar: {@code _enforce_mlflow_datatype("", pd.Series(data), t)[0]}
     * (a numpy scalar, a Timestamp, or the object itself for object columns).
     *
     * @throws MlflowException {@code Failed to enforce schema of data `x` with dtype `t`} where the Series fails
     */
    public static Object scalar(final Object data, final DataType t, final Profile profile) {
        final DType d = seriesDtype(data);
        final Object[] cell = Pandas.normalize(new Object[] {d.kind() == DType.Kind.OBJECT ? data : Py.unwrap(data)}, d);
        final Series r;
        try {
            r = enforce(new Series("", d, cell), t, profile);
        } catch (final MlflowException e) {
            // f"{data}": str() of a numpy scalar is its value's
            throw MlflowException.invalid(Sentences.scalarFailed(Py.unwrap(data), t));
        }
        return r.dtype().kind() == DType.Kind.OBJECT ? r.cells()[0] : DataFrame.item(r.dtype(), r.cells()[0]);
    }
}
