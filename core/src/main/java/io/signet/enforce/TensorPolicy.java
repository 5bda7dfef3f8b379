package io.signet.enforce;

/**
 * Strict-mode value checks for tensors, opt-in per compiled enforcer (immutable). Header checks
 * (dtype, rank, dims) always run; these O(n) scans run only when asked for, and only in
 * {@link Mode#STRICT}.
 *
 * <p>Scans are branch-free over contiguous memory (accumulate violation bits, test once) and
 * rescan only to locate the first offending element.
 */
public final class TensorPolicy {
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
