package io.signet.schema;

import io.signet.py.PyRepr;
import io.signet.tensor.DType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A tensor input: a numpy dtype and a shape in which -1 matches any size. */
public final class TensorSpec implements InputSpec {
    /**
     * A dimension MLflow stores but no array size equals: a shape given as a string ({@code "x"}
     * becomes Python's tuple {@code ('x',)}) or holding null. MLflow accepts such a signature and
     * rejects every input at the shape check; so does Signet.
     */
    public static final long UNMATCHABLE = Long.MIN_VALUE;

    private final DType dtype;
    private final long[] shape;
    private final String name;
    private final List<Object> rawShape; // the JSON dims as given, for repr and to_dict

    /**
     * @throws SignatureException when the dtype carries a size ({@code <U10}), as MLflow refuses it
     */
    public TensorSpec(final DType dtype, final long[] shape, final String name) {
        this(dtype, shape, name, null);
    }

    /**
     * @param rawShape the dims as MLflow keeps them when some are not integers (shown in messages and
     *                 written back); {@code shape} then holds {@link #UNMATCHABLE} for them
     */
    public TensorSpec(final DType dtype, final long[] shape, final String name, final List<Object> rawShape) {
        this.rawShape = rawShape == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(rawShape));
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        if ((dtype.kind() == DType.Kind.STR || dtype.kind() == DType.Kind.BYTES) && dtype.itemSize() != 0) {
            final String base = dtype.kind() == DType.Kind.STR ? "str" : "bytes";
            throw new SignatureException("MLflow does not support size information in flexible numpy data types. "
                + "Use np.dtype(\"" + base + "\") instead");
        }
        this.shape = shape.clone();
        this.name = name;
    }

    /** The tensor's numpy dtype. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions of the declared shape. */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i} of the shape; -1 is a wildcard. */
    public long dim(final int i) {
        return shape[i];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean required() {
        return true;
    }

    /** The shape as MLflow prints it: {@code (-1, 4)}, {@code (3,)}, {@code ('x',)}, {@code (-1, None)}. */
    public String shapeRepr() {
        if (rawShape == null) {
            return PyRepr.shape(shape);
        }
        final StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < rawShape.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            PyRepr.appendRepr(sb, rawShape.get(i));
        }
        return sb.append(rawShape.size() == 1 ? ",)" : ")").toString();
    }

    /** {@code Tensor('float32', (-1, 28, 28, 1))}, prefixed with {@code 'name': } when named. */
    @Override
    public String repr() {
        final String r = "Tensor(" + PyRepr.repr(dtype.name()) + ", " + shapeRepr() + ")";
        return name == null ? r : PyRepr.repr(name) + ": " + r;
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("dtype", dtype.name());
        final List<Object> s = new ArrayList<>();
        if (rawShape != null) {
            s.addAll(rawShape);
        } else {
            for (final long d : shape) {
                s.add(d);
            }
        }
        spec.put("shape", s);
        final Map<String, Object> m = new LinkedHashMap<>();
        if (name != null) {
            m.put("name", name);
        }
        m.put("type", "tensor");
        m.put("tensor-spec", spec);
        return m;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof TensorSpec)) {
            return false;
        }
        final TensorSpec t = (TensorSpec) o;
        return Objects.equals(name, t.name) && dtype.equals(t.dtype) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, name) * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return repr();
    }
}
