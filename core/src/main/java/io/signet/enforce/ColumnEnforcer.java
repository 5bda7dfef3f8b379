package io.signet.enforce;

import io.signet.column.Column;
import io.signet.column.ColumnBatch;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.SparkMLVector;
import io.signet.tensor.DType;
import io.signet.tensor.NpScalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's {@code _enforce_schema} for column-based schemas, compiled once from a
 * {@link Schema} of {@link ColSpec}s: immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #check(ColumnBatch, ColumnViolations)}: the verdict, recorded into a caller-owned
 *       collector; on success it allocates nothing for primitive and str columns (dtype comparisons
 *       per column; a per-row scan only where MLflow scans: int64 holding 0/1 into float).</li>
 *   <li>{@link #enforce(ColumnBatch)}: the verdict plus the converted frame MLflow hands to the
 *       model (a new batch the caller owns).</li>
 *   <li>{@link #enforceInput(Object)}: a dict / list / scalar input converted to a frame by MLflow's
 *       rules ({@link #toFrame(Object, Schema)}), then enforced.</li>
 * </ul>
 *
 * <p>Array / Object / Map columns held as offset trees ({@link io.signet.column.NestedVector}, built
 * by {@link #toFrame} for the schema's nested columns) are checked by walking the tree with no
 * allocation ({@link NestedCheck}); a row the walk does not accept, and a cell the column keeps as a
 * Java value, go through {@link #enforceType} on the cell's Java value, which decides and words
 * MLflow's message. Columns of Java values (OBJECT storage) go through {@link #enforceType} cell by cell.
 *
 * <p>{@link Mode#STRICT} adds, with deviation codes: non-str cells in a string column
 * ({@code strict-string-cells}), non-bool cells in a boolean column ({@code strict-boolean-cells}),
 * non-bytes cells in a binary column ({@code strict-binary-cells}), strings parsed into a double
 * column ({@code strict-numeric-strings}), NaN/Inf where the policy forbids them
 * ({@code non-finite}); and it reports every violating column and row up to the collector's limit.
 */
public final class ColumnEnforcer {
    private final Schema schema;
    private final Mode mode;
    private final boolean rejectNonFinite;
    private final boolean named;
    private final Object[] labels;
    private final ColumnType[] types;
    private final boolean[] required;
    private final DType[] targets;

    private ColumnEnforcer(final Schema schema, final Mode mode, final boolean rejectNonFinite) {
        if (schema.isTensorSpec()) {
            throw new IllegalArgumentException("ColumnEnforcer needs a column-based schema");
        }
        this.schema = schema;
        this.mode = mode;
        this.rejectNonFinite = rejectNonFinite;
        this.named = schema.hasInputNames();
        final int n = schema.size();
        labels = new Object[n];
        types = new ColumnType[n];
        required = new boolean[n];
        targets = new DType[n];
        for (int i = 0; i < n; i++) {
            // input_names()[i] (x.name or i: MLflow 3.1's integer names stay integers) and its input_dict() entry
            labels[i] = named ? schema.lookupName(i) : schema.input(i).name();
            final InputSpec byName = named ? schema.inputByLabel(labels[i]) : null;
            final ColSpec c = (ColSpec) (byName != null ? byName : schema.input(i));
            types[i] = c.type();
            required[i] = c.required();
            targets[i] = c.type() instanceof DataType ? ((DataType) c.type()).toNumpy() : null;
        }
    }

    /**
     * Compiles a column-based schema.
     *
     * @throws io.signet.AgronaAccess.MissingFlagError when the JVM lacks {@link io.signet.AgronaAccess#FLAG}
     *                                                 (here, never while checking)
     */
    public static ColumnEnforcer compile(final Schema schema, final Mode mode) {
        io.signet.AgronaAccess.check();
        return new ColumnEnforcer(schema, mode, false);
    }

    /** A copy that rejects NaN and infinities in float columns (strict mode only; MLflow accepts them). */
    public ColumnEnforcer rejectingNonFinite() {
        return new ColumnEnforcer(schema, mode, true);
    }

    public Schema schema() {
        return schema;
    }

    public Mode mode() {
        return mode;
    }

    // ------------------------------------------------------------------ check

    /**
     * Checks a frame; records violations (the first one only in MLFLOW mode) and returns true when
     * there are none.
     */
    public boolean check(final ColumnBatch batch, final ColumnViolations out) {
        if (!checkColumns(batch, out)) {
            return false;
        }
        final boolean strict = mode == Mode.STRICT;
        final int n = types.length;
        final int cols = named ? n : Math.min(n, batch.columnCount());
        boolean ok = true;
        for (int i = 0; i < cols; i++) {
            final int idx = named ? batch.indexOf(labels[i]) : i;
            if (idx < 0) {
                continue; // optional and absent
            }
            final Column c = batch.column(idx);
            final boolean good = types[i] instanceof DataType
                ? checkDataType(c, (DataType) types[i], out, strict)
                : checkComplex(c, types[i], named ? required[i] : true, out, strict);
            ok &= good;
            if (!good && (!strict || out.full())) {
                return false;
            }
        }
        return ok;
    }

    private boolean checkColumns(final ColumnBatch batch, final ColumnViolations out) {
        if (named) {
            boolean missing = false;
            for (int i = 0; i < labels.length; i++) {
                if (required[i] && batch.indexOf(labels[i]) < 0) {
                    missing = true;
                    break;
                }
            }
            if (missing) {
                final List<Object> req = new ArrayList<>();
                for (int i = 0; i < labels.length; i++) {
                    if (required[i]) {
                        req.add(labels[i]);
                    }
                }
                out.add(InputNames.missingInputs(req, batch.names(), java.util.Arrays.asList(labels)), null, -1, null);
                return false;
            }
            return true;
        }
        final String count = InputNames.unnamedCount(labels.length, batch.columnCount());
        if (count != null) {
            out.add(count, null, -1, null);
            return false;
        }
        return true;
    }

    private static String path(final Column c) {
        return "[" + PyRepr.repr(c.name()) + "]";
    }

    private static String label(final Column c) {
        return PyRepr.str(c.name());
    }

    /** {@code _enforce_mlflow_datatype}'s verdict for one column; records the violation. */
    private boolean checkDataType(final Column c, final DataType t, final ColumnViolations out, final boolean strict) {
        DType d = c.dtype();
        if (d.kind() == DType.Kind.OBJECT && t != DataType.BINARY && t != DataType.STRING) {
            d = inferObjects(c);
        }
        if (d.kind() == DType.Kind.OBJECT) {
            switch (t) {
                case STRING:
                    return !strict || strictCells(c, String.class, "str", Deviation.STRICT_STRING_CELLS, out);
                case BINARY:
                    return !strict || strictCells(c, byte[].class, "bytes", Deviation.STRICT_BINARY_CELLS, out);
                case BOOLEAN:
                    return !strict || strictCells(c, Boolean.class, "bool", Deviation.STRICT_BOOLEAN_CELLS, out);
                case DATETIME:
                    return objectToDatetime(c, out);
                case DOUBLE:
                    return toNumeric(c, out, strict);
                default:
                    break;
            }
        }
        if (t == DataType.DATETIME && d.kind() == DType.Kind.DATETIME) {
            return true;
        }
        final int verdict = DataTypes.upcast(d, t);
        if (verdict == DataTypes.OK || verdict == DataTypes.UPCAST) {
            return !strict || !rejectNonFinite || finite(c, out);
        }
        if (verdict == DataTypes.ZERO_ONE && allZeroOrOne(c)) {
            return true;
        }
        final boolean hint = DataTypes.hintApplies(d, t) && c.hasNulls() && allInts(c);
        out.add(DataTypes.incompatible(label(c), d, t, hint), path(c), -1, null);
        return false;
    }

    private static boolean allZeroOrOne(final Column c) {
        final int n = c.length();
        if (c.storage() != Column.Storage.FIXED) {
            // an object column whose infer_objects() is int64: pd.isnull(x) or x in [0, 1]
            for (int r = 0; r < n; r++) {
                final double v = doubleAt(c, r);
                if (!Double.isNaN(v) && v != 0 && v != 1) {
                    return false;
                }
            }
            return true;
        }
        for (int r = 0; r < n; r++) {
            final long v = c.getLong(r);
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    /** A cell as a double (NaN for None / non-numbers), for columns of any storage. */
    private static double doubleAt(final Column c, final int r) {
        if (c.storage() == Column.Storage.FIXED) {
            return c.getDouble(r);
        }
        Object v = c.get(r);
        if (v instanceof NpScalar) {
            v = ((NpScalar) v).value();
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    private static boolean allInts(final Column c) {
        final int n = c.length();
        for (int r = 0; r < n; r++) {
            final double v = doubleAt(c, r);
            if (!Double.isNaN(v) && (Double.isInfinite(v) || v != Math.rint(v))) {
                return false;
            }
        }
        return true;
    }

    private boolean finite(final Column c, final ColumnViolations out) {
        if (c.dtype().kind() != DType.Kind.FLOAT) {
            return true;
        }
        boolean ok = true;
        final int n = c.length();
        for (int r = 0; r < n; r++) {
            final double v = c.getDouble(r);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                ok = false;
                if (!out.add("Non-finite value " + PyRepr.floatRepr(v) + " in column " + label(c) + " at row " + r
                    + ".", path(c) + "[" + r + "]", r, Deviation.NON_FINITE)) {
                    break;
                }
            }
        }
        return ok;
    }

    /** {@code values.infer_objects().dtype} for an object column. */
    private static DType inferObjects(final Column c) {
        if (c.storage() == Column.Storage.UTF8 || c.storage() == Column.Storage.BINARY) {
            return DType.OBJECT;
        }
        final List<Object> vals = new ArrayList<>(c.length());
        for (int r = 0; r < c.length(); r++) {
            vals.add(c.get(r));
        }
        return ColumnBatch.inferDtype(vals);
    }

    private static boolean strictCells(final Column c, final Class<?> type, final String pyType, final Deviation code,
                                       final ColumnViolations out) {
        if (type == String.class && c.storage() == Column.Storage.UTF8
            || type == byte[].class && c.storage() == Column.Storage.BINARY) {
            return true;
        }
        boolean ok = true;
        for (int r = 0; r < c.length(); r++) {
            final Object v = c.get(r);
            if (v != null && !type.isInstance(v)) {
                ok = false;
                if (!out.add("Column " + label(c) + " holds " + PyRepr.typeName(v) + " " + PyRepr.repr(v) + " at row "
                    + r + ", expected " + pyType + ".", path(c) + "[" + r + "]", r, code)) {
                    break;
                }
            }
        }
        return ok;
    }

    /**
     * {@code values.astype('datetime64[ns]')} of an object column; MLflow's message when a cell fails. MLflow
     * rewords pandas' ValueErrors ({@code Failed to convert column ...}) but passes its TypeErrors on as they
     * are: a bool, list, dict or bytes cell, or a string that does not parse after a number.
     */
    private static boolean objectToDatetime(final Column c, final ColumnViolations out) {
        int datetimeRow = -1;
        int numberRow = -1;
        // a cell pandas' object path cannot keep (a number, a date, a numpy datetime; not None/NaT, str, datetime)
        boolean unkept = false;
        for (int r = 0; r < c.length(); r++) {
            final Object v = c.get(r);
            final Object ns = toDatetimeNs(v);
            if (ns == FAIL) {
                final String typeError = typeError(v, unkept, r);
                out.add(typeError != null ? typeError : DataTypes.conversionFailed(label(c), DType.OBJECT, DataType.DATETIME), path(c) + "[" + r + "]", r, null);
                return false;
            }
            if (v instanceof LocalDateTime || v instanceof LocalDate
                || v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.DATETIME) {
                datetimeRow = datetimeRow < 0 ? r : datetimeRow;
            } else if (isNumberCell(v)) {
                numberRow = numberRow < 0 ? r : numberRow;
            }
            unkept |= ns != null && !(v instanceof String || v instanceof LocalDateTime
                || v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.STR);
        }
        if (datetimeRow >= 0 && numberRow >= 0) {
            // pandas' array_to_datetime: "mixed datetimes and integers in passed array" (checked before the zones)
            out.add(DataTypes.conversionFailed(label(c), DType.OBJECT, DataType.DATETIME), path(c) + "["
                + Math.max(datetimeRow, numberRow) + "]", Math.max(datetimeRow, numberRow), null);
            return false;
        }
        final String zones = zoneError(c);
        if (zones != null) {
            // pandas: "Cannot mix tz-aware with tz-naive values" / tz-aware values with different offsets (a
            // ValueError, which MLflow rewords); a number or a date among them is a RuntimeError, passed as it is
            out.add(zones.equals(PandasDatetime.TZ_NUMBER) ? "No active exception to reraise"
                : DataTypes.conversionFailed(label(c), DType.OBJECT, DataType.DATETIME), path(c), -1, null);
            return false;
        }
        return true;
    }

    /** pandas' TypeError for the failing cell at row r (MLflow passes it on unchanged), or null for a ValueError. */
    private static String typeError(final Object v0, final boolean unkeptBefore, final int r) {
        final Object v = v0 instanceof NpScalar && ((NpScalar) v0).dtype().kind() == DType.Kind.STR
            ? ((NpScalar) v0).value() : v0;
        if (v instanceof String) {
            // a string that does not parse sends pandas down its object path, which re-raises the first reading's
            // TypeError when a number or a date comes first (a parsed date out of bounds is a ValueError)
            return unkeptBefore && !parses((String) v)
                ? "invalid string coercion to datetime for \"" + v + "\" at position " + r : null;
        }
        final String type = v instanceof Boolean ? "bool" : v instanceof java.util.List ? "list"
            : v instanceof java.util.Map ? "dict" : v instanceof byte[] ? "bytes" : null;
        return type == null ? null : "<class '" + type + "'> is not convertible to datetime";
    }

    /** The string reads as a date (numpy's ISO forms or pandas' own), whether or not datetime64[ns] holds it. */
    private static boolean parses(final String s) {
        if (PandasDatetime.natSpelling(s) != null) {
            return PandasDatetime.natSpelling(s);
        }
        if (!s.trim().matches("\\d{8}")) {
            try {
                io.signet.tensor.NpDatetime.parse(s.replace(' ', 'T'));
                return true;
            } catch (final RuntimeException e) {
                // not ISO
            }
        }
        return PandasDatetime.parse(s) instanceof LocalDateTime;
    }

    /** {@link PandasDatetime#zoneError} of the column: null when its time zones agree for pandas. */
    private static String zoneError(final Column c) {
        final Object[] cells = new Object[c.length()];
        for (int r = 0; r < c.length(); r++) {
            final Object v = c.get(r);
            final Object x = v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.STR ? ((NpScalar) v).value() : v;
            // a NaT cell of any kind takes no side
            cells[r] = x instanceof String || x instanceof LocalDateTime || toDatetimeNs(x) != null ? x : null;
        }
        return PandasDatetime.zoneError(cells);
    }

    /** An int or a non-NaN float cell (Python or numpy). */
    private static boolean isNumberCell(final Object v) {
        final Object x = v instanceof NpScalar && ((NpScalar) v).dtype().kind().isNumeric() ? ((NpScalar) v).value() : v;
        if (x instanceof Double || x instanceof Float) {
            return !Double.isNaN(((Number) x).doubleValue());
        }
        return x instanceof Number;
    }

    static final Object FAIL = new Object();

    static Object toDatetimeNs(final Object v) {
        if (v == null || v instanceof LocalDateTime) {
            return v;
        }
        if (v instanceof Double && Double.isNaN((Double) v)) {
            return null;
        }
        if (v instanceof LocalDate) {
            return ((LocalDate) v).atStartOfDay();
        }
        if (v instanceof NpScalar) {
            final NpScalar s = (NpScalar) v;
            switch (s.dtype().kind()) {
                case INT:
                case UINT:
                case FLOAT:
                case STR:
                    return toDatetimeNs(s.value());
                case DATETIME:
                    if (!(s.value() instanceof Number)) {
                        return toDatetimeNs(String.valueOf(s.value())); // a scalar built from its text
                    }
                    final long x = ((Number) s.value()).longValue();
                    if (x == io.signet.tensor.NpDatetime.NAT) {
                        return null;
                    }
                    try {
                        return ofNs(io.signet.tensor.NpDatetime.convert(x, s.dtype().unit(), "ns"));
                    } catch (final ArithmeticException e) {
                        return FAIL;
                    }
                default:
                    return FAIL;
            }
        }
        // astype('datetime64[ns]') of an object column reads an int or float cell as nanoseconds since the
        // epoch (a float truncated toward zero); the int64 minimum is NaT, anything past int64 is out of bounds
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            final long x = ((Number) v).longValue();
            return x == Long.MIN_VALUE ? null : ofNs(x);
        }
        if (v instanceof java.math.BigInteger) {
            return FAIL;
        }
        if (v instanceof Double || v instanceof Float) {
            final double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return null;
            }
            if (!(d > -9.223372036854775808e18 && d < 9.223372036854775808e18)) {
                return FAIL;
            }
            return ofNs((long) d);
        }
        if (v instanceof String) {
            final Boolean nat = PandasDatetime.natSpelling((String) v);
            if (nat != null) {
                return nat ? null : FAIL; // pandas' exact NaT spellings; ' ', 'Nat', ' NaT' are refused
            }
            if (((String) v).trim().matches("\\d{8}")) {
                return pandasString((String) v); // pandas reads YYYYMMDD as a date (numpy: a year)
            }
            final io.signet.tensor.NpDatetime t;
            try {
                t = io.signet.tensor.NpDatetime.parse(((String) v).replace(' ', 'T'));
            } catch (final IllegalArgumentException e) {
                return pandasString((String) v); // not ISO: pandas' own parser and dateutil
            } catch (final RuntimeException e) {
                return FAIL;
            }
            if (t.isNat()) {
                return null;
            }
            try {
                return ofNs(t.to("ns"));
            } catch (final RuntimeException e) {
                return FAIL;
            }
        }
        return FAIL;
    }

    private static final LocalDateTime MIN_NS = LocalDateTime.of(1677, 9, 21, 0, 12, 43, 145_224_193);
    private static final LocalDateTime MAX_NS = LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_807);

    private static Object pandasString(final String s) {
        final Object r = PandasDatetime.parse(s);
        if (r == PandasDatetime.NAT) {
            return null;
        }
        if (!(r instanceof LocalDateTime) || ((LocalDateTime) r).isBefore(MIN_NS) || ((LocalDateTime) r).isAfter(MAX_NS)) {
            return FAIL;
        }
        return r;
    }

    private static LocalDateTime ofNs(final long ns) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), (int) Math.floorMod(ns, 1_000_000_000L),
            java.time.ZoneOffset.UTC);
    }

    /** {@code pd.to_numeric(values, errors='raise')}: MLflow's decimal path, taken by any object column. */
    private static boolean toNumeric(final Column c, final ColumnViolations out, final boolean strict) {
        boolean ok = true;
        for (int r = 0; r < c.length(); r++) {
            final Object v = c.get(r);
            final Object n = DataTypes.toNumeric(v);
            if (n == DataTypes.VALUE_ERROR || n == DataTypes.TYPE_ERROR) {
                out.add(n == DataTypes.TYPE_ERROR ? DataTypes.invalidObjectType(r)
                    : DataTypes.conversionFailed(label(c), DType.OBJECT, DataType.DOUBLE), path(c) + "[" + r + "]",
                    r, null);
                return false;
            }
            if (strict && v instanceof String) {
                ok = false;
                if (!out.add("Column " + label(c) + " holds the string " + PyRepr.repr(v) + " at row " + r
                    + ", which MLflow parses into a double.", path(c) + "[" + r + "]", r, Deviation.STRICT_NUMERIC_STRINGS)) {
                    break;
                }
            }
        }
        return ok;
    }

    /** {@link DataTypes#toNumeric} with either pandas error as {@link #FAIL}. */
    static Object numeric(final Object v) {
        final Object n = DataTypes.toNumeric(v);
        return n == DataTypes.VALUE_ERROR || n == DataTypes.TYPE_ERROR ? FAIL : n;
    }

    // ------------------------------------------------------------------ Array / Object / Map

    private boolean checkComplex(final Column c, final ColumnType t, final boolean req, final ColumnViolations out,
                                 final boolean strict) {
        if (c.storage() == Column.Storage.NESTED) {
            return checkTree(c, t, req, out, strict);
        }
        boolean ok = true;
        for (int r = 0; r < c.length(); r++) {
            try {
                enforceType(cell(c, r), t, req);
            } catch (final SchemaEnforcementException e) {
                ok = false;
                if (!recorded(e, c, r, out, strict)) {
                    break;
                }
            }
        }
        return ok;
    }

    /** Records a cell's violation; false when the check should stop (MLflow mode, or the collector is full). */
    private boolean recorded(final SchemaEnforcementException e, final Column c, final int r,
                             final ColumnViolations out, final boolean strict) {
        return out.add(e.getMessage(), path(c) + "[" + r + "]" + (e.path() == null ? "" : e.path()), r, null)
            && strict;
    }

    /**
     * A NESTED column: each tree row is walked ({@link NestedCheck}, no allocation); a row the walk
     * does not accept, and every escaped row, goes through {@link #enforceType} on its Java value,
     * which decides and words MLflow's message.
     */
    private boolean checkTree(final Column c, final ColumnType t, final boolean req, final ColumnViolations out,
                              final boolean strict) {
        final io.signet.column.NestedVector root = c.tree();
        final int n = c.length();
        boolean ok = true;
        for (int r = 0; r < n; r++) {
            final byte s = root.state(r);
            if (s == io.signet.column.NestedVector.VALUE ? NestedCheck.acceptsValue(root, r, t)
                : s == io.signet.column.NestedVector.NULL && !req) {
                continue;
            }
            try {
                enforceType(c.get(r), t, req);
            } catch (final SchemaEnforcementException e) {
                ok = false;
                if (!recorded(e, c, r, out, strict)) {
                    break;
                }
            }
        }
        return ok;
    }

    /** A cell as MLflow's loop sees it: numpy scalars for typed columns, the object otherwise. */
    private static Object cell(final Column c, final int r) {
        final Object v = c.get(r);
        if (c.storage() != Column.Storage.FIXED || v == null) {
            return v;
        }
        final DType d = c.dtype();
        if (d.kind() == DType.Kind.DATETIME) {
            return v; // pandas yields Timestamp
        }
        if (d.kind() == DType.Kind.BOOL) {
            return new NpScalar(d, v);
        }
        if (v instanceof BigInteger) {
            return new NpScalar(d, ((BigInteger) v).longValue());
        }
        return new NpScalar(d, v);
    }

    /** MLflow's {@code _enforce_type} ({@link NestedTypes}) on the in-process value model: returns the enforced value. */
    public static Object enforceType(final Object data, final ColumnType type, final boolean required) {
        return NestedTypes.enforceType(data, type, required, VALUES);
    }

    /** The in-process value model: numpy arrays are lists (an object array's elements are the objects themselves). */
    private static final NestedTypes.Values VALUES = new NestedTypes.Values() {
        @Override
        public Object datatype(final Object scalar, final DataType type) {
            final Object r = scalarVerdict(scalar, type);
            return r == FAIL ? NestedTypes.REFUSED : r;
        }

        @Override
        public List<?> elements(final Object data) {
            if (!(data instanceof List)) {
                return null;
            }
            final List<?> l = (List<?>) data;
            List<Object> r = null;
            for (int i = 0; i < l.size(); i++) {
                final Object x = l.get(i);
                if (x instanceof NpScalar && ((NpScalar) x).dtype().kind() == DType.Kind.OBJECT) {
                    if (r == null) {
                        r = new ArrayList<>(l);
                    }
                    r.set(i, ((NpScalar) x).value());
                }
            }
            return r == null ? l : r;
        }
    };

    private static SchemaEnforcementException fail(final String msg) {
        return SchemaEnforcementException.invalid(msg, null);
    }

    /** numpy's {@code np.isscalar}. */
    static boolean isScalar(final Object v) {
        return DataTypes.isScalar(v);
    }

    /** {@code _enforce_mlflow_datatype("", pd.Series(data), t)[0]} for one scalar; FAIL when it raises. */
    static Object scalarVerdict(final Object data, final DataType t) {
        final DType d = seriesDtype(data);
        final Object v = data instanceof NpScalar ? ((NpScalar) data).value() : data;
        if (d.kind() == DType.Kind.OBJECT) {
            switch (t) {
                case STRING:
                case BINARY:
                case BOOLEAN:
                    return data;
                case DATETIME: {
                    final Object x = toDatetimeNs(v);
                    return x == FAIL ? FAIL : x;
                }
                case DOUBLE: {
                    final Object n = numeric(v);
                    return n == FAIL ? FAIL : n;
                }
                default:
                    return FAIL;
            }
        }
        final int verdict = DataTypes.upcast(d, t);
        if (verdict == DataTypes.OK) {
            return data;
        }
        if (verdict == DataTypes.UPCAST || verdict == DataTypes.ZERO_ONE && v instanceof Number
            && (((Number) v).longValue() == 0 || ((Number) v).longValue() == 1)) {
            return convertScalar(v, t);
        }
        return FAIL;
    }

    private static Object convertScalar(final Object v, final DataType t) {
        switch (t) {
            case FLOAT:
            case DOUBLE:
                return ((Number) v).doubleValue();
            case INTEGER:
            case LONG:
                return ((Number) v).longValue();
            default:
                return v;
        }
    }

    /** The dtype of {@code pd.Series(scalar)}. */
    static DType seriesDtype(final Object v) {
        if (v instanceof NpScalar) {
            final DType d = ((NpScalar) v).dtype();
            return d.kind() == DType.Kind.STR || d.kind() == DType.Kind.BYTES ? DType.OBJECT : d;
        }
        if (v instanceof Boolean) {
            return DType.BOOL;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return DType.INT64;
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).signum() >= 0 && ((BigInteger) v).bitLength() <= 64 ? DType.UINT64 : DType.OBJECT;
        }
        if (v instanceof Double || v instanceof Float) {
            return DType.FLOAT64;
        }
        return DType.OBJECT;
    }

    // ------------------------------------------------------------------ enforce (with result)

    /**
     * Enforces and returns the converted frame MLflow hands to the model: schema columns in schema
     * order (named) or the first N columns (unnamed), upcast, datetimes in ns, nested values enforced.
     * The caller owns (closes) the result.
     *
     * @throws SchemaEnforcementException with MLflow's message (the first violation)
     */
    public ColumnBatch enforce(final ColumnBatch batch) {
        final ColumnViolations v = new ColumnViolations(mode == Mode.STRICT ? 100 : 1);
        if (!check(batch, v)) {
            throw v.toException();
        }
        final ColumnBatch r = new ColumnBatch();
        try {
            final int cols = named ? types.length : Math.min(types.length, batch.columnCount());
            for (int i = 0; i < cols; i++) {
                final int idx = named ? batch.indexOf(labels[i]) : i;
                if (idx < 0) {
                    continue;
                }
                convertInto(r, batch.column(idx), types[i], named ? required[i] : true);
            }
            return r;
        } catch (final RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private static void convertInto(final ColumnBatch r, final Column c, final ColumnType t, final boolean req) {
        final List<Object> vals = new ArrayList<>(c.length());
        for (int i = 0; i < c.length(); i++) {
            vals.add(c.get(i));
        }
        if (!(t instanceof DataType)) {
            final List<Object> enforced = new ArrayList<>(vals.size());
            for (int i = 0; i < c.length(); i++) {
                enforced.add(enforceType(cell(c, i), t, req));
            }
            if (io.signet.column.NestedVector.supports(t)) {
                r.addValues(c.name(), t, enforced); // a NESTED column again
            } else {
                r.addValues(c.name(), DType.OBJECT, enforced);
            }
            return;
        }
        final DataType dt = (DataType) t;
        DType d = c.dtype();
        if (d.kind() == DType.Kind.OBJECT && dt != DataType.BINARY && dt != DataType.STRING) {
            d = ColumnBatch.inferDtype(vals);
        }
        if (d.kind() == DType.Kind.OBJECT) {
            switch (dt) {
                case DATETIME: {
                    final List<Object> ts = new ArrayList<>(vals.size());
                    for (final Object v : vals) {
                        ts.add(toDatetimeNs(v));
                    }
                    r.addValues(c.name(), DType.datetime64("ns"), ts);
                    return;
                }
                case DOUBLE: {
                    final List<Object> ns = new ArrayList<>(vals.size());
                    for (final Object v : vals) {
                        ns.add(numeric(v));
                    }
                    r.addValues(c.name(), ns);
                    return;
                }
                default:
                    r.addValues(c.name(), DType.OBJECT, vals);
                    return;
            }
        }
        if (dt == DataType.DATETIME) {
            r.addValues(c.name(), DType.datetime64("ns"), vals);
            return;
        }
        if (dt == DataType.STRING || dt == DataType.BINARY) {
            r.addValues(c.name(), DType.OBJECT, vals);
            return;
        }
        r.addValues(c.name(), d.equals(dt.toNumpy()) ? d : dt.toNumpy(), vals);
    }

    // ------------------------------------------------------------------ dict / list / scalar inputs

    /** Converts a Python-like input to a frame, then enforces it. The caller owns the result. */
    public ColumnBatch enforceInput(final Object input) {
        if (input instanceof ColumnBatch) {
            return enforce((ColumnBatch) input);
        }
        try (ColumnBatch frame = toFrame(input, schema)) {
            return enforce(frame);
        }
    }

    /**
     * {@code _enforce_schema}'s conversion of a non-DataFrame input for a column schema: a scalar is
     * one row of one column; a dict is one row when the schema has an Array/Object column or every
     * value is a scalar, None or a list of str, else {@code pd.DataFrame(dict)} (columns); a list is
     * {@code pd.DataFrame(list)} (records, rows, or one column of scalars).
     *
     * @throws SchemaEnforcementException with MLflow's messages
     */
    public static ColumnBatch toFrame(final Object input, final Schema schema) {
        if (input instanceof ColumnBatch) {
            throw new IllegalArgumentException("already a frame");
        }
        try {
            final Map<Object, ColumnType> types = nestedTypes(schema);
            if (isScalar(input) || input instanceof BigDecimal) {
                return ColumnBatch.fromRows(Collections.singletonList(input), null, null);
            }
            if (input instanceof Map) {
                final Map<?, ?> m = (Map<?, ?>) input;
                final boolean oneRow = ColumnInputs.dictIsOneRow(m, schema, ColumnEnforcer::isScalar,
                    v -> v instanceof List && !(v instanceof io.signet.column.DTyped),
                    v -> v instanceof io.signet.column.DTyped && ((io.signet.column.DTyped) v).ndim() == 0
                        && ((io.signet.column.DTyped) v).dtype().kind() == DType.Kind.STR);
                if (oneRow) {
                    return ColumnBatch.fromRows(Collections.singletonList(m), null, null, types);
                }
                try {
                    final Map<Object, Object> cols = new LinkedHashMap<>();
                    for (final Map.Entry<?, ?> e : m.entrySet()) {
                        final Object v = e.getValue();
                        cols.put(e.getKey(), v instanceof Map ? new ArrayList<>(((Map<?, ?>) v).values()) : v);
                    }
                    return ColumnBatch.fromDict(cols, null, types);
                } catch (final RuntimeException e) {
                    throw fail(ColumnInputs.CAST_FAILED + e.getMessage());
                }
            }
            if (input instanceof io.signet.column.DTyped && ((io.signet.column.DTyped) input).ndim() == 1
                && input instanceof List && !((List<?>) input).isEmpty()
                && !(((List<?>) input).get(0) instanceof io.signet.column.DTyped)) {
                // pd.DataFrame(1-D ndarray): one column labelled 0, whatever its elements are (dicts, lists)
                final Map<Object, Object> one = new LinkedHashMap<>();
                one.put(0L, input);
                return ColumnBatch.fromDict(one, null, types);
            }
            if (input instanceof List) {
                return ColumnBatch.fromRows((List<?>) input, null, null, types);
            }
        } catch (final SchemaEnforcementException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw fail(String.valueOf(e.getMessage()));
        }
        throw fail(ColumnInputs.notAFrame(input));
    }

    /** Label to type of the schema's Array / Object / Map columns (named schemas; by position as 0, 1, ... otherwise). */
    private static Map<Object, ColumnType> nestedTypes(final Schema schema) {
        Map<Object, ColumnType> r = null;
        for (int i = 0; i < schema.size(); i++) {
            final ColSpec c = (ColSpec) schema.input(i);
            if (!(c.type() instanceof DataType) && io.signet.column.NestedVector.supports(c.type())) {
                if (r == null) {
                    r = new LinkedHashMap<>();
                }
                r.put(schema.hasInputNames() ? c.label() : (Object) (long) i, c.type());
            }
        }
        return r;
    }

    /** SparkML vectors are enforced as Array(double), as MLflow's class hierarchy does. */
    static boolean isVector(final ColumnType t) {
        return t instanceof SparkMLVector;
    }
}
