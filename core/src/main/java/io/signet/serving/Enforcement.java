package io.signet.serving;

import io.signet.enforce.ColumnInputs;
import io.signet.enforce.DataTypes;
import io.signet.enforce.InputNames;
import io.signet.enforce.Mode;
import io.signet.enforce.NestedTypes;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.enforce.TensorFrames;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.json.Limits;
import io.signet.json.PayloadException;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NpScalar;
import io.signet.tensor.NpDatetime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's {@code _enforce_schema} for what the scoring server hands to {@code predict}
 * (cold path: frames, dicts, lists, arrays as Java values). Messages are MLflow's core sentences;
 * every failure is a 400 {@code INVALID_PARAMETER_VALUE}.
 *
 * <p>The MLflow rules themselves come from io.signet.enforce, shared with the in-process path:
 * {@link InputNames} (missing inputs), {@link TensorSchemaEnforcer} (arrays and dicts of arrays),
 * {@link TensorFrames} (DataFrames for tensor schemas), {@link NestedTypes} ({@code _enforce_type}),
 * {@link DataTypes} (the upcast table, {@code pd.to_numeric}, sentences) and {@link ColumnInputs}
 * (dict to frame). What stays here is the server's value model ({@link Frame}, {@link NdArray},
 * JSON values) and what only it does with it: building frames from dicts and lists, the column
 * scans of {@code _enforce_mlflow_datatype} over {@code Object[]} cells, the datetime branch.
 */
final class Enforcement {
    private final Mode mode;
    private final Limits limits;
    private volatile TensorSchemaEnforcer tensors;

    Enforcement(final Mode mode, final Limits limits) {
        this.mode = mode;
        this.limits = limits;
    }

    static PayloadException fail(final String msg) {
        return PayloadException.invalid(msg, null);
    }

    static PayloadException fail(final String msg, final String ptr) {
        return PayloadException.invalid(msg, ptr);
    }

    // ---------------------------------------------------------------- _enforce_schema

    /**
     * Enforces; returns what the model gets: the frame for column schemas, the arrays for tensor
     * schemas (one {@link NdArray}, or a dict of them by input name). Casts note their deviations
     * into {@code dev} (the request's).
     */
    Object enforce(final Object input, final Schema schema, final io.signet.json.Deviations dev) {
        if (schema.isTensorSpec()) {
            return enforceTensorSchema(input, schema, dev);
        }
        final Frame pf = toFrameForColumns(input, schema);
        if (schema.hasInputNames()) {
            final String missing = InputNames.missingInputs(schema.requiredInputNames(), pf.names, schema.inputNames());
            if (missing != null) {
                throw fail(missing);
            }
            enforceNamedCols(pf, schema);
        } else {
            final String count = InputNames.unnamedCount(schema.size(), pf.columns());
            if (count != null) {
                throw fail(count);
            }
            enforceUnnamedCols(pf, schema);
        }
        return pf;
    }

    // ---------------------------------------------------------------- tensors

    /** The schema's compiled tensor rules (one schema per server: compiled once, then reused). */
    private TensorSchemaEnforcer tensorRules(final Schema schema) {
        TensorSchemaEnforcer t = tensors;
        if (t == null || t.schema() != schema) {
            // MLflow mode: the serving exact path reports MLflow's first violation (strict scans run elsewhere)
            t = TensorSchemaEnforcer.compile(schema, Mode.MLFLOW);
            tensors = t;
        }
        return t;
    }

    /** The first recorded violation as the server's 400, pointing at the named input it concerns. */
    private static PayloadException violation(final TensorViolations v) {
        final TensorSpec s = v.spec(0);
        final boolean atInput = v.code(0) != TensorViolations.MISSING_INPUTS && s != null && s.name() != null;
        return fail(v.message(0), atInput ? "/" + s.name() : null);
    }

