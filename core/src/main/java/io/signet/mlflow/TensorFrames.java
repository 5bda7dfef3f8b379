package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.py.DataFrame;
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.internal.tensor.NpScalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MLflow 2.17.2's rules for a pandas DataFrame handed to a tensor-based schema: the DataFrame
 * branch of {@code _enforce_tensor_input} and {@code _reshape_and_cast_pandas_column_values}, for
 * every path (the in-process runner's frames and the scoring server's {@code dataframe_split} /
 * {@code dataframe_records} frames). The decisions and MLflow's sentences live here; the caller
 * brings its numpy ({@link Casts}: how its Java values are cast to
 * a tensor dtype), and {@link TensorSchemaEnforcer#checkSpec} judges the arrays built.
 *
 * <ul>
 *   <li>named schema: each input's column (by label, after {@link InputNames}' missing check) is
 *       reshaped and cast alone; a label the frame repeats is a DataFrame, not a Series, and fails
 *       as pandas' {@code KeyError: 0};</li>
 *   <li>unnamed schema: an empty frame fails; one column is reshaped and cast; several columns
 *       need the shape {@code (-1, ncols)} and {@code df.to_numpy()}'s common dtype must be the
 *       spec's;</li>
 *   <li>a column: the spec's shape must be {@code (-1, fixed...)}; scalar cells need {@code (-1,)}
 *       or {@code (-1, 1)} and are cast ({@code np.array(series, dtype)}); list cells are
 *       {@code np.vstack}ed, reshaped and cast; ndarray cells are stacked and reshaped with no dtype
 *       check; anything else fails.</li>
 * </ul>
 *
 * <p>Sentences are thrown as {@link SchemaEnforcementException} with path {@code inputs}; header
 * violations of the arrays built are recorded into the caller's {@link TensorViolations}.
 */
public final class TensorFrames {
    private TensorFrames() {
    }

    /** The caller's numpy: how its Java values are tested and cast. */
    public interface Casts {
        /** {@code np.isscalar(cell)} in the caller's value model. */
        boolean isScalar(Object cell);

        /**
         * {@code np.array(series, dtype=spec.type).reshape(shape)} of a column of scalars.
         *
         * @param name  the input's name (null for the unnamed input), for the caller's own sentences
         * @throws SchemaEnforcementException with the sentence when numpy (or Signet) refuses the cast
         */
        NdArray castColumn(List<Object> cells, DType columnDtype, TensorSpec spec, String name, long[] shape);

        /**
         * {@code .astype(spec.type)} of the stacked list cells ({@code flat}, row-major; numbers already
         * promoted as {@code np.vstack} does).
         *
         * @throws IllegalArgumentException where numpy raises ValueError (MLflow's reshape sentence follows)
         * @throws SchemaEnforcementException for Signet's own refusals (deviations), which propagate
         */
        void castStacked(List<Object> flat, TensorSpec spec, String name);

        /** {@code df.to_numpy()} of a multi-column frame with the given common dtype (its header is judged). */
        NdArray toNumpy(DataFrame f, DType common);
    }

    private static SchemaEnforcementException fail(final String msg) {
        return SchemaEnforcementException.invalid(msg, "inputs");
    }

