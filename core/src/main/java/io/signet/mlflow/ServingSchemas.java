package io.signet.mlflow;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.py.Py;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's {@code _enforce_schema} as the scoring server runs it before {@code predict}, on
 * what its parsing made of the body (frames, dicts, lists, arrays of the value model): column
 * schemas by {@link ColumnSchemas}, tensor schemas by {@link TensorSchemaEnforcer} (arrays, dicts of
 * arrays) and {@link TensorFrames} (frames) with the server's numpy casts ({@link ServingNumpy}).
 * Every failure is a 400 {@code INVALID_PARAMETER_VALUE} at the input or column it concerns.
 * Immutable: one per served model.
 */
public final class ServingSchemas {
    private final boolean strict;
    private final Limits limits;
    private final Profile profile;
    private volatile TensorSchemaEnforcer tensors;

    public ServingSchemas(final boolean strict, final Limits limits, final Profile profile) {
        this.strict = strict;
        this.limits = limits;
        this.profile = profile;
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
    public Object enforce(final Object input, final Schema schema, final io.signet.internal.json.Deviations dev) {
        if (schema.isTensorSpec()) {
            return enforceTensorSchema(input, schema, dev);
        }
        try {
            // the batch handed out is the frame as parsed and cast (what the streaming path decodes too); the
            // rule book's converted frame (numpy scalars inside nested cells, as MLflow's) only decides
            final DataFrame pf = ColumnSchemas.toFrame(input, schema);
            ColumnSchemas.enforce(pf, schema, profile);
            // handed out as the streaming path decodes cells: nested values with plain leaves
            for (int c = 0; c < pf.columnCount(); c++) {
                if (pf.dtype(c).kind() == DType.Kind.OBJECT) {
                    final Object[] cells = pf.cells(c);
                    for (int r = 0; r < cells.length; r++) {
                        cells[r] = io.signet.py.Batches.plain(cells[r]);
                    }
                }
            }
            return pf;
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

    // ---------------------------------------------------------------- tensors

    /** The schema's compiled tensor rules (one schema per server: compiled once, then reused). */
    private TensorSchemaEnforcer tensorRules(final Schema schema) {
        TensorSchemaEnforcer t = tensors;
        if (t == null || t.schema() != schema) {
            // MLflow mode: the serving exact path reports MLflow's first violation (strict scans run elsewhere)
            t = TensorSchemaEnforcer.compile(schema, Mode.MLFLOW, profile);
            tensors = t;
        }
        return t;
    }

    /** The first recorded violation as the server's 400, pointing at the named input it concerns. */
    public static PayloadException violation(final TensorViolations v) {
        final TensorSpec s = v.spec(0);
        final boolean atInput = v.code(0) != TensorViolations.MISSING_INPUTS && s != null && s.name() != null;
        return fail(v.message(0), atInput ? "/" + s.name() : null);
    }

    /** Returns the arrays the model gets (see {@link #enforce}); null when a frame's arrays are not all built. */
    Object enforceTensorSchema(final Object pf, final Schema schema, final io.signet.internal.json.Deviations dev) {
        final TensorSchemaEnforcer enf = tensorRules(schema);
        final TensorViolations v = new TensorViolations(1);
        Object input = pf;
        if (pf instanceof DataFrame) {
            // _enforce_tensor_input's DataFrame branch: the library's rules with the server's numpy casts
            final ServerCasts casts = new ServerCasts(dev, enf.inputCount());
            try {
                TensorFrames.enforce(enf, (DataFrame) pf, casts, v);
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
     * one request: deviations go to the request's {@link io.signet.internal.json.Deviations}, and the arrays cast
     * per input are kept (what the model gets).
     */
    private final class ServerCasts implements TensorFrames.Casts {
        private final io.signet.internal.json.Deviations dev;
        private final NdArray[] built;
        private int next;

        ServerCasts(final io.signet.internal.json.Deviations dev, final int inputs) {
            this.dev = dev;
            this.built = new NdArray[inputs];
        }

        @Override
        public boolean isScalar(final Object cell) {
            return Py.isScalar(cell);
        }

        @Override
        public io.signet.tensor.NdArray castColumn(final List<Object> cells, final DType columnDtype,
                                                   final TensorSpec spec, final String name, final long[] shape) {
            final NdArray a = castCells(cells, spec.dtype(), dev);
            return keep(NdArray.of(a.dtype(), shape, a.elements()));
        }

        @Override
        public void castStacked(final List<Object> flat, final TensorSpec spec, final String name) {
            // np.vstack makes a str array when any cell is a str; its astype to an integer dtype reads Python
            // ints, which numpy 2 refuses past the range (an OverflowError, not the ValueError MLflow rewords)
            boolean text = false;
            for (final Object x : flat) {
                text |= x instanceof String;
            }
            boolean floats = !flat.isEmpty();
            for (final Object x : flat) {
                floats &= x instanceof Double;
            }
            final NdArray a;
            try {
                // a vstack of number lists holding a float is a float64 array (TensorFrames made them doubles),
                // whose astype is numpy's C cast: NaN, inf and values past the range are stored, not refused
                a = floats ? ServingNumpy.astype(NdArray.of(DType.FLOAT64, new long[] {flat.size()}, flat.toArray()),
                    spec.dtype(), "", strict, dev)
                    : castCells(flat, spec.dtype(), dev, text && profile.numpyRaisesOnIntOverflow());
            } catch (PayloadException e) {
                if (e.getMessage().startsWith("Python integer ")) {
                    throw e;
                }
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            // np.vstack(cells).reshape(spec.shape): the first dimension is what the rows make
            final long[] sh = spec.shape().clone();
            long inner = 1;
            for (int k = 1; k < sh.length; k++) {
                inner *= sh[k];
            }
            sh[0] = inner == 0 ? 0 : a.elements().length / inner;
            keep(NdArray.of(a.dtype(), sh, a.elements()));
        }

        @Override
        public io.signet.tensor.NdArray toNumpy(final DataFrame f, final DType common) {
            final long[] shape = {f.rowCount(), f.columnCount()};
            try {
                // df.to_numpy(): row-major cells of the common dtype (a promotion: nothing wraps)
                final List<Object> flat = new java.util.ArrayList<>(f.rowCount() * f.columnCount());
                for (int r = 0; r < f.rowCount(); r++) {
                    for (int c = 0; c < f.columnCount(); c++) {
                        flat.add(f.cells(c)[r]);
                    }
                }
                if (common.kind() == DType.Kind.OBJECT) {
                    return keep(NdArray.of(common, shape, flat.toArray())); // the cells themselves
                }
                final NdArray a = ServingNumpy.cast(flat, common, "", strict, limits, new io.signet.internal.json.Deviations());
                return keep(NdArray.of(common, shape, a.elements()));
            } catch (RuntimeException e) {
                return NdArray.header(common, shape); // the header is judged; no values to hand out
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

    private NdArray castCells(final List<Object> col, final DType dtype, final io.signet.internal.json.Deviations dev) {
        return castCells(col, dtype, dev, false);
    }

    private NdArray castCells(final List<Object> col, final DType dtype, final io.signet.internal.json.Deviations dev,
                              final boolean intOverflowRaises) {
        final List<Object> l = new ArrayList<>(col);
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) instanceof Double && ((Double) l.get(i)).isNaN() && dtype.kind() == DType.Kind.FLOAT) {
                l.set(i, null);
            }
        }
        try {
            return ServingNumpy.cast(l, dtype, "", strict, limits, dev, intOverflowRaises);
        } catch (PayloadException e) {
            throw fail(e.getMessage().replaceFirst("^Invalid input\\. ", ""));
        }
    }
}
