package io.signet.enforce;

import io.signet.schema.InputSpec;
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.tensor.NpyFile;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.tensor.TensorScan;
import io.signet.tensor.TensorView;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

/**
 * A tensor-based input schema compiled once into flat rules, then checked against arrays in place:
 * MLflow 2.17's {@code _enforce_schema} / {@code _enforce_tensor_schema} / {@code _enforce_tensor_spec}
 * for numpy arrays and dicts of them, with MLflow's sentences.
 *
 * <p>Rules per input: the cleaned dtype (MLflow's {@code clean_tensor_type}: any {@code <U} width is
 * {@code str}, any {@code |S} width is {@code bytes}; datetime units must match exactly), the shape
 * pattern (-1 matches any size), and MLflow's two ragged shortcuts: a spec {@code object (-1,)}
 * accepts anything; a spec with -1 in {@code shape[1:]} accepts a 1-D object array as it is.
 *
 * <p>{@link Mode#STRICT} adds what MLflow skips: the rows of such a ragged array are checked one
 * by one against {@code shape[1:]} and the dtype; the {@link TensorPolicy} value scans run; all
 * violations are collected (up to the collector's limit) instead of the first.
 *
 * <p>Immutable and thread-safe: share one per model. Each thread brings its own
 * {@link TensorViolations}. The success path allocates nothing.
 */
public final class TensorSchemaEnforcer {
    private final Schema schema;
    private final Mode mode;
    private final TensorPolicy policy;
    private final Profile profile;
    private final boolean named;
    private final TensorSpec[] specs;
    private final String[] names;
    private final DType[] dtypes;
    private final long[][] shapes;
    private final boolean[] acceptAll;
    private final boolean[] raggedInner;
    private final boolean strict;
    /** Named, and every input has the same name (usually: one input). */
    private final boolean oneName;

    private TensorSchemaEnforcer(final Schema schema, final Mode mode, final TensorPolicy policy,
                                 final Profile profile) {
        if (!schema.isTensorSpec()) {
            throw new IllegalArgumentException("not a tensor-based schema: " + schema.repr());
        }
        this.schema = schema;
        this.mode = mode;
        this.policy = policy;
        this.profile = profile;
        this.strict = mode == Mode.STRICT;
        this.named = schema.hasInputNames();
        final int n = schema.size();
        specs = new TensorSpec[n];
        names = new String[n];
        dtypes = new DType[n];
        shapes = new long[n][];
        acceptAll = new boolean[n];
        raggedInner = new boolean[n];
        boolean same = named;
        for (int i = 0; i < n; i++) {
            same &= named && schema.input(i).name().equals(schema.input(0).name());
        }
        oneName = same;
        for (int i = 0; i < n; i++) {
            final InputSpec s = schema.input(i);
            final TensorSpec t = (TensorSpec) s;
            specs[i] = t;
            names[i] = t.name();
            dtypes[i] = t.dtype();
            shapes[i] = t.shape();
            final long[] sh = shapes[i];
            acceptAll[i] = sh.length == 1 && sh[0] == -1 && t.dtype().kind() == DType.Kind.OBJECT;
            boolean inner = false;
            for (int k = 1; k < sh.length; k++) {
                inner |= sh[k] == -1;
            }
            raggedInner[i] = sh.length > 1 && inner;
        }
    }

    /** Compiles a tensor-based schema (no value policy) for MLflow 2.17.2. */
    public static TensorSchemaEnforcer compile(final Schema schema, final Mode mode) {
        return compile(schema, mode, TensorPolicy.NONE, Profile.MLFLOW_2);
    }

    /** Compiles a tensor-based schema (no value policy) for the given MLflow profile. */
    public static TensorSchemaEnforcer compile(final Schema schema, final Mode mode, final Profile profile) {
        return compile(schema, mode, TensorPolicy.NONE, profile);
    }

