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

    /** Enforces; returns the frame handed to the model for column schemas (null for tensor schemas). */
    Frame enforce(final Object input, final Schema schema) {
        if (schema.isTensorSpec()) {
            enforceTensorSchema(input, schema);
            return null;
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
            return new PayloadException(400, e.errorCode(), e.getMessage(), null, -1, -1, -1, e.deviation());
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
        return new PayloadException(400, e.errorCode(), e.getMessage(), "/" + e.column()
            + (nestedCell ? "/" + e.row() : ""), -1, -1, -1, e.deviation());
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

    void enforceTensorSchema(final Object pf, final Schema schema) {
        final TensorSchemaEnforcer enf = tensorRules(schema);
        final TensorViolations v = new TensorViolations(1);
        if (pf instanceof Frame) {
            // _enforce_tensor_input's DataFrame branch: the library's rules with the server's numpy casts
            try {
                TensorFrames.enforce(enf, (Frame) pf, casts, v);
            } catch (SchemaEnforcementException e) {
                throw fail(e.getMessage());
            }
        } else {
            // _enforce_tensor_schema for a dict of arrays or one array
            enf.checkInput(pf, v);
        }
        if (!v.isEmpty()) {
            throw violation(v);
        }
    }

    /** numpy's casts as the server performs them ({@link Numpy#cast}, the hot path's tensor reader). */
    private final TensorFrames.Casts casts = new TensorFrames.Casts() {
        @Override
        public boolean isScalar(final Object cell) {
            return Numpy.isScalar(cell);
        }

        @Override
        public io.signet.tensor.NdArray castColumn(final List<Object> cells, final DType columnDtype,
                                                   final TensorSpec spec, final String name, final long[] shape) {
            final NdArray a = castCells(cells, spec.dtype());
            return new NdArray(a.dtype, shape, a.flat);
        }

        @Override
        public void castStacked(final List<Object> flat, final TensorSpec spec, final String name) {
            try {
                castCells(flat, spec.dtype());
            } catch (PayloadException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }

        @Override
        public io.signet.tensor.NdArray toNumpy(final TensorFrames.Frame f, final DType common) {
            return new NdArray(common, new long[]{f.rowCount(), f.columnCount()}, null); // the header is judged
        }
    };

    private NdArray castCells(final List<Object> col, final DType dtype) {
        final List<Object> l = new ArrayList<>(col);
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof Double && ((Double) l.get(i)).isNaN() && dtype.kind() == DType.Kind.FLOAT) {
                l.set(i, null);
            }
        }
        try {
            return Numpy.cast(l, dtype, "", mode, limits);
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
            throw new PayloadException(400, e.errorCode(), e.getMessage(), null, -1, -1, -1, e.deviation());
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
