package io.signet.py;

import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;
import io.signet.tensor.TensorView;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one {@code numpy.ndarray} of the value model: a dtype, a shape, and the elements in C order,
 * held either as Java values ({@link #of}) or in memory behind a {@link TensorView} ({@link #over};
 * fixed-width dtypes, no copy). Elements are the plain values of the package's model (Long, Double,
 * Boolean, String, byte[]; datetime64/timedelta64 as a Long count of the unit; for dtype object any
 * Python value, arrays included); {@link #item} hands one out as numpy does.
 *
 * <p>The header (dtype, rank, dims) is what {@link io.signet.enforce.TensorSchemaEnforcer} judges,
 * as for every other array. Immutable in shape; a view-backed array reads its memory on each access.
 */
public final class NdArray implements io.signet.tensor.NdArray, Iterable<Object> {
    private final DType dtype;
    private final long[] shape;
    private final Object[] elements;
    private final TensorView view;

    private NdArray(final DType dtype, final long[] shape, final Object[] elements, final TensorView view) {
        this.dtype = dtype;
        this.shape = shape;
        this.elements = elements;
        this.view = view;
    }

    /**
     * An array of Java values.
     *
     * @param elements C order, not copied; its length must be the product of {@code shape}
     */
    public static NdArray of(final DType dtype, final long[] shape, final Object[] elements) {
        long n = 1;
        for (final long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + PyRepr.shape(shape));
            }
            n *= d;
        }
        if (n != elements.length) {
            throw new IllegalArgumentException("shape " + PyRepr.shape(shape) + " needs " + n + " elements, got "
                + elements.length);
        }
        return new NdArray(dtype, shape.clone(), elements, null);
    }

    /** A 1-D array of Java values. */
    public static NdArray of(final DType dtype, final Object... elements) {
        return new NdArray(dtype, new long[] {elements.length}, elements, null);
    }

    /** A 1-D object array ({@code np.empty(n, object)} then filled): a ragged batch, say. */
    public static NdArray objects(final Object... elements) {
        return of(DType.OBJECT, elements);
    }

    /** A 0-d array holding one value. */
    public static NdArray scalar(final DType dtype, final Object value) {
        return new NdArray(dtype, new long[0], new Object[] {value}, null);
    }

    /** An array known by its header only (dtype and shape; no elements to hand out). */
    public static NdArray header(final DType dtype, final long[] shape) {
        return new NdArray(dtype, shape.clone(), null, null);
    }

    /** Whether the array has elements to hand out (false for {@link #header}). */
    public boolean hasElements() {
        return elements != null || view != null;
    }

    /** The array over a view's memory (not copied: valid while the memory is). */
    public static NdArray over(final TensorView view) {
        return new NdArray(view.dtype(), view.shape(), null, view);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public long dim(final int i) {
        return shape[i];
    }

    @Override
    public long size() {
        if (elements != null) {
            return elements.length;
        }
        if (view != null) {
            return view.size();
        }
        long n = 1;
        for (final long d : shape) {
            n *= d;
        }
        return n;
    }

    /** {@code len(a)}: the first dimension (a 0-d array has none: 0). */
    public long length() {
        return shape.length == 0 ? 0 : shape[0];
    }

    /** The view behind the array, or null when it holds Java values. */
    public TensorView view() {
        return view;
    }

    /** Element {@code i} (C order) as a plain Java value of the model. */
    public Object get(final long i) {
        if (elements != null) {
            return elements[Math.toIntExact(i)];
        }
        return view.item(i);
    }

    /**
     * Element {@code i} as numpy hands it out ({@code a[i]} of a 1-D array, {@code a.flat[i]}): a numpy
     * scalar of the array's dtype, or the object itself for dtype object.
     */
    public Object item(final long i) {
        final Object v = get(i);
        if (dtype.kind() == DType.Kind.OBJECT) {
            return v;
        }
        return new NpScalar(dtype, v instanceof BigInteger ? ((BigInteger) v).longValue() : v);
    }

    /** The elements as Java values, C order (a copy out of memory for a view-backed array; the array's own otherwise). */
    public Object[] elements() {
        if (elements != null) {
            return elements;
        }
        final Object[] r = new Object[Math.toIntExact(view.size())];
        for (int i = 0; i < r.length; i++) {
            r[i] = view.item(i);
        }
        return r;
    }

    /** The elements as a list (no copy for an array of Java values). */
    public List<Object> list() {
        return Arrays.asList(elements());
    }

    /**
     * {@code for x in a}: the rows along the first axis; {@code item(i)} of a 1-D array, a sub-array
     * (sharing nothing) of a higher one.
     */
    public List<Object> rows() {
        if (shape.length == 0) {
            throw new IllegalArgumentException("iteration over a 0-d array");
        }
        final int n = Math.toIntExact(shape[0]);
        final List<Object> r = new ArrayList<>(n);
        if (shape.length == 1) {
            for (int i = 0; i < n; i++) {
                r.add(item(i));
            }
            return r;
        }
        final long[] tail = Arrays.copyOfRange(shape, 1, shape.length);
        final int w = n == 0 ? 0 : Math.toIntExact(size() / n);
        final Object[] all = elements();
        for (int i = 0; i < n; i++) {
            r.add(new NdArray(dtype, tail, Arrays.copyOfRange(all, i * w, i * w + w), null));
        }
        return r;
    }

    /** {@code for x in a} ({@link #rows()}). */
    @Override
    public java.util.Iterator<Object> iterator() {
        return rows().iterator();
    }

    /** numpy's {@code tolist()}: nested lists of the elements' Java values (a 0-d array gives its element). */
    public Object toList() {
        final Object[] all = elements();
        if (shape.length == 0) {
            return all[0];
        }
        return nest(all, 0, new int[1]);
    }

    private Object nest(final Object[] all, final int axis, final int[] at) {
        final List<Object> l = new ArrayList<>();
        for (long i = 0; i < shape[axis]; i++) {
            l.add(axis == shape.length - 1 ? all[at[0]++] : nest(all, axis + 1, at));
        }
        return l;
    }

    /** The same elements under another shape of the same size ({@code reshape}). */
    public NdArray reshape(final long[] newShape) {
        return elements != null ? of(dtype, newShape, elements) : of(dtype, newShape, elements());
    }

    @Override
    public String pyTypeName() {
        return "ndarray";
    }

    /** {@code repr(a)}: the elements for dtype object, the header otherwise (never a payload whole). */
    @Override
    public String pyRepr() {
        if (dtype.kind() == DType.Kind.OBJECT && size() <= 16) {
            return "array(" + PyRepr.repr(toList()) + ", dtype=object)";
        }
        return "array(shape=" + PyRepr.shape(shape) + ", dtype=" + dtype + ")";
    }

    @Override
    public String toString() {
        return pyRepr();
    }
}
