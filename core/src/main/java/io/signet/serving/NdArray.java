package io.signet.serving;

import io.signet.json.DecodedTensor;
import io.signet.schema.PyRepr;
import io.signet.tensor.DType;

import java.util.Arrays;
import java.util.List;

/**
 * A numpy array on the cold path of the scoring server: dtype, shape and the elements as Java
 * values (Long, Double, Boolean, String, byte[], nested values for object arrays). The hot path
 * keeps tensors in {@link DecodedTensor} off-heap memory instead; this form exists for the
 * conversions MLflow performs between arrays, frames and dicts. Its header (dtype, shape) is what
 * {@link io.signet.enforce.TensorSchemaEnforcer} checks, as for every other array.
 */
public final class NdArray implements io.signet.tensor.NdArray {
    final DType dtype;
    final long[] shape;
    final Object[] flat;
    /** When decoded on the fast path: the off-heap tensor (flat may be null). */
    final DecodedTensor tensor;

    NdArray(final DType dtype, final long[] shape, final Object[] flat) {
        this.dtype = dtype;
        this.shape = shape;
        this.flat = flat;
        this.tensor = null;
    }

    NdArray(final DecodedTensor tensor) {
        this.dtype = tensor.dtype();
        this.shape = tensor.shape();
        this.flat = null;
        this.tensor = tensor;
    }

    /** The server's array of a value-model array (phase 1: until the server holds {@link io.signet.py.NdArray}s). */
    static NdArray of(final io.signet.py.NdArray a) {
        return new NdArray(a.dtype(), a.shape(), a.elements());
    }

    /** The value-model array of this one. */
    io.signet.py.NdArray toPy() {
        return io.signet.py.NdArray.of(dtype, shape, values());
    }

    /** A value with every server array in it replaced by its value-model array (lists and dicts are copied). */
    static Object toPy(final Object v) {
        if (v instanceof NdArray) {
            return ((NdArray) v).toPy();
        }
        if (v instanceof List) {
            final List<Object> r = new java.util.ArrayList<>(((List<?>) v).size());
            for (final Object x : (List<?>) v) {
                r.add(toPy(x));
            }
            return r;
        }
        return v;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public long dim(final int i) {
        return shape[i];
    }

    /** The elements as Java values (copied out of off-heap memory when needed). */
    Object[] values() {
        if (flat != null) {
            return flat;
        }
        return copyOut(tensor);
    }

    static Object[] copyOut(final DecodedTensor t) {
        final int n = (int) t.size();
        final Object[] r = new Object[n];
        final DType d = t.declaredDtype();
        for (int i = 0; i < n; i++) {
            switch (d.kind()) {
                case BOOL:
                    r[i] = t.getLong(i) != 0;
                    break;
                case INT:
                case UINT:
                case DATETIME:
                case TIMEDELTA:
                    r[i] = t.getLong(i);
                    break;
                case FLOAT:
                    r[i] = t.getDouble(i);
                    break;
                case STR:
                    r[i] = t.getString(i);
                    break;
                case BYTES:
                    r[i] = t.getString(i).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                    break;
                default:
                    r[i] = null;
            }
        }
        return r;
    }

    long length() {
        return shape.length == 0 ? 0 : shape[0];
    }

    /** Row i of a 2-D array, or element i of a 1-D one (cold path). */
    Object row(final int i) {
        final Object[] v = values();
        if (shape.length == 1) {
            return v[i];
        }
        final int w = (int) (v.length / Math.max(1, shape[0]));
        return Arrays.asList(Arrays.copyOfRange(v, i * w, i * w + w));
    }

    @Override
    public String pyTypeName() {
        return "ndarray";
    }

    @Override
    public String pyRepr() {
        return "array(shape=" + PyRepr.shape(shape) + ", dtype=" + dtype + ")";
    }

    @Override
    public String toString() {
        return pyRepr();
    }
}
