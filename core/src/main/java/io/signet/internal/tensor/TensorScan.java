package io.signet.internal.tensor;

import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.agrona.DirectBuffer;

/**
 * O(n) value scans over a {@link TensorView}, each returning the C-order index of the first
 * offending element or -1. Contiguous native-order float tensors take a branch-free path: four
 * independent accumulators OR together an "exponent all ones" bit per element, tested once at
 * the end; only when it is set does a second pass locate the element. Other layouts walk the
 * strides axis by axis. Nothing allocates.
 */
public final class TensorScan {
    private static final int K_NONFINITE = 0;
    private static final int K_NAN = 1;
    private static final int K_INF = 2;
    private static final int K_NAT = 3;
    private static final int K_RANGE = 4;
    private static final int K_UCS4 = 5;
    private static final int K_BYTES = 6;

    private TensorScan() {
    }

    /**
     * First element that is NaN (when {@code nan}) or +-Inf (when {@code inf}); -1 if none or not a
     * float tensor.
     */
    public static long firstNonFinite(final TensorView v, final boolean nan, final boolean inf) {
        if (v.dtype().kind() != DType.Kind.FLOAT || (!nan && !inf) || v.size() == 0) {
            return -1;
        }
        if (v.isCContiguous() && !v.isByteSwapped() && !anyNonFiniteContiguous(v)) {
            return -1;
        }
        return locate(v, nan && inf ? K_NONFINITE : nan ? K_NAN : K_INF, 0, 0);
    }

    /** True when some element of a contiguous native-order float tensor is NaN or Inf (branch-free). */
    static boolean anyNonFiniteContiguous(final TensorView v) {
        final DirectBuffer b = v.buffer();
        final int start = v.firstByte();
        final long n = v.size();
        switch (v.itemSize()) {
            case 4:
                return anyNonFiniteF32(b, start, (int) n);
            case 8:
                return anyNonFiniteF64(b, start, (int) n);
            default:
                return anyNonFiniteF16(b, start, (int) n);
        }
    }

    /**
     * Branch-free non-finite test over {@code n} float32 values at {@code start}: two floats per
     * 64-bit load. With the sign bits masked off, adding 1 to an all-ones exponent carries exactly
     * into that float's sign bit (bit 31 or 63) and nowhere else.
     */
    public static boolean anyNonFiniteF32(final DirectBuffer b, final int start, final int n) {
        final long m = 0x7f8000007f800000L;
        final long c = 0x0080000000800000L;
        long a0 = 0;
        long a1 = 0;
        long a2 = 0;
        long a3 = 0;
        int p = start;
        final int end8 = start + (n & ~7) * 4;
        for (; p < end8; p += 32) {
            a0 |= (b.getLong(p) & m) + c;
            a1 |= (b.getLong(p + 8) & m) + c;
            a2 |= (b.getLong(p + 16) & m) + c;
            a3 |= (b.getLong(p + 24) & m) + c;
        }
        int t = 0;
        final int end = start + n * 4;
        for (; p < end; p += 4) {
            t |= (b.getInt(p) & 0x7f800000) + 0x00800000;
        }
        return ((a0 | a1 | a2 | a3) & 0x8000000080000000L) != 0 || t < 0;
    }

    /** Branch-free non-finite test over {@code n} float64 values at {@code start}. */
    public static boolean anyNonFiniteF64(final DirectBuffer b, final int start, final int n) {
        long a0 = 0;
        long a1 = 0;
        long a2 = 0;
        long a3 = 0;
        int p = start;
        final int end4 = start + (n & ~3) * 8;
        final long m = 0x7ff0000000000000L;
        final long c = 0x0010000000000000L;
        for (; p < end4; p += 32) {
            a0 |= (b.getLong(p) & m) + c;
            a1 |= (b.getLong(p + 8) & m) + c;
            a2 |= (b.getLong(p + 16) & m) + c;
            a3 |= (b.getLong(p + 24) & m) + c;
        }
        final int end = start + n * 8;
        for (; p < end; p += 8) {
            a0 |= (b.getLong(p) & m) + c;
        }
        return (a0 | a1 | a2 | a3) < 0;
    }

    private static boolean anyNonFiniteF16(final DirectBuffer b, final int start, final int n) {
        int a = 0;
        final int end = start + n * 2;
        for (int p = start; p < end; p += 2) {
            a |= (b.getShort(p) & 0x7c00) + 0x0400;
        }
        return (a & 0x8000) != 0;
    }

    /** Plain read loop (a baseline for benchmarks): the sum of {@code n} float32 values at {@code start}. */
    public static float sumF32(final DirectBuffer b, final int start, final int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int p = start;
        final int end4 = start + (n & ~3) * 4;
        for (; p < end4; p += 16) {
            s0 += b.getFloat(p);
            s1 += b.getFloat(p + 4);
            s2 += b.getFloat(p + 8);
            s3 += b.getFloat(p + 12);
        }
        final int end = start + n * 4;
        for (; p < end; p += 4) {
            s0 += b.getFloat(p);
        }
        return s0 + s1 + s2 + s3;
    }

    /** First NaT (int64 minimum) of a datetime64/timedelta64 tensor; -1 if none or not such a tensor. */
    public static long firstNaT(final TensorView v) {
        final DType.Kind k = v.dtype().kind();
        if ((k != DType.Kind.DATETIME && k != DType.Kind.TIMEDELTA) || v.size() == 0) {
            return -1;
        }
        if (v.isCContiguous() && !v.isByteSwapped()) {
            final DirectBuffer b = v.buffer();
            final int start = v.firstByte();
            final int end = start + (int) v.size() * 8;
            long acc = 0;
            for (int p = start; p < end; p += 8) {
                // x == MIN_VALUE <=> (x ^ MIN_VALUE) == 0 <=> ((x ^ MIN) - 1) has the sign bit and (x ^ MIN) does not
                final long y = b.getLong(p) ^ Long.MIN_VALUE;
                acc |= (y - 1) & ~y;
            }
            if (acc >= 0) {
                return -1;
            }
        }
        return locate(v, K_NAT, 0, 0);
    }

