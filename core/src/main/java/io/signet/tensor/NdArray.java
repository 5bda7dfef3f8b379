package io.signet.tensor;

import io.signet.internal.tensor.PyText;


/**
 * What the enforcer needs to know about a numpy-like array before it looks at any element: its
 * dtype, rank and dimensions. Implemented by {@link TensorView} (elements in memory) and
 * {@code io.signet.py.NdArray} (the value model's array: Java values, or a view).
 *
 * <p>Reading the header never allocates.
 */
public interface NdArray extends PyText.PyTyped {
    /**
     * An array with a header only (dtype and shape, no elements): what the enforcer's spec checks read,
     * for a caller that knows a tensor's header before its data (a protocol header, a file header, a
     * Spark array column).
     *
     * @param dtype the element dtype
     * @param shape the dimensions (copied)
     * @return the header
     */
    static NdArray header(final DType dtype, final long... shape) {
        return new NpyFile.HeaderArray(dtype, shape);
    }

    /** The element dtype (as numpy reports it: {@code <U7}, {@code >f4}, {@code datetime64[ns]}). */
    DType dtype();

    /** Number of dimensions; 0 for a 0-d array. */
    int rank();

    /** Size of dimension {@code i}. */
    long dim(int i);

    /** Number of elements (product of the dimensions; 1 for a 0-d array). */
    default long size() {
        long n = 1;
        for (int i = 0, r = rank(); i < r; i++) {
            n *= dim(i);
        }
        return n;
    }

    /** A copy of the shape (allocates: for messages and tests). */
    default long[] shape() {
        final long[] s = new long[rank()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dim(i);
        }
        return s;
    }

    @Override
    default String pyTypeName() {
        return "ndarray";
    }
}
