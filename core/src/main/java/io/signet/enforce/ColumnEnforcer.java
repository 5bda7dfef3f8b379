package io.signet.enforce;

import io.signet.column.Column;
import io.signet.column.ColumnBatch;
import io.signet.mlflow.ColumnSchemas;
import io.signet.mlflow.Datatypes;
import io.signet.mlflow.InputNames;
import io.signet.mlflow.MlflowException;
import io.signet.mlflow.Types;
import io.signet.py.Batches;
import io.signet.py.DataFrame;
import io.signet.py.Series;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.tensor.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's {@code _enforce_schema} for column-based schemas, compiled once from a {@link Schema} of
 * {@link ColSpec}s for a {@link Profile}: immutable and thread-safe. MLflow's rules and sentences are
 * the rule book's ({@link ColumnSchemas}, {@link Datatypes}, {@link Types}); this class holds the hot
 * path's checks over an off-heap {@link ColumnBatch} and the strict additions.
 *
 * <ul>
 *   <li>{@link #check(ColumnBatch, ColumnViolations)}: the verdict, recorded into a caller-owned
 *       collector. A column the fast checks accept allocates nothing (dtype comparisons with the rule
 *       book's upcast table; a per-row scan only where MLflow scans: int64 holding 0/1 into float; an
 *       offset-tree walk for Array / Object / Map columns, {@link NestedCheck}); anything else (object
 *       columns, a column that fails) is read into the value model and judged and worded by the rule
 *       book.</li>
 *   <li>{@link #enforce(ColumnBatch)}: the verdict plus the converted frame MLflow hands to the
 *       model (a new batch the caller owns).</li>
 *   <li>{@link #enforceInput(Object)}: a dict / list / scalar / array input converted to a frame by
 *       MLflow's rules, then enforced.</li>
 * </ul>
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
    private final Profile profile;
    private final boolean rejectNonFinite;
    private final boolean named;
    private final Object[] labels;
    private final ColumnType[] types;
    private final boolean[] required;
    /** Label key to type of the Array / Object / Map columns (held as offset trees in result batches). */
    private final Map<Object, ColumnType> nested = new HashMap<>();

    private ColumnEnforcer(final Schema schema, final Mode mode, final Profile profile, final boolean rejectNonFinite) {
        if (schema.isTensorSpec()) {
            throw new IllegalArgumentException("ColumnEnforcer needs a column-based schema");
        }
        this.schema = schema;
        this.mode = mode;
        this.profile = profile;
        this.rejectNonFinite = rejectNonFinite;
        this.named = schema.hasInputNames();
        final int n = schema.size();
        labels = new Object[n];
        types = new ColumnType[n];
        required = new boolean[n];
        for (int i = 0; i < n; i++) {
            // input_names()[i] (x.name or i: MLflow 3.1's integer names stay integers) and its input_dict() entry
            labels[i] = named ? schema.lookupName(i) : schema.input(i).name();
            final InputSpec byName = named ? schema.inputByLabel(labels[i]) : null;
            final ColSpec c = (ColSpec) (byName != null ? byName : schema.input(i));
            types[i] = c.type();
            required[i] = c.required();
            if (!(c.type() instanceof DataType)) {
                nested.put(DataFrame.key(named ? labels[i] : (Object) (long) i), c.type());
            }
        }
    }

    /** Compiles a column-based schema for MLflow 2.17.2. */
    public static ColumnEnforcer compile(final Schema schema, final Mode mode) {
        return compile(schema, mode, Profile.MLFLOW_2);
    }

    /**
     * Compiles a column-based schema for the given MLflow profile.
     *
     * @throws io.signet.AgronaAccess.MissingFlagError when the JVM lacks {@link io.signet.AgronaAccess#FLAG}
     *                                                 (here, never while checking)
     */
    public static ColumnEnforcer compile(final Schema schema, final Mode mode, final Profile profile) {
        io.signet.AgronaAccess.check();
        return new ColumnEnforcer(schema, mode, profile, false);
    }

    /** A copy that rejects NaN and infinities in float columns (strict mode only; MLflow accepts them). */
    public ColumnEnforcer rejectingNonFinite() {
        return new ColumnEnforcer(schema, mode, profile, true);
    }

    public Schema schema() {
        return schema;
    }

    public Mode mode() {
        return mode;
    }

    public Profile profile() {
        return profile;
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
                out.add(InputNames.missingInputs(req, batch.names(), Arrays.asList(labels), profile), null, -1, null);
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
        if (!fastAccepts(c, t)) {
            try {
                Datatypes.enforce(new Series(c.name(), c.dtype(), Batches.cells(c)), t, profile);
            } catch (final MlflowException e) {
                out.add(e.getMessage(), e.path(), e.row(), e.deviation());
                return false;
            }
        }
        if (!strict) {
            return true;
        }
        if (c.dtype().kind() == DType.Kind.OBJECT) {
            final DType inferred = c.storage() == Column.Storage.UTF8 || c.storage() == Column.Storage.BINARY
                ? DType.OBJECT : Datatypes.objectDtype(Batches.cells(c));
            if (inferred.kind() == DType.Kind.OBJECT) {
                switch (t) {
                    case STRING:
                        return strictCells(c, String.class, "str", Deviation.STRICT_STRING_CELLS, out);
                    case BINARY:
                        return strictCells(c, byte[].class, "bytes", Deviation.STRICT_BINARY_CELLS, out);
                    case BOOLEAN:
                        return strictCells(c, Boolean.class, "bool", Deviation.STRICT_BOOLEAN_CELLS, out);
                    case DOUBLE:
                        return numericStrings(c, out);
                    default:
                        return true;
                }
            }
        }
        return !rejectNonFinite || finite(c, out);
    }

    /**
     * The allocation-free verdicts: a typed column whose dtype the upcast table accepts (int64 holding
     * only 0/1 into float), a datetime64 column for datetime, str/bytes storage for string, binary and
     * boolean. Only says yes; the rule book judges everything else.
     */
    private static boolean fastAccepts(final Column c, final DataType t) {
        if (c.storage() == Column.Storage.UTF8 || c.storage() == Column.Storage.BINARY) {
            return t == DataType.STRING || t == DataType.BINARY || t == DataType.BOOLEAN;
        }
        if (c.storage() != Column.Storage.FIXED) {
            return false;
        }
        final DType d = c.dtype();
        if (t == DataType.DATETIME && d.kind() == DType.Kind.DATETIME) {
            return true;
        }
        final int verdict = Datatypes.upcast(d, t);
        if (verdict == Datatypes.OK || verdict == Datatypes.UPCAST) {
            return true;
        }
        if (verdict != Datatypes.ZERO_ONE) {
            return false;
        }
        for (int r = 0, n = c.length(); r < n; r++) {
            final long v = c.getLong(r);
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    private boolean finite(final Column c, final ColumnViolations out) {
        if (c.dtype().kind() != DType.Kind.FLOAT || c.storage() != Column.Storage.FIXED) {
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
                if (!out.add("Column " + label(c) + " holds " + PyRepr.typeName(v) + " "
                    + io.signet.schema.Excerpt.repr(v) + " at row " + r + ", expected " + pyType + ".",
                    path(c) + "[" + r + "]", r, code)) {
                    break;
                }
            }
        }
        return ok;
    }

    /** Strict: strings MLflow's {@code pd.to_numeric} parses into a double column. */
    private static boolean numericStrings(final Column c, final ColumnViolations out) {
        boolean ok = true;
        for (int r = 0; r < c.length(); r++) {
            final Object v = c.get(r);
            if (v instanceof String) {
                ok = false;
                if (!out.add("Column " + label(c) + " holds the string " + io.signet.schema.Excerpt.repr(v) + " at row "
                    + r + ", which MLflow parses into a double.", path(c) + "[" + r + "]", r,
                    Deviation.STRICT_NUMERIC_STRINGS)) {
                    break;
                }
            }
        }
        return ok;
    }

    // ------------------------------------------------------------------ Array / Object / Map

    private boolean checkComplex(final Column c, final ColumnType t, final boolean req, final ColumnViolations out,
                                 final boolean strict) {
        if (c.storage() == Column.Storage.NESTED) {
            return checkTree(c, t, req, out, strict);
        }
        final Object[] cells = Batches.cells(c);
        boolean ok = true;
        for (int r = 0; r < cells.length; r++) {
            if (!enforced(DataFrame.item(c.dtype(), cells[r]), c, r, t, req, out, strict)) {
                ok = false;
                if (!strict || out.full()) {
                    break;
                }
            }
        }
        return ok;
    }

    /** {@code _enforce_type} of one cell by the rule book; records its violation (false). */
    private boolean enforced(final Object cell, final Column c, final int r, final ColumnType t, final boolean req,
                             final ColumnViolations out, final boolean strict) {
        try {
            Types.enforce(cell, t, req, profile);
            return true;
        } catch (final MlflowException e) {
            out.add(e.getMessage(), path(c) + "[" + r + "]" + (e.inner() == null ? "" : e.inner()), r, e.deviation());
            return false;
        }
    }

    /**
     * A NESTED column: each tree row is walked ({@link NestedCheck}, no allocation); a row the walk
     * does not accept, and every escaped row, goes through the rule book on its Java value, which
     * decides and words MLflow's message.
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
            if (!enforced(c.get(r), c, r, t, req, out, strict)) {
                ok = false;
                if (!strict || out.full()) {
                    break;
                }
            }
        }
        return ok;
    }

    /**
     * MLflow's {@code _enforce_type} for one Java value (MLflow 2.17.2): returns the enforced value.
     *
     * @throws SchemaEnforcementException with MLflow's sentence
     */
    public static Object enforceType(final Object data, final ColumnType type, final boolean required) {
        return enforceType(data, type, required, Profile.MLFLOW_2);
    }

    /** The profile's {@code _enforce_type} for one Java value: returns the enforced value. */
    public static Object enforceType(final Object data, final ColumnType type, final boolean required,
                                     final Profile profile) {
        try {
            return Types.enforce(data, type, required, profile);
        } catch (final MlflowException e) {
            throw e.toEnforcement();
        }
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
        return converted(Batches.frame(batch));
    }

    private ColumnBatch converted(final DataFrame frame) {
        final DataFrame r;
        try {
            r = ColumnSchemas.enforce(frame, schema, profile);
        } catch (final MlflowException e) {
            throw e.toEnforcement();
        }
        return Batches.batch(r, nested);
    }

    // ------------------------------------------------------------------ dict / list / scalar inputs

    /**
     * Converts a Python-like input (see {@code io.signet.py}) to a frame as MLflow does, then enforces
     * it. The caller owns the result.
     *
     * @throws SchemaEnforcementException with MLflow's message (the first violation)
     */
    public ColumnBatch enforceInput(final Object input) {
        if (input instanceof ColumnBatch) {
            return enforce((ColumnBatch) input);
        }
        final DataFrame frame;
        try {
            frame = ColumnSchemas.toFrame(input, schema);
        } catch (final MlflowException e) {
            throw e.toEnforcement();
        }
        if (mode == Mode.STRICT) {
            try (ColumnBatch b = Batches.batch(frame, nested)) {
                return enforce(b);
            }
        }
        return converted(frame);
    }

    /**
     * {@code _enforce_schema}'s conversion of a non-DataFrame input for a column schema, as a batch the
     * caller owns (Array / Object / Map columns as offset trees).
     *
     * @throws SchemaEnforcementException with MLflow's messages
     */
    public static ColumnBatch toFrame(final Object input, final Schema schema) {
        final Map<Object, ColumnType> nested = new HashMap<>();
        for (int i = 0; i < schema.size(); i++) {
            final ColSpec c = (ColSpec) schema.input(i);
            if (!(c.type() instanceof DataType)) {
                nested.put(DataFrame.key(schema.hasInputNames() ? c.label() : (Object) (long) i), c.type());
            }
        }
        try {
            return Batches.batch(ColumnSchemas.toFrame(input, schema), nested);
        } catch (final MlflowException e) {
            throw e.toEnforcement();
        }
    }
}
