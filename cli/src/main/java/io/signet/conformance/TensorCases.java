package io.signet.conformance;

import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.Profile;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.mlflow.TensorFrames;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.ModelSignature;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.py.DataFrame;
import io.signet.py.Numpy;
import io.signet.tensor.TensorArena;
import io.signet.tensor.NpCast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The in-process (pyfunc) path for cases whose input schema is tensor-based: decode the typed
 * input into Signet's arrays, then enforce as MLflow's {@code _enforce_schema} does: dicts of
 * arrays, single arrays, ragged/object arrays, and pandas DataFrames handed to a tensor schema
 * ({@code _reshape_and_cast_pandas_column_values}).
 */
final class TensorCases {
    private TensorCases() {
    }

    static CaseResult run(final Map<String, Object> c, final ModelSignature sig, final Profile profile) {
        try {
            return runChecked(c, sig, profile);
        } catch (final ArithmeticException e) {
            // numpy's datetime64 unit conversion wraps int64 silently ('0001' as datetime64[ns]); Signet refuses
            return CaseResult.of(SchemaEnforcementException.deviation("A datetime does not fit in the array's unit ("
                + e.getMessage() + "); numpy would silently wrap it.", "input", io.signet.enforce.Deviation.DATETIME_ASTYPE_OVERFLOW));
        }
    }

    private static CaseResult runChecked(final Map<String, Object> c, final ModelSignature sig, final Profile profile) {
        final Schema schema = sig.inputs();
        final TensorSchemaEnforcer enf = TensorSchemaEnforcer.compile(schema, Mode.MLFLOW, profile);
        try (TensorArena arena = new TensorArena(1 << 16)) {
            final Object input;
            try {
                input = Inputs.build(c.get("input"));
            } catch (final IllegalArgumentException e) {
                return CaseResult.rejected("BUILD_ERROR", "the input could not be built: " + e.getMessage(), "input");
            }
            final TensorViolations v = new TensorViolations(1);
            if (input instanceof DataFrame) {
                try {
                    frame(enf, (DataFrame) input, v, arena);
                } catch (final SchemaEnforcementException e) {
                    return CaseResult.of(e);
                }
            } else {
                enf.checkInput(input, v);
            }
            if (!v.isEmpty()) {
                return CaseResult.of(v.toException(0));
            }
            // pyfunc order: data first, then params (built as the column path builds them)
            final Object params;
            try {
                params = ColumnCases.params(c.get("params"));
            } catch (final IllegalArgumentException e) {
                return CaseResult.rejected("BAD_INPUT", "the case params could not be built: " + e.getMessage(),
                    "params");
            }
            try {
                ParamsEnforcer.compile(sig.params(), profile).enforce(params);
            } catch (final SchemaEnforcementException e) {
                return CaseResult.of(e);
            }
            return CaseResult.accepted();
        }
    }

    // ------------------------------------------------------------------ DataFrame given to a tensor schema

    private static SchemaEnforcementException fail(final String msg) {
        return SchemaEnforcementException.invalid(msg, "inputs");
    }

    /** A DataFrame given to a tensor schema: the library's rules ({@link TensorFrames}) with this runner's numpy. */
    static void frame(final TensorSchemaEnforcer enf, final DataFrame f, final TensorViolations v,
                      final TensorArena arena) {
        TensorFrames.enforce(enf, f, new BuilderCasts(arena), v);
    }

    /** numpy's casts ({@link Numpy}) on the decoded case values. */
    private static final class BuilderCasts implements TensorFrames.Casts {
        private final TensorArena arena;

        BuilderCasts(final TensorArena arena) {
            this.arena = arena;
        }

        /** {@code np.isscalar} of the decoded case values. */
        @Override
        public boolean isScalar(final Object o) {
            return io.signet.py.Py.isScalar(o);
        }

