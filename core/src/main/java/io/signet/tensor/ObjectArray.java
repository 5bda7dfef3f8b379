package io.signet.tensor;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A numpy {@code object} array: any shape, elements are Java values standing for Python values
 * (see TEAM value model) or other arrays ({@link TensorView}, {@link ObjectArray}). A 1-D object
 * array of arrays or lists is how numpy holds a ragged batch.
 *
 * <p>Immutable in shape; the element slots can be set while building ({@link #set}).
 */
public final class ObjectArray implements NdArray {
    private final long[] shape;
    private final Object[] elements;

    /**
     * @param shape    the dimensions (copied)
     * @param elements the elements in C order (not copied); its length must be the product of the shape
     */
    public ObjectArray(final long[] shape, final Object[] elements) {
        this.shape = shape.clone();
        long n = 1;
        for (final long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + PyText.shape(shape));
            }
            n *= d;
        }
        if (shape.length > TensorView.MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.length + " exceeds " + TensorView.MAX_RANK);
        }
        if (n != elements.length) {
            throw new IllegalArgumentException("shape " + PyText.shape(shape) + " needs " + n + " elements, got "
                + elements.length);
        }
        this.elements = elements;
    }

    /** A 1-D object array of the given elements (numpy's {@code np.empty(n, object)} then filled). */
    public static ObjectArray of(final Object... elements) {
        return new ObjectArray(new long[] {elements.length}, elements);
    }

    /** A 1-D object array of the list's elements. */
    public static ObjectArray ofList(final List<?> elements) {
        return of(elements.toArray());
    }

    @Override
    public DType dtype() {
        return DType.OBJECT;
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
        return elements.length;
    }

    /** Element at C-order position {@code i}. */
    public Object get(final int i) {
        return elements[i];
    }

    /** Sets the element at C-order position {@code i}. */
    public void set(final int i, final Object v) {
        elements[i] = v;
    }

    /** The elements in C order (read-only view). */
    public List<Object> elements() {
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    /** numpy's {@code tolist()} (arrays inside stay arrays, as numpy does). */
    public Object toJava() {
        if (shape.length == 0) {
            return elements[0];
        }
        return toJava(0, new int[] {0});
    }

    private List<Object> toJava(final int axis, final int[] counter) {
        final List<Object> l = new ArrayList<>();
        for (long i = 0; i < shape[axis]; i++) {
            l.add(axis == shape.length - 1 ? elements[counter[0]++] : toJava(axis + 1, counter));
        }
        return l;
    }

    @Override
    public String pyRepr() {
        return "array(" + PyText.repr(toJava()) + ", dtype=object)";
    }

    @Override
    public String toString() {
        return "ObjectArray" + PyText.shape(shape);
    }
}