    /**
     * Enforces a DataFrame against a tensor schema: throws MLflow's sentences, records header
     * violations into {@code v} (the caller checks {@code v.isEmpty()}).
     */
    public static void enforce(final TensorSchemaEnforcer enf, final DataFrame f, final Casts casts,
                               final TensorViolations v) {
        final Schema schema = enf.schema();
        if (schema.hasInputNames()) {
            final List<Object> names = new ArrayList<>();
            final List<Object> labels = new ArrayList<>();
            for (int i = 0; i < enf.inputCount(); i++) {
                names.add(enf.spec(i).name());
            }
            for (int c = 0; c < f.columnCount(); c++) {
                labels.add(f.label(c));
            }
            final String missing = InputNames.missingInputs(names, labels, names, enf.profile());
            if (missing != null) {
                throw fail(missing);
            }
            for (int i = 0; i < enf.inputCount(); i++) {
                final String name = enf.spec(i).name();
                final int c = labels.indexOf(name);
                if (labels.lastIndexOf(name) != c) {
                    // pf_input[name] of a repeated label is a DataFrame: pd_series[0] is pandas' KeyError: 0
                    throw fail("0");
                }
                if (!reshapeAndCast(enf, i, name, java.util.Arrays.asList(f.cells(c)), f.dtype(c), casts, v)) {
                    return;
                }
            }
            return;
        }
        final TensorSpec spec = enf.spec(0);
        if (f.rowCount() == 0 || f.columnCount() == 0) {
            throw fail("Input DataFrame is empty.");
        }
        final int n = f.columnCount();
        if (n == 1) {
            reshapeAndCast(enf, 0, null, java.util.Arrays.asList(f.cells(0)), f.dtype(0), casts, v);
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
        DType common = null;
        for (int c = 0; c < n; c++) {
            common = common == null ? f.dtype(c) : promote(common, f.dtype(c));
        }
        enf.checkSpec(0, casts.toNumpy(f, common), v);
    }

    /** numpy's type promotion as pandas' {@code to_numpy()} applies it; bool mixed with numbers, or any object, is object. */
    public static DType promote(final DType a, final DType b) {
        if (a.equals(b)) {
            return a;
        }
        final DType.Kind ka = a.kind();
        final DType.Kind kb = b.kind();
        final boolean na = ka == DType.Kind.INT || ka == DType.Kind.UINT || ka == DType.Kind.FLOAT;
        final boolean nb = kb == DType.Kind.INT || kb == DType.Kind.UINT || kb == DType.Kind.FLOAT;
        if (!na || !nb) {
            return DType.OBJECT;
        }
        return io.signet.py.Numpy.promoteNumbers(a, b); // numpy's numeric promotion, once
    }

    /**
     * {@code _reshape_and_cast_pandas_column_values} of one column for input {@code i}.
     *
     * @return false when a header violation was recorded into {@code v}
     */
    private static boolean reshapeAndCast(final TensorSchemaEnforcer enf, final int i, final String name,
                                          final List<Object> col, final DType colType, final Casts casts,
                                          final TensorViolations v) {
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
            throw fail("0"); // pd_series[0] of an empty Series: pandas' KeyError: 0
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
        if (!pandasTime && casts.isScalar(first)) {
            if (sh.length == 1 || (sh.length == 2 && sh[1] == 1)) {
                final long[] shape = sh.length == 1 ? new long[] {col.size()} : new long[] {col.size(), 1};
                return enf.checkSpec(i, casts.castColumn(col, colType, spec, name, shape), v);
            }
            throw fail("The input pandas dataframe column '" + name + "' contains scalar values, which requires the "
                + "shape to be (-1,) or (-1, 1), but got tensor spec shape of " + PyRepr.shape(sh) + ".");
        }
        if (first instanceof List && !((List<?>) first).isEmpty() && casts.isScalar(((List<?>) first).get(0))) {
            stackLists(col, spec, name, inner, casts, enf.profile());
            return true;
        }
        if (first instanceof NdArray) {
            stackArrays(col, sh, name, inner);
            return true;
        }
        throw fail("Because the model signature requires tensor spec input, the input pandas dataframe values should "
            + "be either scalar value, python list containing scalar values or numpy array containing scalar values, "
            + "other types are not supported.");
    }

    /** {@code np.vstack(cells).reshape(spec.shape).astype(spec.type)} of list cells; the length must stay. */
    private static void stackLists(final List<Object> col, final TensorSpec spec, final String name, final long inner,
                                   final Casts casts, final Profile profile) {
        final String err = "The value in the Input DataFrame column '" + name + "' could not be converted to the "
            + "expected shape of: '" + PyRepr.shape(spec.shape()) + "'. Ensure that each of the input list elements "
            + "are of uniform length and that the data can be coerced to the tensor type '" + spec.dtype() + "'";
        final List<Object> flat = new ArrayList<>();
        int width = -1;
        for (final Object o : col) {
            final int w;
            if (o instanceof List) {
                // a row of the stack: a list of scalars (a nested list would stack to more dimensions)
                final List<?> l = (List<?>) o;
                for (final Object x : l) {
                    if (!casts.isScalar(x)) {
                        throw fail(err);
                    }
                    flat.add(x);
                }
                w = l.size();
            } else if (casts.isScalar(o)) {
                flat.add(o); // np.vstack takes a scalar as a row of one
                w = 1;
            } else {
                throw fail(err);
            }
            if (width >= 0 && w != width) {
                throw fail(err);
            }
            width = w;
        }
        if (inner == 0 || flat.size() % inner != 0 || flat.size() / inner != col.size()) {
            throw fail(err);
        }
        boolean numeric = true;
        boolean anyFloat = false;
        boolean anyStr = false;
        for (final Object x : flat) {
            numeric &= x instanceof Long || x instanceof Double || x instanceof Boolean;
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
        }
        if (anyStr && spec.dtype().kind() == DType.Kind.BOOL && !profile.strToBoolIsTruth()) {
            // numpy 1.24 reads a str array's elements with int() for bool; numpy 2 (N) takes each string's truth
            // a vstack holding a str is a str array: astype(bool) reads every element with int()
            for (final Object x : flat) {
                if (!(x instanceof Long || x instanceof String && ((String) x).trim().matches("[+-]?\\d+(_\\d+)*"))) {
                    throw fail(err);
                }
            }
        }
        try {
            casts.castStacked(flat, spec, name);
        } catch (final IllegalArgumentException e) {
            throw fail(err);
        }
    }

    /** {@code np.vstack(cells).reshape(spec.shape)} of ndarray cells (no dtype check); the length must stay. */
    private static void stackArrays(final List<Object> col, final long[] sh, final String name, final long inner) {
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
            final long[] t = Arrays.copyOfRange(two, 1, two.length);
            if (tail != null && !Arrays.equals(tail, t)) {
                throw fail(err);
            }
            tail = t;
            total += a.size();
        }
        if (inner == 0 || total % inner != 0 || total / inner != col.size()) {
            throw fail(err);
        }
    }
}