    /** Compiles a tensor-based schema with a value policy (used in {@link Mode#STRICT} only) for MLflow 2.17.2. */
    public static TensorSchemaEnforcer compile(final Schema schema, final Mode mode, final TensorPolicy policy) {
        return compile(schema, mode, policy, Profile.MLFLOW_2);
    }

    /**
     * Compiles a tensor-based schema with a value policy for the given MLflow profile.
     *
     * @throws io.signet.internal.AgronaAccess.MissingFlagError when the JVM lacks {@link io.signet.internal.AgronaAccess#FLAG}
     *                                                 (here, never while checking)
     */
    public static TensorSchemaEnforcer compile(final Schema schema, final Mode mode, final TensorPolicy policy,
                                               final Profile profile) {
        io.signet.internal.AgronaAccess.check();
        return new TensorSchemaEnforcer(schema, mode, policy, profile);
    }

    /** The MLflow profile whose rules apply. */
    public Profile profile() {
        return profile;
    }

    /** The tensor schema this enforcer was compiled from. */
    public Schema schema() {
        return schema;
    }

    /** The enforcement mode. */
    public Mode mode() {
        return mode;
    }

    /** Number of tensor inputs the schema declares. */
    public int inputCount() {
        return specs.length;
    }

    /** The spec of input {@code i}, in the schema's order. */
    public TensorSpec spec(final int i) {
        return specs[i];
    }