    /** Returns the arrays the model gets (see {@link #enforce}); null when a frame's arrays are not all built. */
    Object enforceTensorSchema(final Object pf, final Schema schema, final io.signet.json.Deviations dev) {
        final TensorSchemaEnforcer enf = tensorRules(schema);
        final TensorViolations v = new TensorViolations(1);
        Object input = pf;
        if (pf instanceof Frame) {
            // _enforce_tensor_input's DataFrame branch: the library's rules with the server's numpy casts
            final ServerCasts casts = new ServerCasts(dev, enf.inputCount());
            try {
                TensorFrames.enforce(enf, (Frame) pf, casts, v);
            } catch (SchemaEnforcementException e) {
                throw fail(e.getMessage());
            }
            input = casts.built(schema);
        } else {
            // _enforce_tensor_schema for a dict of arrays or one array
            enf.checkInput(pf, v);
        }
        if (!v.isEmpty()) {
            throw violation(v);
        }
        return input;
    }

    /**
     * numpy's casts as the server performs them ({@link Numpy#cast}, the hot path's tensor reader), for
     * one request: deviations go to the request's {@link io.signet.json.Deviations}, and the arrays cast
     * per input are kept (what the model gets).
     */
    private final class ServerCasts implements TensorFrames.Casts {
        private final io.signet.json.Deviations dev;
        private final NdArray[] built;
        private int next;

        ServerCasts(final io.signet.json.Deviations dev, final int inputs) {
            this.dev = dev;
            this.built = new NdArray[inputs];
        }

        @Override
        public boolean isScalar(final Object cell) {
            return Numpy.isScalar(cell);
        }

        @Override
        public io.signet.tensor.NdArray castColumn(final List<Object> cells, final DType columnDtype,
                                                   final TensorSpec spec, final String name, final long[] shape) {
            final NdArray a = castCells(cells, spec.dtype(), dev);
            return keep(new NdArray(a.dtype, shape, a.flat));
        }

        @Override
        public void castStacked(final List<Object> flat, final TensorSpec spec, final String name) {
            final NdArray a;
            try {
                a = castCells(flat, spec.dtype(), dev);
            } catch (PayloadException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            // np.vstack(cells).reshape(spec.shape): the first dimension is what the rows make
            final long[] sh = spec.shape().clone();
            long inner = 1;
            for (int k = 1; k < sh.length; k++) {
                inner *= sh[k];
            }
            sh[0] = inner == 0 ? 0 : a.flat.length / inner;
            keep(new NdArray(a.dtype, sh, a.flat));
        }

        @Override
        public io.signet.tensor.NdArray toNumpy(final TensorFrames.Frame f, final DType common) {
            final long[] shape = {f.rowCount(), f.columnCount()};
            try {
                // df.to_numpy(): row-major cells of the common dtype (a promotion: nothing wraps)
                final List<List<Object>> cols = new java.util.ArrayList<>(f.columnCount());
                for (int c = 0; c < f.columnCount(); c++) {
                    cols.add(f.cells(c));
                }
                final List<Object> flat = new java.util.ArrayList<>(f.rowCount() * f.columnCount());
                for (int r = 0; r < f.rowCount(); r++) {
                    for (final List<Object> col : cols) {
                        flat.add(col.get(r));
                    }
                }
                final NdArray a = Numpy.cast(flat, common, "", mode, limits, new io.signet.json.Deviations());
                return keep(new NdArray(common, shape, a.flat));
            } catch (RuntimeException e) {
                return new NdArray(common, shape, null); // the header is judged; no values to hand out
            }
        }

        private NdArray keep(final NdArray a) {
            if (next < built.length) {
                built[next] = a;
            }
            next++;
            return a;
        }

        /** The arrays in input order (a dict by name for a named schema), or null when not all were cast. */
        Object built(final Schema schema) {
            if (next != built.length) {
                return null;
            }
            if (!schema.hasInputNames()) {
                return built[0];
            }
            final java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < built.length; i++) {
                m.put(schema.input(i).name(), built[i]);
            }
            return m;
        }
    }

