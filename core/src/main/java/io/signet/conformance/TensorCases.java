package io.signet.conformance;

import io.signet.enforce.InputNames;
import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.ModelSignature;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.tensor.NpScalar;
import io.signet.tensor.TensorArena;
import io.signet.tensor.TensorBuilder;

import java.math.BigDecimal;
import java.math.BigInteger;
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

    static CaseResult run(final Map<String, Object> c, final ModelSignature sig) {
        try {
            return runChecked(c, sig);
        } catch (final ArithmeticException e) {
            // numpy's datetime64 unit conversion wraps int64 silently ('0001' as datetime64[ns]); Signet refuses
            return CaseResult.of(SchemaEnforcementException.deviation("A datetime does not fit in the array's unit ("
                + e.getMessage() + "); numpy would silently wrap it.", "input", "datetime-astype-overflow"));
        }
    }

    private static CaseResult runChecked(final Map<String, Object> c, final ModelSignature sig) {
        final Schema schema = sig.inputs();
        final TensorSchemaEnforcer enf = TensorSchemaEnforcer.compile(schema, Mode.MLFLOW);
        try (TensorArena arena = new TensorArena(1 << 16)) {
            final Object input;
            try {
                input = TypedInputs.decode(c.get("input"), arena);
            } catch (final IllegalArgumentException e) {
                return CaseResult.rejected("BUILD_ERROR", "the input could not be built: " + e.getMessage(), "input");
            }
            final TensorViolations v = new TensorViolations(1);
            if (input instanceof CaseFrame) {
                try {
                    frame(enf, (CaseFrame) input, v, arena);
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
            final Object p = c.get("params");
            final Object params;
            if (p instanceof Map) {
                final Map<Object, Object> m = new java.util.LinkedHashMap<>();
                for (final Map.Entry<?, ?> e : ((Map<?, ?>) p).entrySet()) {
                    m.put(e.getKey(), ColumnCases.build(e.getValue()));
                }
                params = m;
            } else {
                params = ColumnCases.build(p);
            }
            try {
                ParamsEnforcer.compile(sig.params()).enforce(params);
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

    static void frame(final TensorSchemaEnforcer enf, final CaseFrame f, final TensorViolations v,
                      final TensorArena arena) {
        final Schema schema = enf.schema();
        if (schema.hasInputNames()) {
            final List<Object> names = new ArrayList<>();
            for (int i = 0; i < enf.inputCount(); i++) {
                names.add(enf.spec(i).name());
            }
            final String missing = InputNames.missingInputs(names, f.columns, names);
            if (missing != null) {
                throw fail(missing);
            }
            for (int i = 0; i < enf.inputCount(); i++) {
                final TensorSpec spec = enf.spec(i);
                reshapeAndCast(enf, i, spec.name(), f.cells.get(f.column(spec.name())), f.dtypes.get(f.column(spec.name())), v,
                    arena);
                if (!v.isEmpty()) {
                    return;
                }
            }
            return;
        }
        final TensorSpec spec = enf.spec(0);
        if (f.isEmpty()) {
            throw fail("Input DataFrame is empty.");
        }
        final int n = f.columns.size();
        if (n == 1) {
            reshapeAndCast(enf, 0, null, f.cells.get(0), f.dtypes.get(0), v, arena);
            return;
        }
        final long[] sh = spec.shape();
        if (!(sh.length == 2 && sh[0] == -1 && sh[1] == n)) {
            throw fail("This model contains a model signature with an unnamed input. Since the input data is a "
                + "pandas DataFrame containing multiple columns, the input shape must be of the structure "
                + "(-1, number_of_dataframe_columns). Instead, the input DataFrame passed had " + n
                + " columns and an input shape of " + PyRepr.shape(sh) + " with all values within the DataFrame "
                + "of scalar type. Please adjust the passed in DataFrame to match the expected structure");
        }
        final NdArray arr = TensorBuilder.array(f.rowMajor(), f.commonDtype(), arena);
        enf.checkSpec(0, arr, v);
    }

    private static boolean isScalar(final Object o) {
        return o instanceof String || o instanceof Long || o instanceof Double || o instanceof Boolean
            || o instanceof byte[] || o instanceof BigDecimal || o instanceof BigInteger || o instanceof NpScalar
            || o instanceof Integer;
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
                    + " (MLflow would silently store the integer minimum)", "inputs", "narrowing-overflow");
            }
        }
    }

    private static void reshapeAndCast(final TensorSchemaEnforcer enf, final int i, final String name,
                                       final List<Object> col, final DType colType, final TensorViolations v,
                                       final TensorArena arena) {
        final TensorSpec spec = enf.spec(i);
        final long[] sh = spec.shape();
        boolean innerWild = false;
        for (int k = 1; k < sh.length; k++) {
            innerWild |= sh[k] == -1;
        }
        if (sh.length == 0 || sh[0] != -1 || innerWild) {
            throw fail("For pandas dataframe input, the first dimension of shape must be a variable dimension and "
                + "other dimensions must be fixed, but in model signature the shape of "
                + (name != null ? "input " + name : "the unnamed input") + " is " + PyRepr.shape(sh) + ".");
        }
        if (col.isEmpty()) {
            throw fail("0");
        }
        final Object first = col.get(0);
        long inner = 1;
        for (int k = 1; k < sh.length; k++) {
            inner *= sh[k];
        }
        // a datetime64/timedelta64 column hands out pd.Timestamp / pd.Timedelta (NaT too): not np.isscalar
        final boolean pandasTime = colType != null
            && (colType.kind() == DType.Kind.DATETIME || colType.kind() == DType.Kind.TIMEDELTA)
            || first instanceof NpScalar && (((NpScalar) first).dtype().kind() == DType.Kind.DATETIME
            || ((NpScalar) first).dtype().kind() == DType.Kind.TIMEDELTA);
        if (!pandasTime && isScalar(first)) {
            if (sh.length == 1 || (sh.length == 2 && sh[1] == 1)) {
                if (colType != null && colType.kind() == DType.Kind.FLOAT) {
                    nonFiniteToInt(col, spec, name);
                }
                final List<Object> data = new ArrayList<>();
                final List<Object> cells = floatsAsTimes(col, spec);
                for (final Object o : cells) {
                    data.add(sh.length == 1 ? o : java.util.Collections.singletonList(o));
                }
                final NdArray arr;
                try {
                    arr = TensorBuilder.array(data, spec.dtype(), arena);
                } catch (final IllegalArgumentException e) {
                    throw fail(e.getMessage());
                }
                enf.checkSpec(i, arr, v);
                return;
            }
            throw fail("The input pandas dataframe column '" + name + "' contains scalar values, which requires the "
                + "shape to be (-1,) or (-1, 1), but got tensor spec shape of " + PyRepr.shape(sh) + ".");
        }
        if (first instanceof List && !((List<?>) first).isEmpty() && isScalar(((List<?>) first).get(0))) {
            final String err = "The value in the Input DataFrame column '" + name + "' could not be converted to the "
                + "expected shape of: '" + PyRepr.shape(sh) + "'. Ensure that each of the input list elements are of "
                + "uniform length and that the data can be coerced to the tensor type '" + spec.dtype() + "'";
            final List<Object> flat = new ArrayList<>();
            int len = -1;
            for (final Object o : col) {
                if (!(o instanceof List)) {
                    throw fail(err);
                }
                final List<?> l = (List<?>) o;
                if (len >= 0 && l.size() != len) {
                    throw fail(err);
                }
                len = l.size();
                for (final Object x : l) {
                    if (!isScalar(x)) {
                        throw fail(err);
                    }
                    flat.add(x);
                }
            }
            if (inner == 0 || flat.size() % inner != 0 || flat.size() / inner != col.size()) {
                throw fail(err);
            }
            boolean numeric = true;
            for (final Object x : flat) {
                numeric &= x instanceof Long || x instanceof Double || x instanceof Boolean;
            }
            boolean anyFloat = false;
            boolean anyStr = false;
            for (final Object x : flat) {
                anyFloat |= x instanceof Double;
                anyStr |= x instanceof String;
            }
            if (numeric && anyFloat) {
                // np.vstack of number lists with a float is a float64 array (True is 1.0), then astype
                for (int k = 0; k < flat.size(); k++) {
                    final Object x = flat.get(k);
                    flat.set(k, x instanceof Boolean ? (Object) ((Boolean) x ? 1.0 : 0.0)
                        : x instanceof Long ? (Object) ((Long) x).doubleValue() : x);
                }
                nonFiniteToInt(flat, spec, name);
            }
            if (anyStr && spec.dtype().kind() == DType.Kind.BOOL) {
                // a vstack holding a str is a str array: astype(bool) reads every element with int()
                for (final Object x : flat) {
                    if (!(x instanceof Long || x instanceof String
                        && ((String) x).trim().matches("[+-]?\\d+(_\\d+)*"))) {
                        throw fail(err);
                    }
                }
            }
            try {
                TensorBuilder.array(floatsAsTimes(flat, spec), spec.dtype(), arena);
            } catch (final IllegalArgumentException e) {
                throw fail(err);
            }
            return;
        }
        if (first instanceof NdArray) {
            final String err = "The value in the Input DataFrame column '" + name + "' could not be converted to the "
                + "expected shape of: '" + PyRepr.shape(sh) + "'. Ensure that each of the input numpy array elements "
                + "are of uniform length and can be reshaped to above expected shape.";
            long total = 0;
            long[] tail = null;
            for (final Object o : col) {
                if (!(o instanceof NdArray)) {
                    throw fail(err);
                }
                final NdArray a = (NdArray) o;
                final long[] s = a.shape();
                final long[] two = s.length == 0 ? new long[] {1, 1} : s.length == 1 ? new long[] {1, s[0]} : s;
                final long[] t = java.util.Arrays.copyOfRange(two, 1, two.length);
                if (tail != null && !java.util.Arrays.equals(tail, t)) {
                    throw fail(err);
                }
                tail = t;
                total += a.size();
            }
            if (inner == 0 || total % inner != 0 || total / inner != col.size()) {
                throw fail(err);
            }
            return;
        }
        throw fail("Because the model signature requires tensor spec input, the input pandas dataframe values should "
            + "be either scalar value, python list containing scalar values or numpy array containing scalar values, "
            + "other types are not supported.");
    }
}
