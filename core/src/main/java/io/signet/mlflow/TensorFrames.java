package io.signet.mlflow;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.internal.json.Deviations;
import io.signet.internal.tensor.NpCast;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.json.PayloadException;
import io.signet.py.DataFrame;
import io.signet.py.Numpy;
import io.signet.py.Py;
import io.signet.py.PyError;
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's rules for a pandas DataFrame handed to a tensor-based schema: the DataFrame branch of
 * {@code _enforce_tensor_input} and {@code _reshape_and_cast_pandas_column_values}, for every path
 * (the in-process runner's frames and the scoring server's {@code dataframe_split} /
 * {@code dataframe_records} frames). The decisions, MLflow's sentences and numpy's casts (the value
 * model's: {@link Numpy#array(Object, DType, NpCast.Facts)}, {@link Numpy#astype}) live here;
 * {@link TensorSchemaEnforcer#checkSpec} judges the arrays built, and the arrays are handed back (the
 * caller moves them to its own memory at its seam).
 *
 * <ul>
 *   <li>named schema: each input's column (by label, after {@link InputNames}' missing check) is
 *       reshaped and cast alone; a label the frame repeats is a DataFrame, not a Series, and fails
 *       as pandas' {@code KeyError: 0};</li>
 *   <li>unnamed schema: an empty frame fails; one column is reshaped and cast; several columns
 *       need the shape {@code (-1, ncols)} and {@code df.to_numpy()}'s common dtype must be the
 *       spec's;</li>
 *   <li>a column: the spec's shape must be {@code (-1, fixed...)}; scalar cells need {@code (-1,)}
 *       or {@code (-1, 1)} and are cast ({@code np.array(series, dtype)}: a float64 column by C's
 *       array cast, any other cell by cell); list cells are {@code np.vstack}ed (numpy's dtype
 *       discovery over their scalars), reshaped and cast; ndarray cells are stacked and reshaped with
 *       no dtype check or cast (numpy's promotion of the cells' dtypes); anything else fails.</li>
 * </ul>
 *
 * <p>Sentences are thrown as {@link SchemaEnforcementException} with path {@code inputs}; header
 * violations of the arrays built are recorded into the caller's {@link TensorViolations}; what a cast
 * stored silently (a value wrapped, or in {@link Mode#STRICT} a fraction truncated) is noted into
 * the caller's {@link Deviations}, MLflow's verdict unchanged (the caller reports it when MLflow
 * accepts).
 */
public final class TensorFrames {
    private TensorFrames() {
    }

    private static SchemaEnforcementException fail(final String msg) {
        return SchemaEnforcementException.invalid(msg, "inputs");
    }

    /** Python's {@code str()} of an input's name in MLflow's f-strings: the unnamed input's is {@code None}. */
    private static String str(final String name) {
        return name == null ? "None" : name;
    }

    /** One enforcement: the compiled schema, the cast settings and the arrays built so far. */
    private static final class Run {
        final TensorSchemaEnforcer enf;
        final Profile profile;
        final boolean strict;
        final Deviations dev;
        final TensorViolations v;
        final Object[] built;
        boolean complete = true;

        Run(final TensorSchemaEnforcer enf, final Mode mode, final Deviations dev, final TensorViolations v) {
            this.enf = enf;
            this.profile = enf.profile();
            this.strict = mode == Mode.STRICT;
            this.dev = dev;
            this.v = v;
            this.built = new Object[enf.inputCount()];
        }

        /** Fresh facts for one cast: truncations noted in strict mode only, numpy 2's int overflow as asked. */
        NpCast.Facts facts(final boolean intOverflowRaises) {
            return new NpCast.Facts().noteTruncation(strict).intOverflowRaises(intOverflowRaises);
        }

        /** What the cast stored silently, noted for the caller ({@code width} elements a row of input {@code i}). */
        void note(final NpCast.Facts facts, final int i, final long width) {
            if (facts.event() != NpCast.Facts.NONE) {
                final String name = enf.spec(i).name();
                dev.note(new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. " + facts.sentence()
                    + " (row " + facts.index() / Math.max(1, width) + " of "
                    + (name != null ? "input " + name : "the unnamed input") + ")", "", -1, -1, -1, facts.deviation()));
            }
        }

        /** Judges input {@code i}'s array and keeps it (null: built, but with no values to hand out). */
        boolean check(final int i, final NdArray a) {
            built[i] = a;
            return enf.checkSpec(i, a, v);
        }
    }

    /**
     * Enforces a DataFrame against a tensor schema: throws MLflow's sentences, records header
     * violations into {@code v} (the caller checks {@code v.isEmpty()}) and notes deviations into
     * {@code dev}.
     *
     * @param mode {@link Mode#STRICT} also notes fractions a cast truncated
     * @return the arrays the model gets (one {@link io.signet.py.NdArray}, or for a named schema a dict of them
     *         by input name, schema order); null when a violation was recorded or an input has no array of
     *         values to hand out (ndarray cells with no values, a header only, are judged by shape alone)
     */
    public static Object enforce(final TensorSchemaEnforcer enf, final DataFrame f, final Mode mode,
                                 final Deviations dev, final TensorViolations v) {
        final Run run = new Run(enf, mode, dev, v);
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
                if (!reshapeAndCast(run, i, name, Arrays.asList(f.cells(c)), f.dtype(c))) {
                    return null;
                }
            }
            return run.complete ? byName(schema, run.built) : null;
        }
        final TensorSpec spec = enf.spec(0);
        if (f.rowCount() == 0 || f.columnCount() == 0) {
            throw fail("Input DataFrame is empty.");
        }
        final int n = f.columnCount();
        if (n == 1) {
            return reshapeAndCast(run, 0, null, Arrays.asList(f.cells(0)), f.dtype(0)) && run.complete
                ? run.built[0] : null;
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
        return run.check(0, toNumpy(f, common)) && run.complete ? run.built[0] : null;
    }

    private static Map<String, Object> byName(final Schema schema, final Object[] built) {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < built.length; i++) {
            m.put(schema.input(i).name(), built[i]);
        }
        return m;
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
        return Numpy.promoteNumbers(a, b); // numpy's numeric promotion, once
    }

    /**
     * {@code df.to_numpy()} of a multi-column frame with the columns' common dtype, row-major: an object
     * frame hands out its cells themselves; a numeric one its cells converted (a promotion: nothing
     * wraps). Only the header is judged, so a conversion Signet cannot make leaves the header alone.
     */
    private static io.signet.py.NdArray toNumpy(final DataFrame f, final DType common) {
        final long[] shape = {f.rowCount(), f.columnCount()};
        final Object[] flat = new Object[f.rowCount() * f.columnCount()];
        for (int r = 0, k = 0; r < f.rowCount(); r++) {
            for (int c = 0; c < f.columnCount(); c++) {
                flat[k++] = f.cells(c)[r];
            }
        }
        if (common.kind() == DType.Kind.OBJECT) {
            return io.signet.py.NdArray.of(common, shape, flat);
        }
        try {
            final io.signet.py.NdArray a = Numpy.array(Arrays.asList(flat), common, new NpCast.Facts());
            return io.signet.py.NdArray.of(common, shape, a.elements());
        } catch (final RuntimeException e) {
            return io.signet.py.NdArray.header(common, shape); // the header is judged; no values to hand out
        }
    }

    /**
     * Whether numpy's cast table (the value model's) covers the dtype; numpy casts numbers into the
     * others (complex, extended floats) too, which Signet holds as the values themselves.
     */
    private static boolean castable(final DType d) {
        return d.kind() != DType.Kind.COMPLEX
            && (d.kind() != DType.Kind.FLOAT || d.itemSize() == 2 || d.itemSize() == 4 || d.itemSize() == 8);
    }

    /**
     * {@code np.array(pd_series, dtype=spec.type).reshape(shape)} of a column of scalars: a float64
     * column is one array cast by C ({@link Numpy#astype}: NaN, infinities and values past the range
     * stored, noted), any other column's cells are cast one by one as numpy casts Python values.
     */
    private static io.signet.py.NdArray castColumn(final Run run, final int i, final List<Object> cells,
                                                   final DType colType, final long[] shape) {
        final DType dtype = run.enf.spec(i).dtype();
        if (!castable(dtype)) {
            return io.signet.py.NdArray.of(dtype, shape, Numpy.objectArray(cells).elements());
        }
        final NpCast.Facts facts = run.facts(false);
        final io.signet.py.NdArray a;
        try {
            if (colType != null && colType.kind() == DType.Kind.FLOAT) {
                final Object[] el = new Object[cells.size()];
                for (int k = 0; k < el.length; k++) {
                    el[k] = cells.get(k) == null ? Double.NaN : cells.get(k);
                }
                a = Numpy.astype(io.signet.py.NdArray.of(DType.FLOAT64, el), dtype, facts);
            } else {
                a = Numpy.array(cells, dtype, facts.at(-1));
            }
        } catch (final IllegalArgumentException e) { // numpy's ValueError / TypeError (PyError), Signet's refusals
            throw fail(e.getMessage());
        }
        run.note(facts, i, 1);
        return io.signet.py.NdArray.of(a.dtype(), shape, a.elements());
    }

    /**
     * {@code _reshape_and_cast_pandas_column_values} of one column for input {@code i}.
     *
     * @return false when a header violation was recorded
     */
    private static boolean reshapeAndCast(final Run run, final int i, final String name, final List<Object> col,
                                          final DType colType) {
        final TensorSpec spec = run.enf.spec(i);
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
        if (!pandasTime && Py.isScalar(first)) {
            if (sh.length == 1 || (sh.length == 2 && sh[1] == 1)) {
                final long[] shape = sh.length == 1 ? new long[] {col.size()} : new long[] {col.size(), 1};
                return run.check(i, castColumn(run, i, col, colType, shape));
            }
            throw fail("The input pandas dataframe column '" + str(name) + "' contains scalar values, which requires the "
                + "shape to be (-1,) or (-1, 1), but got tensor spec shape of " + PyRepr.shape(sh) + ".");
        }
        if (first instanceof List && !((List<?>) first).isEmpty() && Py.isScalar(((List<?>) first).get(0))) {
            run.built[i] = stackLists(run, i, col, name, inner);
            return true;
        }
        if (first instanceof NdArray) {
            final io.signet.py.NdArray stacked = stackArrays(col, sh, name, inner);
            if (stacked == null) {
                run.complete = false; // judged by shape: a cell has no values (a header), nothing to hand out
            } else {
                run.built[i] = stacked;
            }
            return true;
        }
        throw fail("Because the model signature requires tensor spec input, the input pandas dataframe values should "
            + "be either scalar value, python list containing scalar values or numpy array containing scalar values, "
            + "other types are not supported.");
    }

    /**
     * {@code np.vstack(cells).reshape(spec.shape).astype(spec.type)} of list cells; the length must stay.
     * The stack's dtype is numpy's discovery over the rows' scalars ({@link Numpy#array(Object)}: numbers
     * with a float are float64, True 1.0; anything with a str is a str array), and its astype is numpy's
     * array cast from that dtype ({@link Numpy#astype}).
     */
    private static io.signet.py.NdArray stackLists(final Run run, final int i, final List<Object> col,
                                                   final String name, final long inner) {
        final TensorSpec spec = run.enf.spec(i);
        final String err = "The value in the Input DataFrame column '" + str(name) + "' could not be converted to the "
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
                    if (!Py.isScalar(x)) {
                        throw fail(err);
                    }
                    flat.add(x);
                }
                w = l.size();
            } else if (Py.isScalar(o)) {
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
        final io.signet.py.NdArray stacked = Numpy.array(flat); // np.vstack's array: one dtype for every row
        final DType target = spec.dtype();
        final boolean text = stacked.dtype().kind() == DType.Kind.STR;
        final long[] shape = spec.shape().clone();
        shape[0] = col.size();
        if (!castable(target)) {
            return io.signet.py.NdArray.of(target, shape, Numpy.objectArray(flat).elements());
        }
        if (text && target.kind() == DType.Kind.BOOL && !run.profile.strToBoolIsTruth()) {
            // numpy 1.24 reads a str array's elements with int() for bool; numpy 2 takes each string's truth
            final Object[] el = new Object[flat.size()];
            for (int k = 0; k < el.length; k++) {
                final String s = (String) stacked.elements()[k];
                if (!s.trim().matches("[+-]?\\d+(_\\d+)*")) {
                    throw fail(err);
                }
                el[k] = new java.math.BigInteger(s.trim().replace("_", "")).signum() != 0;
            }
            return io.signet.py.NdArray.of(target, shape, el);
        }
        // a str array's astype to an integer dtype reads Python ints, which numpy 2 refuses past the range (an
        // OverflowError, not the ValueError MLflow rewords); a number array's is C's cast, which stores them
        final NpCast.Facts facts = run.facts(text && run.profile.numpyRaisesOnIntOverflow());
        final io.signet.py.NdArray a;
        try {
            a = Numpy.astype(stacked, target, facts);
        } catch (final IllegalArgumentException e) {
            if (e instanceof PyError && "OverflowError".equals(((PyError) e).type())
                && e.getMessage().startsWith("Python integer ")) {
                throw fail(e.getMessage()); // numpy 2's OverflowError is not the ValueError MLflow rewords
            }
            throw fail(err); // numpy's ValueError: MLflow's reshape sentence
        }
        run.note(facts, i, inner);
        return io.signet.py.NdArray.of(a.dtype(), shape, a.elements());
    }

    /**
     * {@code np.vstack(cells).reshape(spec.shape)} of ndarray cells; the length must stay. MLflow neither casts
     * nor checks the dtype here: the stack keeps numpy's dtype of the cells ({@link Numpy#promote}, numpy's
     * {@code result_type}, when they differ), each cell's values converted to it.
     *
     * @return the stacked array; null when a cell has no values (a header only) or Signet cannot convert
     *         them: judged by shape alone, nothing to hand out
     */
    private static io.signet.py.NdArray stackArrays(final List<Object> col, final long[] sh, final String name,
                                                    final long inner) {
        final String err = "The value in the Input DataFrame column '" + str(name) + "' could not be converted to the "
            + "expected shape of: '" + PyRepr.shape(sh) + "'. Ensure that each of the input numpy array elements "
            + "are of uniform length and can be reshaped to above expected shape.";
        long total = 0;
        long[] tail = null;
        DType common = null;
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
            common = common == null ? a.dtype() : Numpy.promote(common, a.dtype());
        }
        if (inner == 0 || total % inner != 0 || total / inner != col.size()) {
            throw fail(err);
        }
        final long[] shape = sh.clone();
        shape[0] = col.size();
        final Object[] flat = new Object[Math.toIntExact(total)];
        int k = 0;
        for (final Object o : col) {
            final io.signet.py.NdArray cell = values((NdArray) o);
            if (cell == null) {
                return null;
            }
            final Object[] el;
            if (cell.dtype().equals(common)) {
                el = cell.elements();
            } else {
                try {
                    el = Numpy.astype(cell, common, new NpCast.Facts()).elements(); // numpy's promotion: nothing wraps
                } catch (final RuntimeException e) {
                    return null; // a conversion Signet cannot make: the verdict (by shape) stands, no values
                }
            }
            System.arraycopy(el, 0, flat, k, el.length);
            k += el.length;
        }
        return io.signet.py.NdArray.of(common, shape, flat);
    }

    /** The cell as a value-model array with its values; null when it carries none (a header). */
    private static io.signet.py.NdArray values(final NdArray a) {
        if (a instanceof io.signet.py.NdArray) {
            return ((io.signet.py.NdArray) a).hasElements() ? (io.signet.py.NdArray) a : null;
        }
        if (a instanceof io.signet.tensor.TensorView) {
            return io.signet.py.NdArray.over((io.signet.tensor.TensorView) a);
        }
        return null;
    }
}