    private NdArray castCells(final List<Object> col, final DType dtype, final io.signet.json.Deviations dev) {
        final List<Object> l = new ArrayList<>(col);
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof Double && ((Double) l.get(i)).isNaN() && dtype.kind() == DType.Kind.FLOAT) {
                l.set(i, null);
            }
        }
        try {
            return Numpy.cast(l, dtype, "", mode, limits, dev);
        } catch (PayloadException e) {
            throw fail(e.getMessage().replaceFirst("^Invalid input\\. ", ""));
        }
    }

    // ---------------------------------------------------------------- columns

    private Frame toFrameForColumns(final Object pf0, final Schema schema) {
        final Object pf = pf0;
        if (Numpy.isScalar(pf)) {
            final Frame f = new Frame();
            f.add(0L, Frame.infer(new Object[]{unwrap(pf)}), new Object[]{unwrap(pf)});
            f.rows = 1;
            return f;
        }
        if (pf instanceof Map) {
            final Map<?, ?> m = (Map<?, ?>) pf;
            if (ColumnInputs.dictIsOneRow(m, schema, Numpy::isScalar, v -> v instanceof List,
                v -> v instanceof NdArray && ((NdArray) v).dtype.kind() == DType.Kind.STR
                    && ((NdArray) v).shape.length == 0)) {
                return oneRow(m);
            }
            return frameFromDict(m);
        }
        if (pf instanceof List) {
            try {
                return frameFromList((List<?>) pf);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }
        if (pf instanceof NdArray) {
            final NdArray a = (NdArray) pf;
            final Frame f = new Frame();
            if (a.shape.length == 1) {
                f.add(0L, frameDtype(a.dtype), a.values());
                f.rows = (int) a.shape[0];
            } else if (a.shape.length == 2) {
                final Object[] v = a.values();
                final int rows = (int) a.shape[0];
                final int cols = (int) a.shape[1];
                for (int c = 0; c < cols; c++) {
                    final Object[] col = new Object[rows];
                    for (int r = 0; r < rows; r++) {
                        col[r] = v[r * cols + c];
                    }
                    f.add((long) c, frameDtype(a.dtype), col);
                }
                f.rows = rows;
            } else {
                throw fail(ColumnInputs.notTwoD(a.shape));
            }
            return f;
        }
        if (pf instanceof Frame) {
            return (Frame) pf;
        }
        throw fail(ColumnInputs.notAFrame(pf));
    }

    private static Object unwrap(final Object v) {
        return v instanceof NpScalar ? ((NpScalar) v).value() : v;
    }

    static DType frameDtype(final DType d) {
        return d.kind() == DType.Kind.STR || d.kind() == DType.Kind.BYTES ? DType.OBJECT : d;
    }

    private static DType cellDtype(final Object v) {
        if (v instanceof NpScalar) {
            return frameDtype(((NpScalar) v).dtype());
        }
        return Frame.infer(new Object[]{v});
    }

    private static Frame oneRow(final Map<?, ?> m) {
        final Frame f = new Frame();
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            f.add(e.getKey(), cellDtype(e.getValue()), new Object[]{e.getValue()});
        }
        f.rows = 1;
        return f;
    }

    private static Frame frameFromDict(final Map<?, ?> m) {
        final Frame f = new Frame();
        long len = -1;
        final LinkedHashSet<Object> index = new LinkedHashSet<>();
        boolean anyMap = false;
        boolean anyList = false;
        for (final Object v : m.values()) {
            if (v instanceof Map) {
                anyMap = true;
                index.addAll(((Map<?, ?>) v).keySet());
            }
            anyList |= v instanceof List || v instanceof NdArray;
        }
        if (anyMap && anyList) {
            throw fail(ColumnInputs.CAST_FAILED + "Mixing dicts with non-Series may lead to ambiguous ordering.");
        }
        if (anyMap) {
            // pandas aligns dict values (Series-like) on their keys and broadcasts scalars
            for (final Map.Entry<?, ?> e : m.entrySet()) {
                final Object v = e.getValue();
                final Object[] col = new Object[index.size()];
                int i = 0;
                for (final Object k : index) {
                    col[i++] = v instanceof Map ? ((Map<?, ?>) v).get(k) : v instanceof List
                        ? (i - 1 < ((List<?>) v).size() ? ((List<?>) v).get(i - 1) : null) : unwrap(v);
                }
                // broadcast scalars keep their own dtype (a numpy int64 stays int64 even over an empty index)
                final DType dt = v instanceof Map || v instanceof List ? Frame.infer(col) : cellDtype(v);
                f.add(e.getKey(), dt, Frame.normalize(col, dt));
            }
            f.rows = index.size();
            return f;
        }
        for (final Object v : m.values()) {
            final long l = v instanceof NdArray && ((NdArray) v).shape.length > 0 ? ((NdArray) v).shape[0]
                : v instanceof List ? ((List<?>) v).size() : -1;
            if (l >= 0) {
                if (len >= 0 && l != len) {
                    throw fail(ColumnInputs.CAST_FAILED + "All arrays must be of the same length");
                }
                len = l;
            }
        }
        if (len < 0) {
            throw fail(ColumnInputs.CAST_FAILED + "If using all scalar values, you must pass an index");
        }
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            final Object v = e.getValue();
            final Object[] col = new Object[(int) len];
            DType dt;
            if (v instanceof NdArray && ((NdArray) v).shape.length == 0) {
                // a 0-d array broadcasts like a scalar
                Arrays.fill(col, ((NdArray) v).values()[0]);
                dt = frameDtype(((NdArray) v).dtype);
            } else if (v instanceof NdArray) {
                final NdArray a = (NdArray) v;
                if (a.shape.length == 1) {
                    System.arraycopy(a.values(), 0, col, 0, (int) len);
                    dt = frameDtype(a.dtype);
                } else {
                    for (int i = 0; i < len; i++) {
                        col[i] = a.row(i);
                    }
                    dt = DType.OBJECT;
                }
            } else if (v instanceof List) {
                ((List<?>) v).toArray(col);
                dt = Frame.infer(col);
            } else {
                Arrays.fill(col, unwrap(v));
                dt = cellDtype(v);
            }
            f.add(e.getKey(), dt, Frame.normalize(col, dt));
        }
        f.rows = (int) len;
        return f;
    }

    static Frame frameFromList(final List<?> l) {
        final Frame f = new Frame();
        f.rows = l.size();
        if (l.isEmpty()) {
            return f;
        }
        boolean allMaps = true;
        boolean allLists = true;
        for (final Object x : l) {
            allMaps &= x instanceof Map;
            allLists &= x instanceof List || x instanceof NdArray;
        }
        if (!allMaps && l.get(0) instanceof Map) {
            throw new IllegalArgumentException("'" + PyRepr.typeName(firstNonMap(l)) + "' object has no attribute 'keys'");
        }
        if (allMaps) {
            final LinkedHashSet<Object> keys = new LinkedHashSet<>();
            for (final Object x : l) {
                keys.addAll(((Map<?, ?>) x).keySet());
            }
            for (final Object k : keys) {
                final Object[] col = new Object[l.size()];
                boolean everyRow = true;
                DType npType = null;
                boolean sameNp = true;
                for (int i = 0; i < col.length; i++) {
                    final Map<?, ?> row = (Map<?, ?>) l.get(i);
                    // pandas fills a key missing from a record with NaN (None stays None)
                    col[i] = row.containsKey(k) ? row.get(k) : Double.NaN;
                    everyRow &= row.containsKey(k);
                    if (col[i] instanceof NpScalar) {
                        final DType d = ((NpScalar) col[i]).dtype();
                        sameNp &= npType == null || npType.equals(d);
                        npType = d;
                    } else {
                        sameNp = false;
                    }
                }
                boolean datetimes = npType != null && npType.kind() == DType.Kind.DATETIME;
                for (int i = 0; datetimes && i < col.length; i++) {
                    final Map<?, ?> row = (Map<?, ?>) l.get(i);
                    datetimes = !row.containsKey(k) || row.get(k) == null
                        || col[i] instanceof NpScalar && ((NpScalar) col[i]).dtype().equals(npType);
                }
                if (datetimes) {
                    // numpy datetimes with records lacking the key (or None) still make a datetime column: NaT there
                    for (int i = 0; i < col.length; i++) {
                        col[i] = col[i] instanceof NpScalar ? ((NpScalar) col[i]).value()
                            : (Object) NpDatetime.NAT;
                    }
                    f.add(k, npType, col);
                    continue;
                }
                if (everyRow && sameNp && npType != null
                    && (npType.kind().isNumeric() || npType.kind() == DType.Kind.DATETIME)) {
                    // numpy scalars of one dtype keep it (np.int32 cells make an int32 column)
                    for (int i = 0; i < col.length; i++) {
                        col[i] = ((NpScalar) col[i]).value();
                    }
                    f.add(k, npType, col);
                    continue;
                }
                boolean strNp = false;
                for (int i = 0; i < col.length; i++) {
                    if (col[i] instanceof NpScalar) {
                        final NpScalar np = (NpScalar) col[i];
                        strNp |= np.dtype().kind() == DType.Kind.STR || np.dtype().kind() == DType.Kind.BYTES
                            || np.dtype().kind() == DType.Kind.DATETIME;
                        if (np.dtype().kind() != DType.Kind.STR && np.dtype().kind() != DType.Kind.DATETIME) {
                            col[i] = np.value();
                        }
                    }
                }
                final DType dt = strNp ? DType.OBJECT : Frame.infer(col);
                f.add(k, dt, Frame.normalize(col, dt));
            }
            return f;
        }
        if (allLists) {
            int width = 0;
            for (final Object x : l) {
                width = Math.max(width, x instanceof List ? ((List<?>) x).size() : (int) ((NdArray) x).length());
            }
            for (int c = 0; c < width; c++) {
                final Object[] col = new Object[l.size()];
                for (int r = 0; r < col.length; r++) {
                    final Object x = l.get(r);
                    final List<?> row = x instanceof List ? (List<?>) x : Arrays.asList(((NdArray) x).values());
                    col[r] = c < row.size() ? row.get(c) : null;
                }
                final DType dt = Frame.infer(col);
                f.add((long) c, dt, Frame.normalize(col, dt));
            }
            return f;
        }
        final Object[] col = l.toArray();
        final DType dt = Frame.infer(col);
        f.add(0L, dt, Frame.normalize(col, dt));
        return f;
    }

    private static Object firstNonMap(final List<?> l) {
        for (final Object x : l) {
            if (!(x instanceof Map)) {
                return x;
            }
        }
        return null;
    }

    /** {@code _enforce_named_col_schema}: each of {@code input_names()}, its spec from {@code input_dict()}. */
    private void enforceNamedCols(final Frame f, final Schema schema) {
        for (int i = 0; i < schema.size(); i++) {
            final Object name = schema.lookupName(i);
            final InputSpec byName = schema.inputByLabel(name);
            final ColSpec s = (ColSpec) (byName != null ? byName : schema.input(i));
            final int c = f.indexOf(name);
            if (c < 0) {
                if (s.required()) {
                    throw fail("The input column '" + PyRepr.str(name) + "' is required by the model signature but "
                        + "missing from the input data.");
                }
                continue;
            }
            enforceColumn(name, f, c, s.type(), s.required());
        }
    }

    private void enforceUnnamedCols(final Frame f, final Schema schema) {
        for (int i = 0; i < schema.size(); i++) {
            enforceColumn(f.names.get(i), f, i, ((ColSpec) schema.input(i)).type(), true);
        }
    }

    private void enforceColumn(final Object name, final Frame f, final int c, final ColumnType t,
                               final boolean required) {
        final String ptr = "/" + name;
        int same = 0;
        for (final Object n : f.names) {
            same += java.util.Objects.equals(n, name) ? 1 : 0;
        }
        if (same > 1) {
            // pf_input[name] of a repeated label is a DataFrame: _enforce_mlflow_datatype asks for its .dtype,
            // _enforce_type is given each of its column labels
            if (t instanceof DataType) {
                throw fail("'DataFrame' object has no attribute 'dtype'", ptr);
            }
            for (int i = 0; i < same; i++) {
                enforceType(name, t, required);
            }
            return;
        }
        if (t instanceof DataType) {
            enforceDatatype(String.valueOf(name), f.cells.get(c), f.dtypes.get(c), (DataType) t, ptr);
            return;
        }
        final Object[] col = f.cells.get(c);
        for (int i = 0; i < col.length; i++) {
            Object v = col[i];
            if (v instanceof Double && ((Double) v).isNaN() && f.dtypes.get(c).kind() == DType.Kind.OBJECT) {
                v = Double.NaN;
            }
            try {
                col[i] = enforceType(v, t, required);
            } catch (PayloadException e) {
                throw fail(e.getMessage(), ptr + "/" + i);
            }
        }
    }

    /** {@code _enforce_mlflow_datatype}. */
    static void enforceDatatype(final String name, final Object[] col, final DType dt0, final DataType t,
                                final String ptr) {
        DType dt = dt0;
        if (dt.kind() == DType.Kind.OBJECT && t != DataType.BINARY && t != DataType.STRING) {
            dt = inferObjects(col);
        }
        if (t == DataType.STRING && dt.kind() == DType.Kind.OBJECT) {
            return;
        }
        final DType np = t.toNumpy();
        final DType pd = t == DataType.STRING || t == DataType.BINARY ? DType.OBJECT : np;
        if (dt.equals(pd) || dt.equals(np)) {
            return;
        }
        if (t == DataType.BINARY && dt.kind() == DType.Kind.BYTES) {
            return;
        }
        if (t == DataType.DATETIME && dt.kind() == DType.Kind.DATETIME) {
            return;
        }
        if (t == DataType.DATETIME && dt.kind() == DType.Kind.OBJECT) {
            // values.astype('datetime64[ns]'): numbers are nanoseconds, strings are parsed
            for (final Object v0 : col) {
                final Object v = unwrap(v0);
                if (v == null || v instanceof java.time.temporal.Temporal || v instanceof Long
                    || v instanceof Double) {
                    continue;
                }
                if (!(v instanceof String)) {
                    throw fail("<class '" + (v instanceof NdArray ? "numpy.ndarray" : PyRepr.typeName(v))
                        + "'> is not convertible to datetime", ptr);
                }
                try {
                    PandasDates.parse((String) v);
                } catch (RuntimeException e) {
                    throw fail(DataTypes.conversionFailed(name, DType.OBJECT, DataType.DATETIME), ptr);
                }
            }
            final Object[] cells = new Object[col.length];
            for (int i = 0; i < col.length; i++) {
                cells[i] = unwrap(col[i]);
            }
            final String zones = io.signet.enforce.PandasDatetime.zoneError(cells);
            if (zones != null) {
                // strings with different UTC offsets, or aware and naive ones: a ValueError, reworded by MLflow; a
                // number among them makes pandas' RuntimeError, which MLflow passes on as it is
                throw fail(zones.equals(io.signet.enforce.PandasDatetime.TZ_NUMBER) ? "No active exception to reraise"
                    : DataTypes.conversionFailed(name, DType.OBJECT, DataType.DATETIME), ptr);
            }
            return;
        }
        if (t == DataType.DOUBLE && dt.kind() == DType.Kind.OBJECT) {
            // numpy's object dtype compares equal to decimal.Decimal, so MLflow runs pd.to_numeric here
            for (int i = 0; i < col.length; i++) {
                final Object v = unwrap(col[i]);
                final Object n = DataTypes.toNumeric(v);
                if (n == DataTypes.VALUE_ERROR) {
                    throw fail(DataTypes.conversionFailed(name, DType.OBJECT, DataType.DOUBLE), ptr);
                }
                if (n == DataTypes.TYPE_ERROR) {
                    throw fail(DataTypes.invalidObjectType(i), ptr);
                }
            }
            return;
        }
        if (t == DataType.BOOLEAN && dt.kind() == DType.Kind.OBJECT) {
            return;
        }
        final int verdict = DataTypes.upcast(dt, t);
        if (verdict == DataTypes.OK || verdict == DataTypes.UPCAST) {
            return;
        }
        if (verdict == DataTypes.ZERO_ONE) {
            boolean zeroOne = true;
            for (final Object v : col) {
                zeroOne &= v == null || (v instanceof Number && (((Number) v).doubleValue() == 0
                    || ((Number) v).doubleValue() == 1));
            }
            if (zeroOne) {
                return;
            }
        }
        boolean hint = false;
        if (DataTypes.hintApplies(dt, t)) {
            boolean nans = false;
            boolean ints = true;
            for (final Object v : col) {
                final double d = v == null ? Double.NaN : ((Number) v).doubleValue();
                if (Double.isNaN(d)) {
                    nans = true;
                } else {
                    ints &= Math.rint(d) == d;
                }
            }
            hint = nans && ints;
        }
        throw fail(DataTypes.incompatible(name, dt, t, hint), ptr);
    }

    /** pandas {@code infer_objects} on an object column: the library's inference ({@code ColumnBatch.inferDtype}). */
    static DType inferObjects(final Object[] col) {
        final List<Object> u = new ArrayList<>(col.length);
        for (final Object v : col) {
            if (v instanceof NdArray || v instanceof List || v instanceof Map) {
                return DType.OBJECT;
            }
            u.add(unwrap(v));
        }
        return io.signet.column.ColumnBatch.inferDtype(u);
    }

    // ---------------------------------------------------------------- _enforce_type family

    /** MLflow's {@code _enforce_type} ({@link NestedTypes}) on the server's value model. */
    static Object enforceType(final Object data, final ColumnType t, final boolean required) {
        try {
            return NestedTypes.enforceType(data, t, required, VALUES);
        } catch (SchemaEnforcementException e) {
            throw new PayloadException(400, e.errorCode(), e.getMessage(), null, -1, -1, -1,
                io.signet.enforce.Deviation.codeOf(e.deviation()));
        }
    }

    /** The server's value model: numpy arrays are {@link NdArray}s, numpy scalars {@link NpScalar}s. */
    private static final NestedTypes.Values VALUES = new NestedTypes.Values() {
        @Override
        public Object datatype(final Object scalar, final DataType type) {
            return scalarVerdict(scalar, type);
        }

        @Override
        public List<?> elements(final Object data) {
            if (data instanceof List) {
                return (List<?>) data;
            }
            if (!(data instanceof NdArray)) {
                return null;
            }
            final NdArray a = (NdArray) data;
            final List<Object> rows = new ArrayList<>();
            for (int i = 0; i < a.length(); i++) {
                rows.add(a.shape.length > 1 ? new NdArray(a.dtype, Arrays.copyOfRange(a.shape, 1, a.shape.length),
                    ((List<?>) a.row(i)).toArray()) : scalarOf(a, i));
            }
            return rows;
        }

        @Override
        public String echo(final Object data) {
            return Json2.excerpt(PyRepr.str(data));
        }
    };

    private static Object scalarOf(final NdArray a, final int i) {
        final Object v = a.values()[i];
        return a.dtype.kind() == DType.Kind.OBJECT ? v : new NpScalar(a.dtype, v);
    }

    /** {@code _enforce_mlflow_datatype("", pd.Series(data), t)[0]} for one scalar; {@link NestedTypes#REFUSED} when it raises. */
    static Object scalarVerdict(final Object data, final DataType t) {
        final DType dt = data instanceof NpScalar ? frameDtype(((NpScalar) data).dtype())
            : Frame.infer(new Object[]{data});
        try {
            enforceDatatype("", new Object[]{unwrap(data)}, dt, t, null);
        } catch (PayloadException e) {
            return NestedTypes.REFUSED;
        }
        if (t == DataType.DATETIME && unwrap(data) instanceof String) {
            // pd.Series([s]).astype('datetime64[ns]')[0] is a pandas Timestamp: not a scalar for np.isscalar,
            // so enforcing the same value again (MLflow does, for cast frames and inputs) fails
            final NpDatetime d = NpDatetime.parse((String) unwrap(data));
            return new Timestamp(d.isNat() ? NpDatetime.NAT : d.to("ns"));
        }
        return data;
    }

    /** A pandas Timestamp (nanoseconds since the epoch): a datetime, not a numpy scalar. */
    static final class Timestamp implements PyRepr.PyTyped {
        final long ns;

        Timestamp(final long ns) {
            this.ns = ns;
        }

        @Override
        public String pyTypeName() {
            return "Timestamp";
        }

        @Override
        public String pyRepr() {
            return "Timestamp(" + ns + ")";
        }
    }

    /** Bounded excerpts for messages that would otherwise echo input. */
    static final class Json2 {
        private Json2() {
        }

        static String excerpt(final String s) {
            return io.signet.json.Json.excerpt(s, 200);
        }
    }
}