    /** Index of the input of that name, or -1. */
    public int indexOf(final String name) {
        for (int i = 0; i < names.length; i++) {
            if (name.equals(names[i])) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ entry points

    /**
     * Checks any in-process input as MLflow's pyfunc does for a tensor schema: a dict of arrays, an
     * array (for an unnamed schema, or a named one with a single input), anything else rejected with
     * MLflow's sentence. DataFrames go through {@link io.signet.mlflow.TensorFrames}.
     *
     * @return true when the input conforms (nothing recorded)
     */
    public boolean checkInput(final Object input, final TensorViolations v) {
        if (input instanceof Map) {
            @SuppressWarnings("unchecked")
            final Map<String, ?> m = (Map<String, ?>) input;
            return check(m, v);
        }
        if (input instanceof NdArray) {
            return check((NdArray) input, v);
        }
        if (named) {
            return missing(null, v);
        }
        return v.addText(TensorViolations.INPUT_TYPE, specs[0], false,
            "This model contains a tensor-based model signature with no input names, which suggests a numpy array "
                + "input or a pandas dataframe input with proper column values, but an input of type "
                + pyClass(input) + " was found.") && false;
    }

    /**
     * A single array: the unnamed input, or a named schema whose inputs all have one name (MLflow wraps it
     * as {@code {name: array}}); a named schema of several names is missing them all.
     */
    public boolean check(final NdArray a, final TensorViolations v) {
        if (!named) {
            return checkSpec(0, a, v);
        }
        if (!oneName) {
            return missing(null, v);
        }
        // MLflow wraps the array as {name: array} when the required names are one name (repeated names
        // count once): every spec of that name judges it
        boolean ok = true;
        for (int i = 0; i < specs.length; i++) {
            if (!checkSpec(i, a, v)) {
                ok = false;
                if (!strict || v.isFull()) {
                    return false;
                }
            }
        }
        return ok;
    }

    /**
     * The verdict of {@link #checkSpec} for input {@code i} from an array's header alone (dtype, rank,
     * dims), for callers that hold metadata but no view, such as an ND4J array: no memory is read, so
     * no view (and no bounds check of shape x strides against the buffer) is needed to decide.
     *
     * <p>True only when the header conforms and nothing else would be checked (MLflow mode, or a
     * strict enforcer whose policy reads no values for this dtype). False means "not decided here":
     * wrap a view and call {@link #checkSpec}, which decides and words any violation.
     * Allocation-free; reads {@code dims[0 .. rank)} only.
     */
    public boolean headerConforms(final int i, final DType dtype, final int rank, final long[] dims) {
        if (acceptAll[i]) {
            return true;
        }
        final long[] sh = shapes[i];
        if (rank != sh.length || dtype.kind() == DType.Kind.OBJECT || dims.length < rank
            || dtype != dtypes[i] && !dtype.cleaned().equals(dtypes[i])) {
            return false;
        }
        for (int k = 0; k < rank; k++) {
            final long e = sh[k];
            if (e != -1 && e != dims[k]) {
                return false;
            }
        }
        return !strict || !policy.readsValues(dtype);
    }

    /** A dict of named arrays: missing inputs first, then each input in schema order; extra keys ignored. */
    public boolean check(final Map<String, ?> inputs, final TensorViolations v) {
        if (!named) {
            return v.addText(TensorViolations.INPUT_TYPE, specs[0], false,
                "This model contains a tensor-based model signature with no input names, which suggests a numpy "
                    + "array input or a pandas dataframe input with proper column values, but an input of type "
                    + pyClass(inputs) + " was found.") && false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!inputs.containsKey(names[i])) {
                return missing(inputs, v);
            }
        }
        boolean ok = true;
        for (int i = 0; i < names.length; i++) {
            final Object val = inputs.get(names[i]);
            if (!(val instanceof NdArray)) {
                v.addText(TensorViolations.NOT_AN_ARRAY, specs[i], true,
                    "This model contains a tensor-based model signature with input names, which suggests a dictionary "
                        + "input mapping input name to a numpy array, but a dict with value type " + pyClass(val)
                        + " was found.");
                return false;
            }
            if (!checkSpec(i, (NdArray) val, v)) {
                ok = false;
                if (!strict || v.isFull()) {
                    return false;
                }
            }
        }
        return ok;
    }

    private boolean missing(final Map<String, ?> inputs, final TensorViolations v) {
        final List<String> all = java.util.Arrays.asList(names);
        v.addText(TensorViolations.MISSING_INPUTS, null, true, io.signet.mlflow.InputNames.missingInputs(all,
            inputs == null ? java.util.Collections.emptySet() : inputs.keySet(), all, profile));
        return false;
    }

    /**
     * MLflow's {@code _enforce_tensor_spec} of input {@code i} (plus strict checks).
     *
     * @return true when the array conforms
     */
    public boolean checkSpec(final int i, final NdArray a, final TensorViolations v) {
        final TensorSpec spec = specs[i];
        if (acceptAll[i]) {
            return true;
        }
        final DType actual = a.dtype();
        final long[] sh = shapes[i];
        final int rank = a.rank();
        if (raggedInner[i] && rank == 1 && actual.kind() == DType.Kind.OBJECT) {
            if (strict && policy.raggedRows && a instanceof io.signet.py.NdArray) {
                return checkRows(i, (io.signet.py.NdArray) a, v);
            }
            return true;
        }
        if (rank != sh.length) {
            v.add(TensorViolations.SHAPE, spec, named, a, -1, null);
            return false;
        }
        for (int k = 0; k < rank; k++) {
            final long e = sh[k];
            if (e != -1 && e != a.dim(k)) {
                v.add(TensorViolations.SHAPE, spec, named, a, -1, null);
                return false;
            }
        }
        if (!actual.cleaned().equals(dtypes[i])) {
            v.add(TensorViolations.DTYPE, spec, named, a, -1, null);
            return false;
        }
        if (strict && a instanceof TensorView) {
            return checkValues(spec, (TensorView) a, v, 0, a, false);
        }
        if (strict && a instanceof io.signet.py.NdArray && ((io.signet.py.NdArray) a).view() != null) {
            return checkValues(spec, ((io.signet.py.NdArray) a).view(), v, 0, a, false);
        }
        return true;
    }

    /**
     * Strict value scans of one region of input {@code i} whose header was checked separately (a
     * {@code .npy} file walked region by region). Indices are recorded in C order of {@code whole}.
     *
     * @param region     elements {@code [firstIndex, ...)} of the whole array in storage order
     * @param fortran    whether storage order is F order
     */
    public boolean checkRegionValues(final int i, final TensorView region, final long firstIndex, final NdArray whole,
                                     final boolean fortran, final TensorViolations v) {
        if (!strict) {
            return true;
        }
        return checkValues(specs[i], region, v, firstIndex, whole, fortran);
    }

    // ------------------------------------------------------------------ files (TensorFiles does the reading)

    /**
     * Checks a {@code .npy} file as input {@code input}: its header as {@code np.load} reads it, then
     * (strict mode) its values over the memory-mapped data, region by region (files past 2 GiB work).
     * A malformed file raises {@link io.signet.tensor.NpyFormatException} (file name and byte offset);
     * a file that shrinks or changes while mapped an {@link IOException}.
     */
    public boolean checkNpy(final int input, final Path file, final TensorViolations v) throws IOException {
        return TensorFiles.checkNpy(this, input, file, v, NpyFile.DEFAULT_REGION, NpyFile.NpyLimits.DEFAULT);
    }

    /** As {@link #checkNpy(int, Path, TensorViolations)} with a region size (tests walk small regions). */
    public boolean checkNpy(final int input, final Path file, final TensorViolations v, final int regionBytes)
        throws IOException {
        return TensorFiles.checkNpy(this, input, file, v, regionBytes, NpyFile.NpyLimits.DEFAULT);
    }

    /** As {@link #checkNpy(int, Path, TensorViolations)} with a region size and the header limits. */
    public boolean checkNpy(final int input, final Path file, final TensorViolations v, final int regionBytes,
                            final NpyFile.NpyLimits limits) throws IOException {
        return TensorFiles.checkNpy(this, input, file, v, regionBytes, limits);
    }

    /**
     * Checks a {@code .npz} archive as a dict of named inputs, as {@code np.load} reads it (input
     * {@code x} is entry {@code x}, else {@code x.npy}; a repeated name is its last entry): missing
     * inputs first, then each input's header and (strict) values. Stored entries are memory-mapped in
     * place; deflated ones ({@code np.savez_compressed}) are inflated through a bounded buffer, with
     * their declared size and CRC-32 checked in strict mode.
     */
    public boolean checkNpz(final Path file, final TensorViolations v) throws IOException {
        return TensorFiles.checkNpz(this, file, v, NpyFile.DEFAULT_REGION, NpyFile.NpyLimits.DEFAULT);
    }

    /** As {@link #checkNpz(Path, TensorViolations)} with a region size for mapped entries. */
    public boolean checkNpz(final Path file, final TensorViolations v, final int regionBytes) throws IOException {
        return TensorFiles.checkNpz(this, file, v, regionBytes, NpyFile.NpyLimits.DEFAULT);
    }

    /** As {@link #checkNpz(Path, TensorViolations)} with a region size and the header and archive limits. */
    public boolean checkNpz(final Path file, final TensorViolations v, final int regionBytes,
                            final NpyFile.NpyLimits limits) throws IOException {
        return TensorFiles.checkNpz(this, file, v, regionBytes, limits);
    }

    /**
     * Input {@code i} given as UTF-8 strings (an ND4J UTF8 array, {@code Nd4jTensors.wrapUtf8}): the
     * header as a numpy {@code str} array, then, in strict mode with the policy's string check
     * ({@link TensorPolicy#checkUcs4}), every string must be well-formed UTF-8 (deviation {@code tensor-utf8}).
     */
    public boolean checkStrings(final int i, final io.signet.tensor.Utf8Strings strings, final TensorViolations v) {
        if (!checkSpec(i, strings, v)) {
            return false;
        }
        if (!strict || !policy.checkUcs4) {
            return true;
        }
        final long bad = strings.firstInvalidUtf8();
        return bad < 0 || record(v, TensorViolations.UTF8, specs[i], strings, bad, false);
    }

    // ------------------------------------------------------------------ strict: values

    private boolean checkValues(final TensorSpec spec, final TensorView t, final TensorViolations v, final long base,
                                final NdArray whole, final boolean fortran) {
        final TensorPolicy p = policy;
        boolean ok = true;
        switch (t.dtype().kind()) {
            case FLOAT:
                if (p.rejectNaN || p.rejectInf) {
                    final long at = TensorScan.firstNonFinite(t, p.rejectNaN, p.rejectInf);
                    if (at >= 0) {
                        final boolean nan = Double.isNaN(t.getDouble(t.offsetOf(at)));
                        ok &= record(v, nan ? TensorViolations.NAN : TensorViolations.INF, spec, whole, base + at, fortran);
                    }
                }
                break;
            case DATETIME:
            case TIMEDELTA:
                if (p.rejectNaT) {
                    final long at = TensorScan.firstNaT(t);
                    if (at >= 0) {
                        ok &= record(v, TensorViolations.NAT, spec, whole, base + at, fortran);
                    }
                }
                break;
            case STR:
                if (p.checkUcs4) {
                    final long at = TensorScan.firstInvalidUcs4(t);
                    if (at >= 0) {
                        ok &= record(v, TensorViolations.UCS4, spec, whole, base + at, fortran);
                    }
                }
                break;
            case BYTES:
                if (p.maxBytes >= 0) {
                    final long at = TensorScan.firstLongerThan(t, p.maxBytes);
                    if (at >= 0) {
                        ok &= record(v, TensorViolations.BYTES_LENGTH, spec, whole, base + at, fortran);
                    }
                }
                break;
            default:
                break;
        }
        if (p.hasRange() && t.dtype().kind().isNumeric()) {
            final long at = TensorScan.firstOutOfRange(t, p.min, p.max);
            if (at >= 0) {
                ok &= record(v, TensorViolations.RANGE, spec, whole, base + at, fortran);
            }
        }
        return ok;
    }

    private boolean record(final TensorViolations v, final int code, final TensorSpec spec, final NdArray whole,
                           final long storageIndex, final boolean fortran) {
        long idx = storageIndex;
        if (fortran && whole.rank() > 1) {
            // F-order storage index -> multi-index (first axis fastest) -> C-order flat index
            long rem = storageIndex;
            idx = 0;
            final int r = whole.rank();
            final long[] m = new long[r];
            for (int k = 0; k < r; k++) {
                m[k] = rem % whole.dim(k);
                rem /= whole.dim(k);
            }
            for (int k = 0; k < r; k++) {
                idx = idx * whole.dim(k) + m[k];
            }
        }
        v.add(code, spec, named, whole, idx, whole);
        return false;
    }

    // ------------------------------------------------------------------ strict: ragged rows

    private boolean checkRows(final int i, final io.signet.py.NdArray a, final TensorViolations v) {
        final TensorSpec spec = specs[i];
        final long[] sh = shapes[i];
        final DType want = dtypes[i];
        boolean ok = true;
        final int n = (int) a.size();
        for (int r = 0; r < n; r++) {
            final Object e = a.get(r);
            final int code;
            if (e instanceof NdArray) {
                code = rowArray((NdArray) e, sh, want);
            } else if (e instanceof List) {
                code = rowList(e, sh, want, 1, v.scratch);
            } else {
                code = TensorViolations.RAGGED_ROW_SHAPE;
            }
            if (code != 0) {
                ok = false;
                v.add(code, spec, named, e instanceof NdArray ? (NdArray) e : null, r, null);
                if (v.isFull()) {
                    return false;
                }
            }
        }
        return ok;
    }

    private static int rowArray(final NdArray row, final long[] sh, final DType want) {
        if (row.rank() != sh.length - 1) {
            return TensorViolations.RAGGED_ROW_SHAPE;
        }
        for (int k = 1; k < sh.length; k++) {
            if (sh[k] != -1 && sh[k] != row.dim(k - 1)) {
                return TensorViolations.RAGGED_ROW_SHAPE;
            }
        }
        if (!row.dtype().cleaned().equals(want)) {
            return TensorViolations.RAGGED_ROW_DTYPE;
        }
        return 0;
    }

    /** A nested list row: rectangular, of the spec's inner dims, with leaves numpy would store losslessly. */
    private static int rowList(final Object o, final long[] sh, final DType want, final int depth,
                               final long[] seen) {
        if (depth == 1) {
            for (int k = 0; k < seen.length; k++) {
                seen[k] = -1;
            }
        }
        if (depth == sh.length) {
            return leafOk(o, want) ? 0 : (o instanceof List ? TensorViolations.RAGGED_ROW_SHAPE
                : TensorViolations.RAGGED_ROW_DTYPE);
        }
        if (!(o instanceof List)) {
            return TensorViolations.RAGGED_ROW_SHAPE;
        }
        final List<?> l = (List<?>) o;
        final int len = l.size();
        if (sh[depth] != -1 && sh[depth] != len) {
            return TensorViolations.RAGGED_ROW_SHAPE;
        }
        if (seen[depth] == -1) {
            seen[depth] = len;
        } else if (seen[depth] != len) {
            return TensorViolations.RAGGED_ROW_SHAPE;
        }
        for (int k = 0; k < len; k++) {
            final int c = rowList(l.get(k), sh, want, depth + 1, seen);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static boolean leafOk(final Object o0, final DType want) {
        final Object o = o0 instanceof NpScalar ? ((NpScalar) o0).value() : o0;
        switch (want.kind()) {
            case OBJECT:
                return true;
            case BOOL:
                return o instanceof Boolean;
            case INT:
            case UINT: {
                if (!(o instanceof Long || o instanceof Integer || o instanceof BigInteger)) {
                    return false;
                }
                final BigInteger b = o instanceof BigInteger ? (BigInteger) o : BigInteger.valueOf(((Number) o).longValue());
                final int bits = want.itemSize() * 8;
                if (want.kind() == DType.Kind.UINT) {
                    return b.signum() >= 0 && b.bitLength() <= bits;
                }
                return b.bitLength() <= bits - 1;
            }
            case FLOAT:
                return o instanceof Double || o instanceof Float || o instanceof Long || o instanceof Integer;
            case STR:
                return o instanceof String;
            case BYTES:
                return o instanceof byte[];
            case DATETIME:
                return o instanceof String || o instanceof LocalDateTime || o instanceof LocalDate;
            default:
                return false;
        }
    }

    // ------------------------------------------------------------------ API edge

    /**
     * Checks and throws the first violation as MLflow would raise it.
     *
     * @throws SchemaEnforcementException with MLflow's sentence, a path, and a deviation code for strict-only kinds
     */
    public void enforce(final Object input) {
        final TensorViolations v = new TensorViolations(strict ? 64 : 1);
        if (!checkInput(input, v)) {
            throw v.toException(0);
        }
    }

    /** Python's {@code str(type(x))} for messages: {@code <class 'list'>}, {@code <class 'numpy.ndarray'>}. */
    public static String pyClass(final Object o) {
        final String n;
        if (o == null) {
            n = "NoneType";
        } else if (o instanceof NdArray) {
            n = "numpy.ndarray";
        } else if (o instanceof NpScalar) {
            n = "numpy." + ((NpScalar) o).pyTypeName();
        } else if (o instanceof LocalDateTime) {
            n = "datetime.datetime";
        } else if (o instanceof LocalDate) {
            n = "datetime.date";
        } else if (o instanceof BigDecimal) {
            n = "decimal.Decimal";
        } else {
            n = PyRepr.typeName(o);
        }
        return "<class '" + n + "'>";
    }

    /**
     * Strict-mode value checks for tensors, opt-in per compiled enforcer (immutable). Header checks
     * (dtype, rank, dims) always run; these O(n) scans run only when asked for, and only in
     * {@link Mode#STRICT}.
     *
     * <p>Scans are branch-free over contiguous memory (accumulate violation bits, test once) and
     * rescan only to locate the first offending element.
     */
    public static final class TensorPolicy {
        /** No value checks (ragged rows are still checked in strict mode). */
        public static final TensorPolicy NONE = new TensorPolicy(false, false, false, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, -1, true, true);

        final boolean rejectNaN;
        final boolean rejectInf;
        final boolean rejectNaT;
        final double min;
        final double max;
        final int maxBytes;
        final boolean checkUcs4;
        final boolean raggedRows;

        private TensorPolicy(final boolean rejectNaN, final boolean rejectInf, final boolean rejectNaT, final double min,
                             final double max, final int maxBytes, final boolean checkUcs4, final boolean raggedRows) {
            this.rejectNaN = rejectNaN;
            this.rejectInf = rejectInf;
            this.rejectNaT = rejectNaT;
            this.min = min;
            this.max = max;
            this.maxBytes = maxBytes;
            this.checkUcs4 = checkUcs4;
            this.raggedRows = raggedRows;
        }

        /** Also reject NaN in float tensors. */
        public TensorPolicy rejectNaN() {
            return new TensorPolicy(true, rejectInf, rejectNaT, min, max, maxBytes, checkUcs4, raggedRows);
        }

        /** Also reject +-Inf in float tensors. */
        public TensorPolicy rejectInf() {
            return new TensorPolicy(rejectNaN, true, rejectNaT, min, max, maxBytes, checkUcs4, raggedRows);
        }

        /** Also reject NaT in datetime64/timedelta64 tensors. */
        public TensorPolicy rejectNaT() {
            return new TensorPolicy(rejectNaN, rejectInf, true, min, max, maxBytes, checkUcs4, raggedRows);
        }

        /** Numeric values (bool, ints, floats) must lie in {@code [lo, hi]} (NaN is left to the NaN policy). */
        public TensorPolicy range(final double lo, final double hi) {
            if (!(lo <= hi)) {
                throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
            }
            return new TensorPolicy(rejectNaN, rejectInf, rejectNaT, lo, hi, maxBytes, checkUcs4, raggedRows);
        }

        /** {@code |S} elements may hold at most {@code n} bytes (trailing NULs do not count, as in numpy). */
        public TensorPolicy maxBytes(final int n) {
            return new TensorPolicy(rejectNaN, rejectInf, rejectNaT, min, max, n, checkUcs4, raggedRows);
        }

        /** Turns the string check (on by default in strict mode) on or off: {@code <U} code points, UTF-8 strings. */
        public TensorPolicy checkUcs4(final boolean on) {
            return new TensorPolicy(rejectNaN, rejectInf, rejectNaT, min, max, maxBytes, on, raggedRows);
        }

        /** Turns the per-row check of ragged arrays (on by default in strict mode) on or off. */
        public TensorPolicy raggedRows(final boolean on) {
            return new TensorPolicy(rejectNaN, rejectInf, rejectNaT, min, max, maxBytes, checkUcs4, on);
        }

        boolean hasRange() {
            return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
        }

        /** Whether a strict check of an array of {@code dtype} scans its values under this policy. */
        boolean readsValues(final io.signet.tensor.DType dtype) {
            switch (dtype.kind()) {
                case FLOAT:
                    return rejectNaN || rejectInf || hasRange();
                case DATETIME:
                case TIMEDELTA:
                    return rejectNaT;
                case STR:
                    return checkUcs4;
                case BYTES:
                    return maxBytes >= 0;
                case OBJECT:
                    return true;
                default:
                    return hasRange() && dtype.kind().isNumeric();
            }
        }
    }
}