        @Override
        public NdArray castColumn(final List<Object> col, final DType colType, final TensorSpec spec, final String name,
                                  final long[] shape) {
            if (colType != null && colType.kind() == DType.Kind.FLOAT) {
                nonFiniteToInt(col, spec, name);
            }
            final List<Object> data = new ArrayList<>();
            for (final Object o : floatsAsTimes(col, spec)) {
                data.add(shape.length == 1 ? o : java.util.Collections.singletonList(o));
            }
            try {
                return Numpy.inMemory(Numpy.array(data, spec.dtype(), new NpCast.Facts()), arena);
            } catch (final IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        @Override
        public void castStacked(final List<Object> flat, final TensorSpec spec, final String name) {
            boolean numeric = true;
            boolean anyFloat = false;
            for (final Object x : flat) {
                numeric &= x instanceof Long || x instanceof Double || x instanceof Boolean;
                anyFloat |= x instanceof Double;
            }
            if (numeric && anyFloat) {
                nonFiniteToInt(flat, spec, name);
            }
            Numpy.array(floatsAsTimes(flat, spec), spec.dtype(), new NpCast.Facts());
        }

        @Override
        public NdArray toNumpy(final DataFrame f, final DType common) {
            // df.to_numpy(): row-major cells
            final List<Object> rows = new ArrayList<>(f.rowCount());
            for (int r = 0; r < f.rowCount(); r++) {
                final List<Object> row = new ArrayList<>(f.columnCount());
                for (int c = 0; c < f.columnCount(); c++) {
                    row.add(f.cells(c)[r]);
                }
                rows.add(row);
            }
            return Numpy.array(rows, common, new NpCast.Facts());
        }
    }

    /**
     * A float64 column (or a vstack of float lists) cast to a datetime64/timedelta64 spec is numpy's
     * array cast, not element assignment: each float is truncated toward zero to an integer count of
     * the unit, NaN and values beyond int64 become NaT ({@code np.array(series, dtype='M8[ns]')}).
     * Element-wise (object columns) a Python float is still refused.
     */
    private static List<Object> floatsAsTimes(final List<Object> values, final TensorSpec spec) {
        final io.signet.tensor.DType.Kind k = spec.dtype().kind();
        if (k != io.signet.tensor.DType.Kind.DATETIME && k != io.signet.tensor.DType.Kind.TIMEDELTA) {
            return values;
        }
        boolean anyFloat = false;
        for (final Object o : values) {
            if (o instanceof Double) {
                anyFloat = true;
            } else if (!(o == null || o instanceof Long)) {
                return values;
            }
        }
        if (!anyFloat) {
            return values;
        }
        final List<Object> r = new ArrayList<>(values.size());
        for (final Object o : values) {
            if (o instanceof Double) {
                final double d = (Double) o;
                r.add(Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63 ? null : (Object) (long) d);
            } else {
                r.add(o);
            }
        }
        return r;
    }

    /**
     * A float64 array cast to an integer dtype ({@code np.array(series, dtype=int64)}, {@code astype}) is C's
     * conversion: NaN and infinities silently become the integer minimum. Signet refuses (narrowing-overflow).
     */
    private static void nonFiniteToInt(final List<Object> cells, final TensorSpec spec, final String name) {
        final DType.Kind k = spec.dtype().kind();
        if (k != DType.Kind.INT && k != DType.Kind.UINT) {
            return;
        }
        for (int r = 0; r < cells.size(); r++) {
            final Object o = cells.get(r);
            if (o instanceof Double && (((Double) o).isNaN() || ((Double) o).isInfinite())) {
                throw SchemaEnforcementException.deviation(PyRepr.floatRepr((Double) o) + " at row " + r + " of "
                    + (name != null ? "input " + name : "the unnamed input") + " does not fit in " + spec.dtype()
                    + " (MLflow would silently store the integer minimum)", "inputs",
                    io.signet.enforce.Deviation.NARROWING_OVERFLOW);
            }
        }
    }
}
