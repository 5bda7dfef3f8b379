package io.signet.internal.json;

import io.signet.tensor.DType;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A tensor decoded from JSON into off-heap memory of its declared dtype, C order, little endian.
 * Reused between requests (a scoring context owns its tensors): {@link #reset} keeps the memory, the
 * buffers only grow, {@link #close} frees them (the tensor stays usable and allocates again on demand).
 *
 * <pre>
 *  numeric, bool, datetime64, timedelta64:
 *    data:    [e0][e1]...[eN-1]            itemsize bytes each (bool: 1 byte 0/1, datetime: int64 count)
 *  str, bytes:
 *    offsets: [o0=0][o1]...[oN]            int64 each; element i is data[o(i) .. o(i+1))
 *    data:    UTF-8 (str) or raw (bytes) bytes of all elements
 * </pre>
 */
public final class DecodedTensor implements AutoCloseable {
    static {
        io.signet.internal.AgronaAccess.check(); // one clear message instead of an IllegalAccessError inside Agrona
    }

    /** Deepest tensor Signet decodes (numpy's own limit is 32 dimensions). */
    public static final int MAX_RANK = 32;

    private DType dtype = DType.FLOAT64;
    private int rank;
    private final long[] shape = new long[MAX_RANK];
    private long size;
    private int maxChars;

    private ByteBuffer dataBacking;
    public final UnsafeBuffer data = new UnsafeBuffer(0, 0);
    private ByteBuffer offsetsBacking;
    final UnsafeBuffer offsets = new UnsafeBuffer(0, 0);
    public int dataLength;

    /** Clears the tensor for a new decode of the given dtype; memory is kept. */
    public DecodedTensor reset(final DType newDtype) {
        this.dtype = newDtype;
        this.rank = 0;
        this.size = 0;
        this.maxChars = 0;
        this.dataLength = 0;
        return this;
    }

    /** The element dtype; for str/bytes the sized one ({@code <U5}, {@code |S3}) as numpy would make it. */
    public DType dtype() {
        final DType.Kind k = dtype.kind();
        if (k == DType.Kind.STR) {
            return DType.unicode(Math.max(maxChars, 1));
        }
        if (k == DType.Kind.BYTES) {
            return DType.bytes(Math.max(maxChars, 1));
        }
        return dtype;
    }

    /** The declared (unsized) dtype the values were cast to. */
    public DType declaredDtype() {
        return dtype;
    }

    public int rank() {
        return rank;
    }

    public long dim(final int i) {
        return shape[i];
    }

    /** A copy of the shape (cold path). */
    public long[] shape() {
        final long[] s = new long[rank];
        System.arraycopy(shape, 0, s, 0, rank);
        return s;
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    /** The element memory (valid until the next reset). */
    public UnsafeBuffer data() {
        return data;
    }

    /** Bytes of element memory in use. */
    public int dataLength() {
        return dataLength;
    }

    /** For str/bytes tensors: N+1 int64 offsets into {@link #data()}. */
    public UnsafeBuffer offsets() {
        return offsets;
    }

    /** True when {@link #view} applies: fixed-width elements (numbers, bool, datetime64, timedelta64). */
    public boolean hasFixedWidth() {
        final DType.Kind k = dtype.kind();
        return k != DType.Kind.STR && k != DType.Kind.BYTES && k != DType.Kind.OBJECT;
    }

    /**
     * Points the tensor helper's {@link io.signet.tensor.TensorView} flyweight at this tensor's
     * off-heap memory (C order, no copy, no allocation); fixed-width dtypes only.
     */
    public io.signet.tensor.TensorView view(final io.signet.tensor.TensorView into) {
        if (!hasFixedWidth()) {
            throw new IllegalStateException("no TensorView layout for " + dtype + " (UTF-8 + offsets)");
        }
        return into.wrap(dtype, data, 0, dataLength, 0, rank, shape, null);
    }

    /** Element i as a double (numeric kinds), for tests and cold paths. */
    public double getDouble(final long i) {
        final int idx = (int) i;
        switch (dtype.kind()) {
            case BOOL:
                return data.getByte(idx);
            case INT:
            case DATETIME:
            case TIMEDELTA:
                return getLong(i);
            case UINT:
                if (dtype.itemSize() == 8) {
                    final long v = data.getLong(idx * 8, ByteOrder.LITTLE_ENDIAN);
                    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
                return getLong(i);
            case FLOAT:
                switch (dtype.itemSize()) {
                    case 2:
                        return io.signet.tensor.TensorView.fromFloat16(data.getShort(idx * 2, ByteOrder.LITTLE_ENDIAN));
                    case 4:
                        return data.getFloat(idx * 4, ByteOrder.LITTLE_ENDIAN);
                    default:
                        return data.getDouble(idx * 8, ByteOrder.LITTLE_ENDIAN);
                }
            default:
                throw new IllegalStateException("not numeric: " + dtype);
        }
    }

    /** Element i as a long (integer, bool and datetime kinds). */
    public long getLong(final long i) {
        final int idx = (int) i;
        final boolean unsigned = dtype.kind() == DType.Kind.UINT;
        switch (dtype.itemSize()) {
            case 1:
                return unsigned ? data.getByte(idx) & 0xFF : data.getByte(idx);
            case 2:
                final short s = data.getShort(idx * 2, ByteOrder.LITTLE_ENDIAN);
                return unsigned ? s & 0xFFFF : s;
            case 4:
                final int v = data.getInt(idx * 4, ByteOrder.LITTLE_ENDIAN);
                return unsigned ? v & 0xFFFFFFFFL : v;
            default:
                return data.getLong(idx * 8, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Element i of a str/bytes tensor as a String (cold path). */
    public String getString(final long i) {
        final int idx = (int) i;
        final int from = (int) offsets.getLong(idx * 8, ByteOrder.LITTLE_ENDIAN);
        final int to = (int) offsets.getLong((idx + 1) * 8, ByteOrder.LITTLE_ENDIAN);
        return data.getStringWithoutLengthUtf8(from, to - from);
    }

    public void setShape(final int newRank, final long[] dims) {
        this.rank = newRank;
        System.arraycopy(dims, 0, shape, 0, newRank);
    }

    public void setSize(final long n) {
        this.size = n;
    }

    public void noteChars(final int chars) {
        if (chars > maxChars) {
            maxChars = chars;
        }
    }

    /** Makes room for {@code bytes} more data bytes; returns the write index. */
    public int reserve(final int bytes) {
        final int at = dataLength;
        final long need = (long) at + bytes;
        if (need > data.capacity()) {
            dataBacking = grow(dataBacking, data, need, at);
        }
        dataLength = (int) need;
        return at;
    }

    public void putOffset(final long index, final long value) {
        final long need = (index + 1) * 8;
        if (need > offsets.capacity()) {
            offsetsBacking = grow(offsetsBacking, offsets, need, (int) (index * 8));
        }
        offsets.putLong((int) (index * 8), value, ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer grow(final ByteBuffer old, final UnsafeBuffer view, final long need, final int keep) {
        if (need > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("tensor larger than 2 GiB");
        }
        long cap = Math.max(4096, view.capacity());
        while (cap < need) {
            cap <<= 1;
        }
        cap = Math.min(cap, Integer.MAX_VALUE - 16);
        final ByteBuffer nb = ByteBuffer.allocateDirect((int) cap).order(ByteOrder.LITTLE_ENDIAN);
        final UnsafeBuffer nv = new UnsafeBuffer(nb);
        if (keep > 0) {
            nv.putBytes(0, view, 0, keep);
        }
        view.wrap(nb);
        if (old != null) {
            BufferUtil.free(old);
        }
        return nb;
    }

    /** Off-heap bytes this tensor holds (data and offsets capacity), whether in use or not. */
    public long offHeapBytes() {
        return (dataBacking == null ? 0 : dataBacking.capacity())
            + (offsetsBacking == null ? 0 : offsetsBacking.capacity());
    }

    /**
     * The direct buffer behind {@link #data()} (its whole capacity; the elements are the first
     * {@link #dataLength()} bytes), or null when nothing was ever allocated. Replaced when the tensor
     * grows or is closed.
     */
    public ByteBuffer dataBacking() {
        return dataBacking;
    }

    /** The direct buffer behind {@link #offsets()} (str/bytes tensors), or null. */
    public ByteBuffer offsetsBacking() {
        return offsetsBacking;
    }

    /**
     * Fills the tensor from Java values as the cold path holds a numpy array: {@code flat} in C order,
     * Boolean for bool, Long (or BigInteger for uint64 past int64) for integers and datetime64 /
     * timedelta64 counts, Number for floats, String for str, byte[] for bytes. The seam where an array
     * built on the exact path becomes off-heap memory of the same layout as a decoded one.
     *
     * <p>An object array has no off-heap layout: only its header (dtype, shape, size) is set and the
     * caller keeps the values.
     *
     * @throws IllegalArgumentException for complex dtypes, a rank past {@link #MAX_RANK}, or a value of
     *                                  another Java type than its dtype's
     */
    public DecodedTensor fill(final DType dt, final long[] dims, final Object[] flat) {
        final DType.Kind k = dt.kind();
        if (k == DType.Kind.COMPLEX || dims.length > MAX_RANK) {
            throw new IllegalArgumentException("no off-heap layout for " + dt + " of rank " + dims.length);
        }
        if (k == DType.Kind.OBJECT) {
            reset(DType.OBJECT);
            setShape(dims.length, dims);
            setSize(flat.length);
            return this;
        }
        final boolean text = k == DType.Kind.STR || k == DType.Kind.BYTES;
        reset(text ? (k == DType.Kind.STR ? DType.STR : DType.BYTES) : dt);
        if (text) {
            noteChars(k == DType.Kind.STR ? dt.itemSize() / 4 : dt.itemSize());
            putOffset(0, 0);
        }
        final int item = text ? 0 : dt.itemSize();
        for (int i = 0; i < flat.length; i++) {
            final Object v = flat[i];
            if (text) {
                final byte[] b = v instanceof byte[] ? (byte[]) v
                    : ((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                final int at = reserve(b.length);
                data.putBytes(at, b);
                putOffset(i + 1, dataLength);
                if (k == DType.Kind.STR) {
                    noteChars(((String) v).codePointCount(0, ((String) v).length()));
                }
                continue;
            }
            final int at = reserve(item);
            if (k == DType.Kind.BOOL) {
                data.putByte(at, (byte) ((Boolean) v ? 1 : 0));
            } else if (k == DType.Kind.FLOAT) {
                final double d = ((Number) v).doubleValue();
                if (item == 2) {
                    data.putShort(at, io.signet.tensor.TensorView.toFloat16(d), ByteOrder.LITTLE_ENDIAN);
                } else if (item == 4) {
                    data.putFloat(at, (float) d, ByteOrder.LITTLE_ENDIAN);
                } else {
                    data.putDouble(at, d, ByteOrder.LITTLE_ENDIAN);
                }
            } else {
                final long l = ((Number) v).longValue();
                switch (item) {
                    case 1:
                        data.putByte(at, (byte) l);
                        break;
                    case 2:
                        data.putShort(at, (short) l, ByteOrder.LITTLE_ENDIAN);
                        break;
                    case 4:
                        data.putInt(at, (int) l, ByteOrder.LITTLE_ENDIAN);
                        break;
                    default:
                        data.putLong(at, l, ByteOrder.LITTLE_ENDIAN);
                }
            }
        }
        setShape(dims.length, dims);
        setSize(flat.length);
        return this;
    }

    @Override
    public void close() {
        if (dataBacking != null) {
            BufferUtil.free(dataBacking);
            dataBacking = null;
        }
        if (offsetsBacking != null) {
            BufferUtil.free(offsetsBacking);
            offsetsBacking = null;
        }
        data.wrap(0, 0);
        offsets.wrap(0, 0);
        dataLength = 0;
    }
}