    /** First bool/int/uint/float element outside {@code [min, max]} (NaN passes); -1 if none. */
    public static long firstOutOfRange(final TensorView v, final double min, final double max) {
        if (!v.dtype().kind().isNumeric() || v.size() == 0) {
            return -1;
        }
        return locateRange(v, min, max, 0, 0);
    }

    /** First {@code <U} element holding a value that is not a Unicode scalar value (surrogate, > U+10FFFF); -1 if none. */
    public static long firstInvalidUcs4(final TensorView v) {
        if (v.dtype().kind() != DType.Kind.STR || v.size() == 0) {
            return -1;
        }
        return locate(v, K_UCS4, 0, 0);
    }

    /** First {@code |S} element longer than {@code maxBytes} (trailing NULs stripped); -1 if none. */
    public static long firstLongerThan(final TensorView v, final int maxBytes) {
        if (v.dtype().kind() != DType.Kind.BYTES || v.size() == 0 || maxBytes >= v.itemSize()) {
            return -1;
        }
        return locateBytes(v, maxBytes, 0, 0, 0);
    }

    // ------------------------------------------------------------------ strided walks

    private static long locate(final TensorView v, final int kernel, final int axis, final long off) {
        final int rank = v.rank();
        if (rank == 0) {
            return bad(v, kernel, (int) (v.firstByte() + off)) ? 0 : -1;
        }
        return walk(v, kernel, 0, v.firstByte(), 0);
    }

    private static long walk(final TensorView v, final int kernel, final int axis, final long off, final long flat) {
        final long n = v.dim(axis);
        final long st = v.stride(axis);
        if (axis == v.rank() - 1) {
            for (long i = 0; i < n; i++) {
                if (bad(v, kernel, (int) (off + i * st))) {
                    return flat + i;
                }
            }
            return -1;
        }
        long inner = 1;
        for (int a = axis + 1; a < v.rank(); a++) {
            inner *= v.dim(a);
        }
        for (long i = 0; i < n; i++) {
            final long r = walk(v, kernel, axis + 1, off + i * st, flat + i * inner);
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }

    private static boolean bad(final TensorView v, final int kernel, final int off) {
        switch (kernel) {
            case K_NONFINITE:
                return !Double.isFinite(v.getDouble(off));
            case K_NAN:
                return Double.isNaN(v.getDouble(off));
            case K_INF:
                return Double.isInfinite(v.getDouble(off));
            case K_NAT:
                return v.rawLong(off) == Long.MIN_VALUE;
            case K_UCS4: {
                final DirectBuffer b = v.buffer();
                final int chars = v.itemSize() / 4;
                final boolean swap = v.isByteSwapped();
                for (int i = 0; i < chars; i++) {
                    int cp = b.getInt(off + 4 * i);
                    if (swap) {
                        cp = Integer.reverseBytes(cp);
                    }
                    if (Integer.compareUnsigned(cp, 0x10FFFF) > 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                throw new AssertionError(kernel);
        }
    }

    private static long locateRange(final TensorView v, final double min, final double max, final int axis,
                                    final long off) {
        if (v.rank() == 0) {
            final double d = v.getDouble(v.firstByte());
            return d < min || d > max ? 0 : -1;
        }
        return walkRange(v, min, max, 0, v.firstByte(), 0);
    }

    private static long walkRange(final TensorView v, final double min, final double max, final int axis,
                                  final long off, final long flat) {
        final long n = v.dim(axis);
        final long st = v.stride(axis);
        if (axis == v.rank() - 1) {
            for (long i = 0; i < n; i++) {
                final double d = v.getDouble((int) (off + i * st));
                if (d < min || d > max) {
                    return flat + i;
                }
            }
            return -1;
        }
        long inner = 1;
        for (int a = axis + 1; a < v.rank(); a++) {
            inner *= v.dim(a);
        }
        for (long i = 0; i < n; i++) {
            final long r = walkRange(v, min, max, axis + 1, off + i * st, flat + i * inner);
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }

    private static long locateBytes(final TensorView v, final int maxBytes, final int axis, final long off,
                                    final long flat) {
        if (v.rank() == 0) {
            return tooLong(v, v.firstByte(), maxBytes) ? 0 : -1;
        }
        return walkBytes(v, maxBytes, 0, v.firstByte(), 0);
    }

    private static long walkBytes(final TensorView v, final int maxBytes, final int axis, final long off,
                                  final long flat) {
        final long n = v.dim(axis);
        final long st = v.stride(axis);
        if (axis == v.rank() - 1) {
            for (long i = 0; i < n; i++) {
                if (tooLong(v, (int) (off + i * st), maxBytes)) {
                    return flat + i;
                }
            }
            return -1;
        }
        long inner = 1;
        for (int a = axis + 1; a < v.rank(); a++) {
            inner *= v.dim(a);
        }
        for (long i = 0; i < n; i++) {
            final long r = walkBytes(v, maxBytes, axis + 1, off + i * st, flat + i * inner);
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }

    private static boolean tooLong(final TensorView v, final int off, final int maxBytes) {
        final DirectBuffer b = v.buffer();
        for (int i = v.itemSize() - 1; i >= maxBytes; i--) {
            if (b.getByte(off + i) != 0) {
                return true;
            }
        }
        return false;
    }
}
