package io.signet.enforce;

import io.signet.py.PyRepr;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.tensor.TensorView;

/**
 * A reusable, bounded collector of tensor violations, owned by one caller (one per thread):
 * {@link #reset()} it, hand it to {@link TensorSchemaEnforcer#check}, read the facts. Facts are
 * primitives and references copied into preallocated slots; sentences (MLflow's wording) and paths
 * are rendered only when {@link #message(int)}, {@link #path(int)} or {@link #toException(int)} is
 * called. Recording a violation allocates nothing except for the few cold kinds whose sentence
 * needs the input's own names (missing inputs, wrong input type).
 */
public final class TensorViolations {
    /** {@code Shape of input (2, 3) does not match expected shape (-1, 4).} */
    public static final int SHAPE = 1;
    /** {@code dtype of input float64 does not match expected dtype float32} */
    public static final int DTYPE = 2;
    /** {@code Model is missing inputs ['x']. Note that there were extra inputs: ['y']} */
    public static final int MISSING_INPUTS = 3;
    /** A named input's value is not an array (MLflow: "... but a dict with value type ... was found."). */
    public static final int NOT_AN_ARRAY = 4;
    /** The input as a whole has a type the schema cannot take. Text prepared by the enforcer. */
    public static final int INPUT_TYPE = 5;
    /** Any other MLflow sentence prepared on the cold path (DataFrame reshapes, empty frame). */
    public static final int MESSAGE = 6;
    /** Strict: a row of a ragged array is not an array/list of the spec's inner rank or dims. */
    public static final int RAGGED_ROW_SHAPE = 10;
    /** Strict: a row of a ragged array has another dtype (or element type) than the spec. */
    public static final int RAGGED_ROW_DTYPE = 11;
    /** Strict: NaN where the policy rejects it. */
    public static final int NAN = 20;
    /** Strict: +-Inf where the policy rejects it. */
    public static final int INF = 21;
    /** Strict: NaT where the policy rejects it. */
    public static final int NAT = 22;
    /** Strict: a value outside the declared range. */
    public static final int RANGE = 23;
    /** Strict: a {@code <U} element holding something that is not a Unicode scalar value. */
    public static final int UCS4 = 24;
    /** Strict: a {@code |S} element longer than the policy allows. */
    public static final int BYTES_LENGTH = 25;
    /** Strict: a string of a UTF-8 string array (ND4J UTF8) is not well-formed UTF-8. */
    public static final int UTF8 = 26;

    private final int limit;
    private int count;
    private boolean truncated;
    private final int[] codes;
    private final TensorSpec[] specs;
    private final boolean[] named;
    private final DType[] dtypes;
    private final int[] ranks;
    private final long[][] shapes;
    private final long[] index;
    private final int[] indexRank;
    private final long[][] indexShape;
    private final String[] texts;
    /** Scratch for the enforcer's row checks (one per collector, so the enforcer stays stateless). */
    final long[] scratch = new long[TensorView.MAX_RANK + 1];

    /** A collector keeping up to {@code limit} violations (at least 1). */
    public TensorViolations(final int limit) {
        this.limit = Math.max(1, limit);
        codes = new int[this.limit];
        specs = new TensorSpec[this.limit];
        named = new boolean[this.limit];
        dtypes = new DType[this.limit];
        ranks = new int[this.limit];
        shapes = new long[this.limit][TensorView.MAX_RANK];
        index = new long[this.limit];
        indexRank = new int[this.limit];
        indexShape = new long[this.limit][TensorView.MAX_RANK];
        texts = new String[this.limit];
    }

    /** A collector for MLflow mode (the first violation is all MLflow reports). */
    public TensorViolations() {
        this(16);
    }

    /** Forgets everything recorded. */
    public void reset() {
        for (int i = 0; i < count; i++) {
            specs[i] = null;
            dtypes[i] = null;
            texts[i] = null;
        }
        count = 0;
        truncated = false;
    }

    /** Number of violations retained. */
    public int count() {
        return count;
    }

