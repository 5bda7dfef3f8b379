package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
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
import io.signet.mlflow.ColumnSchemas;
import io.signet.mlflow.MlflowException;
import io.signet.mlflow.Types;
import io.signet.py.Pandas;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;

import java.util.ArrayList;
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
        try {
            // the batch handed out is the frame as parsed and cast (what the streaming path decodes too); the
            // rule book's converted frame (numpy scalars inside nested cells, as MLflow's) only decides
            final io.signet.py.DataFrame pf = ColumnSchemas.toFrame(toPy(input), schema);
            ColumnSchemas.enforce(pf, schema, Profile.MLFLOW_2);
            // handed out as the streaming path decodes cells: nested values with plain leaves
            for (int c = 0; c < pf.columnCount(); c++) {
                if (pf.dtype(c).kind() == DType.Kind.OBJECT) {
                    final Object[] cells = pf.cells(c);
                    for (int r = 0; r < cells.length; r++) {
                        cells[r] = io.signet.py.Batches.plain(cells[r]);
                    }
                }
            }
            return Frame.of(pf);
        } catch (MlflowException e) {
            throw located(e, schema);
        }
    }

    /** The rule book's failure as the server's 400, pointing at the column (and the cell of a nested column). */
    private static PayloadException located(final MlflowException e, final Schema schema) {
        if (e.column() == MlflowException.NO_COLUMN) {
            return new PayloadException(400, e.code().name(), e.getMessage(), null, -1, -1, -1,
                io.signet.enforce.Deviation.codeOf(e.deviation()));
        }
        boolean nestedCell = false;
        for (final InputSpec s : schema.inputs()) {
            if (java.util.Objects.equals(s.name(), e.column()) && !(((ColSpec) s).type() instanceof DataType)) {
                nestedCell = e.row() >= 0;
            }
        }
        if (!schema.hasInputNames() && e.row() >= 0 && e.inner() != null) {
            nestedCell = true;
        }
        return new PayloadException(400, e.code().name(), e.getMessage(), "/" + e.column()
            + (nestedCell ? "/" + e.row() : ""), -1, -1, -1, io.signet.enforce.Deviation.codeOf(e.deviation()));
    }

    /** The server's values in the value model: its arrays and frames as io.signet.py's, in lists and dicts too. */
    static Object toPy(final Object v) {
        if (v instanceof NdArray) {
            return ((NdArray) v).toPy();
        }
        if (v instanceof Frame) {
            return ((Frame) v).toPy();
        }
        if (v instanceof List) {
            final List<Object> r = new ArrayList<>(((List<?>) v).size());
            for (final Object x : (List<?>) v) {
                r.add(toPy(x));
            }
            return r;
        }
        if (v instanceof Map) {
            final Map<Object, Object> r = new java.util.LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                r.put(e.getKey(), toPy(e.getValue()));
            }
            return r;
        }
        return v;
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

    // ---------------------------------------------------------------- frames and _enforce_type

    /** {@code pd.DataFrame(list)} ({@link Pandas#fromList}); pandas' errors as IllegalArgumentExceptions. */
    static Frame frameFromList(final List<?> l) {
        return Frame.of(Pandas.fromList((List<?>) toPy(l)));
    }

    /** MLflow's {@code _enforce_type} (the rule book's {@link Types}) on the server's values. */
    static Object enforceType(final Object data, final ColumnType t, final boolean required) {
        try {
            return Types.enforce(toPy(data), t, required, Profile.MLFLOW_2);
        } catch (MlflowException e) {
            throw new PayloadException(400, e.code().name(), e.getMessage(), null, -1, -1, -1,
                io.signet.enforce.Deviation.codeOf(e.deviation()));
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
