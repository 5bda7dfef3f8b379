package io.signet.tensor;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Every kind of memory a TensorView can wrap, each holding the given bytes at a non-zero offset. */
public enum Backing {
    BYTE_ARRAY, HEAP_BYTE_BUFFER, DIRECT_BYTE_BUFFER, AGRONA_DIRECT, RAW_ADDRESS,
    /**
     * A raw address wrapped with strides in elements, as the INDArray adapter does (C strides are
     * given explicitly so that the contiguous fast path runs; byte strides that are not whole
     * elements fall back to byte strides).
     */
    RAW_ADDRESS_ELEMENT_STRIDES;

    public static final int OFFSET = 13;

    /** Wraps {@code data} (placed at {@link #OFFSET}) as dtype/shape/strides with element 0 at {@code first}. */
    public TensorView wrap(final TensorView v, final byte[] data, final DType dtype, final int first, final long[] shape,
                           final long[] strides) {
        final int len = data.length;
        switch (this) {
            case BYTE_ARRAY: {
                final byte[] a = new byte[len + OFFSET + 7];
                System.arraycopy(data, 0, a, OFFSET, len);
                return v.wrap(dtype, a, OFFSET, len, first, shape.length, shape, strides);
            }
            case HEAP_BYTE_BUFFER: {
                final ByteBuffer b = ByteBuffer.allocate(len + OFFSET + 7);
                b.position(OFFSET);
                b.put(data);
                return v.wrap(dtype, b, OFFSET, len, first, shape.length, shape, strides);
            }
            case DIRECT_BYTE_BUFFER: {
                final ByteBuffer b = ByteBuffer.allocateDirect(len + OFFSET + 7).order(ByteOrder.nativeOrder());
                b.position(OFFSET);
                b.put(data);
                return v.wrap(dtype, b, OFFSET, len, first, shape.length, shape, strides);
            }
            case AGRONA_DIRECT: {
                final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(len + OFFSET + 7));
                b.putBytes(OFFSET, data);
                return v.wrap(dtype, b, OFFSET, len, first, shape.length, shape, strides);
            }
            case RAW_ADDRESS_ELEMENT_STRIDES: {
                final ByteBuffer b = ByteBuffer.allocateDirect(len + OFFSET + 7);
                b.position(OFFSET);
                b.put(data);
                final long[] el = elementStrides(shape, strides, dtype.itemSize());
                if (el == null) {
                    return v.wrapAddress(dtype, BufferUtil.address(b) + OFFSET, len, first, shape.length, shape,
                        strides, b);
                }
                return v.wrapAddressElementStrides(dtype, BufferUtil.address(b) + OFFSET, len, first, shape.length,
                    shape, el, b);
            }
            default: {
                final ByteBuffer b = ByteBuffer.allocateDirect(len + OFFSET + 7);
                b.position(OFFSET);
                b.put(data);
                return v.wrapAddress(dtype, BufferUtil.address(b) + OFFSET, len, first, shape.length, shape, strides,
                    b);
            }
        }
    }

    /** Byte strides (null: C order) as element strides, or null when they are not whole elements or overflow. */
    static long[] elementStrides(final long[] shape, final long[] strides, final int item) {
        final long[] el = new long[shape.length];
        long st = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (strides == null) {
                el[i] = st;
                if (shape[i] > 1 && st > Long.MAX_VALUE / shape[i]) {
                    return null;
                }
                st *= Math.max(shape[i], 1);
            } else {
                if (strides[i] % item != 0) {
                    return null;
                }
                el[i] = strides[i] / item;
            }
        }
        return el;
    }
}