    /** True when nothing was reported since the last reset. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** True when more violations happened than the limit kept. */
    public boolean truncated() {
        return truncated;
    }

    /** The most violations this list retains. */
    public int limit() {
        return limit;
    }

    /** True once the list holds {@link #limit()} violations. */
    public boolean isFull() {
        return count >= limit;
    }

    /** The numeric code of violation {@code i} (which check failed). */
    public int code(final int i) {
        return codes[check(i)];
    }

    /** Flat (C-order) element index or ragged row of violation {@code i}; -1 when it concerns the whole input. */
    public long index(final int i) {
        return index[check(i)];
    }

    /** The spec the input was checked against, or null. */
    public TensorSpec spec(final int i) {
        return specs[check(i)];
    }

    private int check(final int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("violation " + i + " of " + count);
        }
        return i;
    }

    // ------------------------------------------------------------------ recording (hot path: no allocation)

    /** Records a header violation of {@code actual} against {@code spec}. Returns false when full. */
    boolean add(final int code, final TensorSpec spec, final boolean isNamed, final NdArray actual, final long idx,
                final NdArray indexed) {
        if (count >= limit) {
            truncated = true;
            return false;
        }
        final int i = count++;
        codes[i] = code;
        specs[i] = spec;
        named[i] = isNamed;
        dtypes[i] = actual == null ? null : actual.dtype();
        final int r = actual == null ? 0 : actual.rank();
        ranks[i] = r;
        if (r > shapes[i].length) {
            // numpy 2 builds arrays of up to 64 dimensions from JSON (a body nested past TensorView's 32); rare, cold
            shapes[i] = new long[r];
        }
        for (int k = 0; k < r; k++) {
            shapes[i][k] = actual.dim(k);
        }
        index[i] = idx;
        final int ir = indexed == null ? 0 : indexed.rank();
        indexRank[i] = ir;
        if (ir > indexShape[i].length) {
            indexShape[i] = new long[ir];
        }
        for (int k = 0; k < ir; k++) {
            indexShape[i][k] = indexed.dim(k);
        }
        texts[i] = null;
        return true;
    }

    /** Records a violation whose sentence the enforcer prepared (cold kinds). */
    boolean addText(final int code, final TensorSpec spec, final boolean isNamed, final String text) {
        if (count >= limit) {
            truncated = true;
            return false;
        }
        final int i = count++;
        codes[i] = code;
        specs[i] = spec;
        named[i] = isNamed;
        dtypes[i] = null;
        ranks[i] = 0;
        index[i] = -1;
        indexRank[i] = 0;
        texts[i] = text;
        return true;
    }

    // ------------------------------------------------------------------ rendering (cold)

    /** The actual shape recorded for violation {@code i}. */
    public long[] actualShape(final int i) {
        check(i);
        return java.util.Arrays.copyOf(shapes[i], ranks[i]);
    }

    /** The actual dtype recorded for violation {@code i}, or null. */
    public DType actualDtype(final int i) {
        return dtypes[check(i)];
    }

    /** MLflow's sentence for violation {@code i} (Signet's own wording for strict-only kinds). */
    public String message(final int i) {
        check(i);
        if (texts[i] != null) {
            return texts[i];
        }
        final TensorSpec s = specs[i];
        switch (codes[i]) {
            case SHAPE:
                return "Shape of input " + PyRepr.shape(actualShape(i)) + " does not match expected shape "
                    + s.shapeRepr() + ".";
            case DTYPE:
                return "dtype of input " + dtypes[i] + " does not match expected dtype " + s.dtype();
            case RAGGED_ROW_SHAPE:
                return "Shape of ragged row " + index[i] + " " + PyRepr.shape(actualShape(i))
                    + " does not match expected row shape " + PyRepr.shape(innerShape(s)) + ".";
            case RAGGED_ROW_DTYPE:
                return "dtype of ragged row " + index[i] + " " + (dtypes[i] == null ? "(not an array)" : dtypes[i])
                    + " does not match expected dtype " + s.dtype();
            case NAN:
                return "NaN at element " + elementIndex(i) + " of input " + inputName(s, i) + " (policy rejects NaN)";
            case INF:
                return "Infinity at element " + elementIndex(i) + " of input " + inputName(s, i)
                    + " (policy rejects Inf)";
            case NAT:
                return "NaT at element " + elementIndex(i) + " of input " + inputName(s, i) + " (policy rejects NaT)";
            case RANGE:
                return "Value at element " + elementIndex(i) + " of input " + inputName(s, i)
                    + " is outside the declared range";
            case UCS4:
                return "Element " + elementIndex(i) + " of input " + inputName(s, i)
                    + " holds a code point that is not a Unicode scalar value";
            case BYTES_LENGTH:
                return "Element " + elementIndex(i) + " of input " + inputName(s, i)
                    + " is longer than the policy's byte limit";
            case UTF8:
                return "Element " + elementIndex(i) + " of input " + inputName(s, i) + " is not well-formed UTF-8";
            default:
                return "violation " + codes[i];
        }
    }

    private static long[] innerShape(final TensorSpec s) {
        final long[] full = s.shape();
        return java.util.Arrays.copyOfRange(full, 1, full.length);
    }

    private String inputName(final TensorSpec s, final int i) {
        return s == null || s.name() == null ? "0" : PyRepr.repr(s.name());
    }

    private String elementIndex(final int i) {
        return PyRepr.shape(multiIndex(i));
    }

    private long[] multiIndex(final int i) {
        final int r = indexRank[i];
        final long[] m = new long[r];
        long rem = index[i];
        for (int k = r - 1; k >= 0; k--) {
            final long d = indexShape[i][k];
            m[k] = d == 0 ? 0 : rem % d;
            rem = d == 0 ? 0 : rem / d;
        }
        return m;
    }

    /**
     * Where violation {@code i} is: {@code inputs['images']}, {@code inputs} (unnamed), then the
     * element ({@code [17][3]}) or ragged row ({@code [17]}) when there is one.
     */
    public String path(final int i) {
        check(i);
        final StringBuilder sb = new StringBuilder("inputs");
        final TensorSpec s = specs[i];
        if (s != null && s.name() != null && named[i]) {
            sb.append('[').append(PyRepr.repr(s.name())).append(']');
        }
        if (index[i] >= 0) {
            if (codes[i] == RAGGED_ROW_SHAPE || codes[i] == RAGGED_ROW_DTYPE || indexRank[i] == 0) {
                sb.append('[').append(index[i]).append(']');
            } else {
                for (final long m : multiIndex(i)) {
                    sb.append('[').append(m).append(']');
                }
            }
        }
        return sb.toString();
    }

    /** The README deviation of strict-only kinds, null where MLflow rejects too. */
    public Deviation deviation(final int i) {
        switch (code(i)) {
            case RAGGED_ROW_SHAPE:
            case RAGGED_ROW_DTYPE:
                return Deviation.TENSOR_RAGGED_ROW;
            case NAN:
                return Deviation.TENSOR_NAN;
            case INF:
                return Deviation.TENSOR_INF;
            case NAT:
                return Deviation.TENSOR_NAT;
            case RANGE:
                return Deviation.TENSOR_RANGE;
            case UCS4:
                return Deviation.TENSOR_UCS4;
            case BYTES_LENGTH:
                return Deviation.TENSOR_BYTES_LENGTH;
            case UTF8:
                return Deviation.TENSOR_UTF8;
            default:
                return null;
        }
    }

    /** Violation {@code i} as the API-edge exception. */
    public SchemaEnforcementException toException(final int i) {
        return new SchemaEnforcementException(message(i), ErrorCode.INVALID_PARAMETER_VALUE, path(i),
            deviation(i));
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("TensorViolations[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(path(i)).append(": ").append(message(i));
        }
        return sb.append(']').toString();
    }
}
