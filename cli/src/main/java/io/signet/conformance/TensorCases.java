package io.signet.conformance;

import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.Profile;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.mlflow.TensorFrames;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.ModelSignature;
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.py.DataFrame;
import io.signet.py.Numpy;
import io.signet.py.NumpyCast;
import io.signet.internal.tensor.TensorArena;
import io.signet.internal.tensor.NpCast;

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
                // np.array(float64 series, dtype): numpy's array cast (C's conversion for integers and times)
                final Object[] el = new Object[col.size()];
                for (int i = 0; i < el.length; i++) {
                    el[i] = col.get(i) == null ? Double.NaN : col.get(i);
                }
                return Numpy.inMemory(astype(io.signet.py.NdArray.of(DType.FLOAT64, shape, el), spec, name, 1), arena);
            }
            final List<Object> data = new ArrayList<>();
            for (final Object o : col) {
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
            boolean floats = !flat.isEmpty();
            for (final Object x : flat) {
                floats &= x instanceof Double;
            }
            if (floats) {
                // np.vstack of number lists with a float is a float64 array (TensorFrames made them doubles): astype
                astype(io.signet.py.NdArray.of(DType.FLOAT64, new long[] {flat.size()}, flat.toArray()), spec, name,
                    rowWidth(spec));
                return;
            }
            Numpy.array(flat, spec.dtype(), new NpCast.Facts());
        }

        private long rowWidth(final TensorSpec spec) {
            long w = 1; // the elements of one row of np.vstack(cells).reshape(spec.shape)
            for (int k = 1; k < spec.shape().length; k++) {
                w *= spec.shape()[k];
            }
            return w;
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
     * A float64 array cast to the spec's dtype ({@code np.array(float64_series, dtype)}, {@code astype}): the one
     * cast table's array cast ({@link Numpy#astype}). C's conversion stores NaN, infinities and values past the
     * range as garbage without a word; Signet refuses (narrowing-overflow), naming the row ({@code width} elements
     * a row).
     */
    private static io.signet.py.NdArray astype(final io.signet.py.NdArray floats, final TensorSpec spec, final String name, final long width) {
        final NpCast.Facts facts = new NpCast.Facts().noteTruncation(false);
        final io.signet.py.NdArray a = Numpy.astype(floats, spec.dtype(), facts);
        if (facts.event() != NpCast.Facts.NONE) {
            throw SchemaEnforcementException.deviation(facts.sentence() + " (row " + facts.index() / width + " of "
                + (name != null ? "input " + name : "the unnamed input") + ")", "inputs",
                io.signet.enforce.Deviation.of(facts.deviation()));
        }
        return a;
    }
}
