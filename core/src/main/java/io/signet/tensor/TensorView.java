package io.signet.tensor;

import io.signet.internal.tensor.PyText;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reusable flyweight over the memory of a numpy-like array: a dtype, a shape and byte strides
 * over a region of an Agrona {@link DirectBuffer}, a {@code byte[]}, a {@link ByteBuffer} or a raw
 * address.
 *
 * <pre>
 *   region (offset, length) of the backing memory
 *   |&lt;------------------------------ length ------------------------------&gt;|
 *   |          ^ firstByte: element (0, 0, ..., 0)                         |
 *   element (i0, i1, ...) is at firstByte + i0 * strides[0] + i1 * strides[1] + ...
 * </pre>
 *
 * <p>Every {@code wrap} validates, once, that each element the shape and strides can reach lies
 * inside the region (negative strides included, overflow included). A view that would reach
 * outside is rejected with an {@link IndexOutOfBoundsException} and nothing is read.
 *
 * <p><b>A failed wrap empties the view.</b> Whatever the wrap method and whatever the failure
 * (bounds, overflow, bad dtype or rank, short shape/stride arrays), the view is left as after
 * {@link #reset()}: uint8, shape (0,), size 0, a region of 0 bytes over no memory, no owner. It
 * refuses every read ({@code offsetOf} has no valid index, {@code buffer()} has capacity 0) and
 * does not keep the memory it had before alive. (Until 2026-11 a failed wrap left the previous
 * view in place; that cost a second header copy per wrap on the INDArray hot path, whose fused
 * pass now writes the header while validating it.) Callers that want the previous view after a
 * failure must wrap it again. After a successful
 * wrap, element reads go through Agrona's getters (whose own per-access checks can be turned off
 * with {@code -Dagrona.disable.bounds.checks=true}: the wrap-time check still holds).
 *
 * <p>Empty arrays (a 0 dimension) need no memory; a 0-d array holds one element. Object arrays
 * are not memory: use io.signet.py.NdArray. Unsized {@code str}/{@code bytes} dtypes are refused
 * (a view needs a width: {@code <U7}, {@code |S3}).
 *
 * <p>Not thread-safe: one view per thread, re-wrapped per request. {@code wrap} never allocates.
 */
public final class TensorView implements NdArray {
    static {
        io.signet.internal.AgronaAccess.check(); // one clear message instead of an IllegalAccessError inside Agrona
    }

    /** numpy's {@code NPY_MAXDIMS} (1.x). */
    public static final int MAX_RANK = 32;

    private static final byte[] EMPTY = new byte[0];

    private final UnsafeBuffer buffer = new UnsafeBuffer(EMPTY);
    // the header in use; the fast wrap validates and writes it in one pass (a failed wrap resets the view)
    private final long[] shape = new long[MAX_RANK];
    private final long[] strides = new long[MAX_RANK];
    private DType dtype = DType.UINT8;
    private int itemSize = 1;
    private boolean swap;
    private int rank;
    private int length;
    private int firstByte;
    private long size;
    private boolean cContiguous = true;
    private Object owner;
    private long strideScale = 1;

    /** An empty view (uint8, shape (0,)); wrap it before use. */
    public TensorView() {
        rank = 1;
        size = 0;
    }

    // ------------------------------------------------------------------ wrapping

    /**
     * Wraps a region of an Agrona buffer.
     *
     * @param dtype     element dtype (fixed width; not object)
     * @param buf       backing memory
     * @param offset    start of the region in {@code buf}
     * @param length    bytes in the region
     * @param firstByte byte of element (0, ..., 0) relative to the region start
     * @param rank      number of dimensions (0..32)
     * @param shape     dimensions (first {@code rank} entries used; copied)
     * @param strides   byte strides (first {@code rank} entries used; copied), or null for C order
     * @return this
     * @throws IndexOutOfBoundsException when the region lies outside {@code buf} or an element outside the region
     */
    public TensorView wrap(final DType dtype, final DirectBuffer buf, final int offset, final int length,
                           final int firstByte, final int rank, final long[] shape, final long[] strides) {
        try {
            checkRegion(offset, length, buf.capacity());
            setHeader(dtype, length, firstByte, rank, shape, strides);
            buffer.wrap(buf, offset, length);
        } catch (final RuntimeException e) {
            reset();
            throw e;
        }
        owner = buf;
        return this;
    }

    /** Wraps {@code length} bytes of {@code array} from {@code offset}; see the DirectBuffer variant. */
    public TensorView wrap(final DType dtype, final byte[] array, final int offset, final int length,
                           final int firstByte, final int rank, final long[] shape, final long[] strides) {
        try {
            checkRegion(offset, length, array.length);
            setHeader(dtype, length, firstByte, rank, shape, strides);
            buffer.wrap(array, offset, length);
        } catch (final RuntimeException e) {
            reset();
            throw e;
        }
        owner = array;
        return this;
    }

    /** Wraps {@code length} bytes of a heap or direct ByteBuffer from absolute {@code offset} (its position is ignored). */
    public TensorView wrap(final DType dtype, final ByteBuffer bb, final int offset, final int length,
                           final int firstByte, final int rank, final long[] shape, final long[] strides) {
        try {
            checkRegion(offset, length, bb.capacity());
            setHeader(dtype, length, firstByte, rank, shape, strides);
            buffer.wrap(bb, offset, length);
        } catch (final RuntimeException e) {
            reset();
            throw e;
        }
        owner = bb;
        return this;
    }

    /**
     * Wraps {@code length} bytes of native memory at {@code address}. The caller guarantees that
     * the memory is readable and stays alive while the view is used ({@code keepAlive} is held to
     * help with that: an INDArray, a mapped buffer).
     */
    public TensorView wrapAddress(final DType dtype, final long address, final int length, final int firstByte,
                                  final int rank, final long[] shape, final long[] strides, final Object keepAlive) {
        try {
            if (address == 0 && length != 0) {
                throw new IndexOutOfBoundsException("null address with a non-empty region of " + length + " bytes");
            }
            checkRegion(0, length, Integer.MAX_VALUE);
            setHeader(dtype, length, firstByte, rank, shape, strides);
            buffer.wrap(address, length);
        } catch (final RuntimeException e) {
            reset();
            throw e;
        }
        owner = keepAlive;
        return this;
    }

    /**
     * As {@link #wrapAddress(DType, long, int, int, int, long[], long[], Object)} with strides given in
     * elements (as ND4J keeps them) rather than bytes; nothing is allocated.
     *
     * <p>The hot path of the INDArray adapter: one branch-light pass over the axes validates the
     * extent in element units and writes the view's header at the same time (so a failed wrap
     * empties the view, see the class comment). Every dimension, stride, partial product and
     * per-axis extent must stay below 2^31, which keeps all arithmetic exact without overflow
     * checks; anything else (huge or negative values, broadcast shapes of more than 2^31 elements,
     * a view reaching outside the region, no strides, a null address) takes the fully
     * overflow-checked general path, which also produces the precise error.
     */
    public TensorView wrapAddressElementStrides(final DType dtype, final long address, final int length,
                                                final int firstByte, final int rank, final long[] shape,
                                                final long[] elementStrides, final Object keepAlive) {
        // kept small so that it inlines into callers; everything else is in separate methods
        if (wrapFast(dtype, address, length, firstByte, rank, shape, elementStrides)) {
            buffer.wrap(address, length);
            if (owner != keepAlive) {
                owner = keepAlive;
            }
            return this;
        }
        return wrapAddressElementStridesChecked(dtype, address, length, firstByte, rank, shape, elementStrides,
            keepAlive);
    }

    /**
     * The fast element-stride wrap. True when it validated and took the header (the memory is set
     * by the caller). False when it declined: the header may then be half written, and the caller
     * must not return the view as it is (the checked path resets it first). Nothing in here can
     * throw once the up-front guard holds (array lengths included), so a view is never left half
     * written by an exception either.
     *
     * <p>Ranks 1-4 (nearly every tensor a model takes) each get their own inlined copy of the fused
     * pass with a constant trip count, which the JIT unrolls into straight-line code; a variable
     * trip count costs a loop with its carried dependencies. {@link #fusedPass} must stay under
     * the JIT's inlining limit (FreqInlineSize, 325 bytecodes) for this to work.
     */
    private boolean wrapFast(final DType dtype, final long address, final int length, final int firstByte,
                             final int rank, final long[] shape, final long[] elementStrides) {
        final int item = dtype.itemSize();
        if ((length | firstByte | rank | (MAX_RANK - rank) | (item - 1) | (MAX_FAST_ITEM - item)) < 0
            || elementStrides == null || address == 0 || dtype.kind() == DType.Kind.OBJECT
            || shape.length < rank || elementStrides.length < rank) {
            return false;
        }
        final boolean ok;
        switch (rank) {
            case 1:
                ok = fusedPass(item, length, firstByte, 1, shape, elementStrides);
                break;
            case 2:
                ok = fusedPass(item, length, firstByte, 2, shape, elementStrides);
                break;
            case 3:
                ok = fusedPass(item, length, firstByte, 3, shape, elementStrides);
                break;
            case 4:
                ok = fusedPass(item, length, firstByte, 4, shape, elementStrides);
                break;
            default:
                ok = fusedPass(item, length, firstByte, rank, shape, elementStrides);
                break;
        }
        if (ok && this.dtype != dtype) {
            this.dtype = dtype;
            this.swap = !dtype.isNativeOrder();
        }
        return ok;
    }

    /**
     * ONE pass that validates the extent in element units and writes the live header at once
     * (shape, byte strides, C-contiguity, size); the dtype is the caller's. Arguments are
     * guarded by the caller ({@code rank <= shape.length, elementStrides.length, MAX_RANK}).
     */
    private boolean fusedPass(final int item, final int length, final int firstByte, final int rank,
                              final long[] shape, final long[] elementStrides) {
        final long[] sh = this.shape;
        final long[] st = this.strides;
        long expect = 1;  // C-order stride of axis i in elements: product of max(d, 1) of the axes after it
        long lo = 0;      // lowest / highest element offset reachable from element (0, ..., 0)
        long hi = 0;
        long big = 0;     // any bit at 2^31 or above: a value too large for the exact fast arithmetic
        boolean c = true;
        boolean empty = false;
        for (int i = rank - 1; i >= 0; i--) {
            final long d = shape[i];
            final long s = elementStrides[i];
            final long ext = s * (d - 1); // exact when |s| < 2^31 and 0 <= d < 2^31 (checked below)
            big |= d | expect | ((s + FAST_HALF) >>> 1) | ((ext + FAST_HALF) >>> 1);
            lo += Math.min(ext, 0);
            hi += Math.max(ext, 0);
            c &= d == 1 | s == expect;
            empty |= d == 0;
            expect *= Math.max(d, 1);
            sh[i] = d;
            st[i] = s * item;
        }
        big |= expect;
        // |lo|, |hi| < 32 * 2^31 and item <= 2^16: the byte offsets below are exact
        if ((big >>> 31) != 0
            || !empty && (firstByte + lo * item < 0 || firstByte + (hi + 1) * item > length)) {
            return false;
        }
        this.itemSize = item;
        this.rank = rank;
        this.length = length;
        this.firstByte = firstByte;
        this.size = empty ? 0 : expect;
        this.cContiguous = c;
        return true;
    }

    /** Largest item size the fast element-stride path takes (keeps its byte offsets exact). */
    private static final int MAX_FAST_ITEM = 1 << 16;
    private static final long FAST_HALF = 1L << 31;

    /** The general element-stride wrap: every product and sum overflow-checked, precise errors. */
    private TensorView wrapAddressElementStridesChecked(final DType dtype, final long address, final int length,
                                                        final int firstByte, final int rank, final long[] shape,
                                                        final long[] elementStrides, final Object keepAlive) {
        // the fast path may have half written the header: drop the old memory first, so that a
        // failure below leaves an empty view that reads nothing
        reset();
        if (address == 0 && length != 0) {
            throw new IndexOutOfBoundsException("null address with a non-empty region of " + length + " bytes");
        }
        checkRegion(0, length, Integer.MAX_VALUE);
        strideScale = dtype.itemSize();
        try {
            setHeader(dtype, length, firstByte, rank, shape, elementStrides);
        } finally {
            strideScale = 1;
        }
        buffer.wrap(address, length);
        owner = keepAlive;
        return this;
    }

    /** C-contiguous convenience: the whole of {@code buf} from {@code offset}, element 0 at {@code offset}. */
    public TensorView wrap(final DType dtype, final DirectBuffer buf, final int offset, final long... shape) {
        return wrap(dtype, buf, offset, buf.capacity() - Math.min(offset, buf.capacity()), 0, shape.length, shape,
            null);
    }

    /** C-contiguous convenience over a byte array from {@code offset}. */
    public TensorView wrap(final DType dtype, final byte[] array, final int offset, final long... shape) {
        return wrap(dtype, array, offset, array.length - Math.min(offset, array.length), 0, shape.length, shape,
            null);
    }

    /** Makes this view a view of the same memory as {@code other} (no copy). */
    public TensorView wrap(final TensorView other) {
        try {
            setHeader(other.dtype, other.length, other.firstByte, other.rank, other.shape, other.strides);
            buffer.wrap(other.buffer, 0, other.length);
        } catch (final RuntimeException e) {
            reset();
            throw e;
        }
        owner = other.owner;
        return this;
    }

    /** Drops the memory: the view becomes an empty uint8 array of shape (0,). */
    public void reset() {
        buffer.wrap(EMPTY);
        dtype = DType.UINT8;
        itemSize = 1;
        swap = false;
        rank = 1;
        shape[0] = 0;
        strides[0] = 1;
        length = 0;
        firstByte = 0;
        size = 0;
        cContiguous = true;
        owner = null;
    }

    private static void checkRegion(final int offset, final int length, final int capacity) {
        if (offset < 0 || length < 0 || (long) offset + length > capacity) {
            throw new IndexOutOfBoundsException("region [" + offset + ", " + ((long) offset + length)
                + ") is outside memory of " + capacity + " bytes");
        }
    }

    private void setHeader(final DType dtype, final int length, final int firstByte, final int rank,
                           final long[] shape, final long[] strides) {
        final int item = dtype.itemSize();
        if (dtype.kind() == DType.Kind.OBJECT) {
            throw new IllegalArgumentException("an object array has no element memory: use an object NdArray");
        }
        if (item <= 0) {
            throw new IllegalArgumentException("dtype " + dtype + " has no element size: give a width (<U7, |S3)");
        }
        if (rank < 0 || rank > MAX_RANK) {
            throw new IllegalArgumentException("rank " + rank + " is outside 0.." + MAX_RANK);
        }
        // validate before touching this view's state (the public wraps reset the view on failure)
        long n = 1;
        long lo = firstByte;
        long hi = firstByte;
        boolean c = true;
        long expect = item;
        try {
            for (int i = rank - 1; i >= 0; i--) {
                final long d = shape[i];
                if (d < 0) {
                    throw new IndexOutOfBoundsException("negative dimension " + d + " at axis " + i);
                }
                final long s = strides == null ? expect : Math.multiplyExact(strides[i], strideScale);
                if (d != 1 && s != expect) {
                    c = false;
                }
                expect = Math.multiplyExact(expect, Math.max(d, 1));
                n = Math.multiplyExact(n, d);
                if (d > 1) {
                    final long ext = Math.multiplyExact(s, d - 1);
                    if (ext < 0) {
                        lo = Math.addExact(lo, ext);
                    } else {
                        hi = Math.addExact(hi, ext);
                    }
                }
            }
        } catch (final ArithmeticException e) {
            throw new IndexOutOfBoundsException("shape " + PyText.shape(java.util.Arrays.copyOf(shape, rank))
                + " with its strides overflows a 64-bit byte offset");
        }
        if (n != 0) {
            if (lo < 0 || hi + item > length) {
                throw new IndexOutOfBoundsException("shape " + PyText.shape(java.util.Arrays.copyOf(shape, rank))
                    + " strides " + PyText.shape(strides == null ? cStrides(shape, rank, item)
                    : java.util.Arrays.copyOf(strides, rank)) + " from byte " + firstByte + " reaches bytes [" + lo
                    + ", " + (hi + item) + ") outside the region of " + length + " bytes");
            }
        }
        this.dtype = dtype;
        this.itemSize = item;
        this.swap = !dtype.isNativeOrder();
        this.rank = rank;
        long st = item;
        for (int i = rank - 1; i >= 0; i--) {
            this.shape[i] = shape[i];
            this.strides[i] = strides == null ? st : strides[i] * strideScale;
            st *= Math.max(shape[i], 1);
        }
        this.length = length;
        this.firstByte = firstByte;
        this.size = n;
        this.cContiguous = c;
    }

    private static long[] cStrides(final long[] shape, final int rank, final int item) {
        final long[] s = new long[rank];
        long st = item;
        for (int i = rank - 1; i >= 0; i--) {
            s[i] = st;
            st *= Math.max(shape[i], 1);
        }
        return s;
    }

    // ------------------------------------------------------------------ header

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public long dim(final int i) {
        if (i >= rank) {
            throw new IndexOutOfBoundsException("axis " + i + " of a " + rank + "-d array");
        }
        return shape[i];
    }

    /** Byte stride of axis {@code i}. */
    public long stride(final int i) {
        if (i >= rank) {
            throw new IndexOutOfBoundsException("axis " + i + " of a " + rank + "-d array");
        }
        return strides[i];
    }

    @Override
    public long size() {
        return size;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** True when the elements are laid out in C order with no gaps (empty and 0-d arrays are). */
    public boolean isCContiguous() {
        return cContiguous;
    }

    /** True when the element bytes are not in this machine's order. */
    public boolean isByteSwapped() {
        return swap;
    }

    /** The region, indexed from 0; valid while the view is wrapped. */
    public DirectBuffer buffer() {
        return buffer;
    }

    /** Bytes in the region. */
    public int regionLength() {
        return length;
    }

    /** Byte offset of element (0, ..., 0) in {@link #buffer()}. */
    public int firstByte() {
        return firstByte;
    }

    /** The object that owns the memory (buffer, array, INDArray), or null. */
    public Object owner() {
        return owner;
    }

    /** Byte offset in {@link #buffer()} of the element at C-order position {@code flat}. */
    public int offsetOf(final long flat) {
        if (flat < 0 || flat >= size) {
            throw new IndexOutOfBoundsException("element " + flat + " of " + size);
        }
        if (cContiguous) {
            return (int) (firstByte + flat * itemSize);
        }
        long rem = flat;
        long off = firstByte;
        for (int i = rank - 1; i >= 0; i--) {
            final long d = shape[i];
            off += (rem % d) * strides[i];
            rem /= d;
        }
        return (int) off;
    }

    // ------------------------------------------------------------------ element reads (by byte offset)

    /** The raw 8/16/32/64-bit integer at {@code off}, in the dtype's byte order, sign-extended. */
    public long rawLong(final int off) {
        switch (itemSize) {
            case 1:
                return buffer.getByte(off);
            case 2: {
                final short v = buffer.getShort(off);
                return swap ? Short.reverseBytes(v) : v;
            }
            case 4: {
                final int v = buffer.getInt(off);
                return swap ? Integer.reverseBytes(v) : v;
            }
            default: {
                final long v = buffer.getLong(off);
                return swap ? Long.reverseBytes(v) : v;
            }
        }
    }

    /** The element at {@code off} as a long (bool 0/1, ints, uint64 as its bits, floats truncated, datetimes as counts). */
    public long getLong(final int off) {
        switch (dtype.kind()) {
            case FLOAT:
                return (long) getDouble(off);
            case UINT:
                final long r = rawLong(off);
                return itemSize == 8 ? r : r & (-1L >>> (64 - 8 * itemSize));
            case BOOL:
                return buffer.getByte(off) != 0 ? 1 : 0;
            default:
                return rawLong(off);
        }
    }

    /** The element at {@code off} as a double. */
    public double getDouble(final int off) {
        switch (dtype.kind()) {
            case FLOAT:
                if (itemSize == 4) {
                    return Float.intBitsToFloat((int) rawLong(off));
                }
                if (itemSize == 8) {
                    return Double.longBitsToDouble(rawLong(off));
                }
                return fromFloat16((short) rawLong(off));
            case UINT:
                if (itemSize == 8) {
                    final long v = rawLong(off);
                    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
                return getLong(off);
            default:
                return getLong(off);
        }
    }

    /** A {@code <U} element: UCS4 code points up to the first NUL (numpy strips trailing NULs). */
    public String getString(final int off) {
        final StringBuilder sb = new StringBuilder();
        final int chars = itemSize / 4;
        for (int i = 0; i < chars; i++) {
            int cp = buffer.getInt(off + 4 * i);
            if (swap) {
                cp = Integer.reverseBytes(cp);
            }
            if (cp == 0) {
                break;
            }
            if (cp < 0 || cp > 0x10FFFF) {
                sb.append('\uFFFD');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** A {@code |S} element without its trailing NULs. */
    public byte[] getBytes(final int off) {
        int n = itemSize;
        while (n > 0 && buffer.getByte(off + n - 1) == 0) {
            n--;
        }
        final byte[] b = new byte[n];
        buffer.getBytes(off, b);
        return b;
    }

    // ------------------------------------------------------------------ element writes (by flat index)

    /** Stores {@code v} at C-order position {@code flat}, converted to the dtype (numbers wrap as numpy's astype does). */
    public void putLong(final long flat, final long v) {
        final int off = offsetOf(flat);
        switch (dtype.kind()) {
            case FLOAT:
                putDoubleAt(off, v);
                return;
            case BOOL:
                buffer.putByte(off, (byte) (v != 0 ? 1 : 0));
                return;
            case INT:
            case UINT:
            case DATETIME:
            case TIMEDELTA:
                putRaw(off, v);
                return;
            default:
                throw new IllegalArgumentException("cannot store an integer in a " + dtype + " array");
        }
    }

    /** Stores {@code v} at C-order position {@code flat}, converted to the dtype. */
    public void putDouble(final long flat, final double v) {
        final int off = offsetOf(flat);
        switch (dtype.kind()) {
            case FLOAT:
                putDoubleAt(off, v);
                return;
            case BOOL:
                buffer.putByte(off, (byte) (v != 0 ? 1 : 0));
                return;
            case INT:
            case UINT:
            case DATETIME:
            case TIMEDELTA:
                putRaw(off, (long) v);
                return;
            default:
                throw new IllegalArgumentException("cannot store a float in a " + dtype + " array");
        }
    }

    /** Stores a string ({@code <U}: UCS4, {@code |S}: its UTF-8 bytes), truncated to the width and NUL-padded. */
    public void putString(final long flat, final String s) {
        final int off = offsetOf(flat);
        if (dtype.kind() == DType.Kind.STR) {
            final int chars = itemSize / 4;
            int i = 0;
            for (int p = 0; p < s.length() && i < chars; i++) {
                final int cp = s.codePointAt(p);
                buffer.putInt(off + 4 * i, swap ? Integer.reverseBytes(cp) : cp);
                p += Character.charCount(cp);
            }
            for (; i < chars; i++) {
                buffer.putInt(off + 4 * i, 0);
            }
        } else if (dtype.kind() == DType.Kind.BYTES) {
            putBytes(flat, s.getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException("cannot store a str in a " + dtype + " array");
        }
    }

    /** Stores bytes in a {@code |S} element, truncated to the width and NUL-padded. */
    public void putBytes(final long flat, final byte[] b) {
        if (dtype.kind() != DType.Kind.BYTES) {
            throw new IllegalArgumentException("cannot store bytes in a " + dtype + " array");
        }
        final int off = offsetOf(flat);
        final int n = Math.min(b.length, itemSize);
        buffer.putBytes(off, b, 0, n);
        for (int i = n; i < itemSize; i++) {
            buffer.putByte(off + i, (byte) 0);
        }
    }

    private void putRaw(final int off, final long v) {
        switch (itemSize) {
            case 1:
                buffer.putByte(off, (byte) v);
                return;
            case 2:
                buffer.putShort(off, swap ? Short.reverseBytes((short) v) : (short) v);
                return;
            case 4:
                buffer.putInt(off, swap ? Integer.reverseBytes((int) v) : (int) v);
                return;
            default:
                buffer.putLong(off, swap ? Long.reverseBytes(v) : v);
        }
    }

    private void putDoubleAt(final int off, final double v) {
        if (itemSize == 8) {
            putRaw(off, Double.doubleToRawLongBits(v));
        } else if (itemSize == 4) {
            putRaw(off, Float.floatToRawIntBits((float) v));
        } else {
            putRaw(off, toFloat16(v));
        }
    }

    // ------------------------------------------------------------------ Python views

    /** The element at {@code flat} as the Java value standing for numpy's {@code .item()}. */
    public Object item(final long flat) {
        final int off = offsetOf(flat);
        switch (dtype.kind()) {
            case BOOL:
                return buffer.getByte(off) != 0;
            case INT:
                return rawLong(off);
            case UINT:
                if (itemSize == 8 && rawLong(off) < 0) {
                    return new java.math.BigInteger(Long.toUnsignedString(rawLong(off)));
                }
                return getLong(off);
            case FLOAT:
                return getDouble(off);
            case STR:
                return getString(off);
            case BYTES:
                return getBytes(off);
            default:
                return rawLong(off);
        }
    }

    /** numpy's {@code tolist()}: nested Lists of {@link #item(long)} values (a 0-d array gives its item). */
    public Object toJava() {
        if (rank == 0) {
            return item(0);
        }
        final long[] counter = {0};
        return toJava(0, counter);
    }

    private Object toJava(final int axis, final long[] counter) {
        final List<Object> l = new ArrayList<>();
        for (long i = 0; i < shape[axis]; i++) {
            if (axis == rank - 1) {
                l.add(item(counter[0]++));
            } else {
                l.add(toJava(axis + 1, counter));
            }
        }
        if (shape[axis] == 0 && axis < rank - 1) {
            // numpy: [] for an empty leading axis, whatever follows
            return l;
        }
        return l;
    }

    @Override
    public String pyRepr() {
        return "array(" + PyText.repr(toJava()) + ", dtype=" + dtype + ")";
    }

    @Override
    public String toString() {
        return "TensorView[" + dtype + " " + PyText.shape(shape()) + "]";
    }

    /**
     * numpy's float16 of a double: the nearest binary16 value, ties to even, rounded once from the
     * double (never through float32, whose own rounding can move a value off a tie: 1 + 2^-11 + 2^-40
     * is 0x3C01, 2^-25 is 0x0000, as numpy stores them). Past the largest half (65504), values from
     * 65520 up are infinity; NaN keeps the top ten bits of its payload and stays a NaN. The one
     * float16 encoder of Signet (tensor views, the JSON reader, column batches).
     */
    public static short toFloat16(final double v) {
        final long bits = Double.doubleToRawLongBits(v);
        final int sign = (int) (bits >>> 48) & 0x8000;
        final int biased = (int) (bits >>> 52) & 0x7FF;
        final long frac = bits & 0x000F_FFFF_FFFF_FFFFL;
        if (biased == 0x7FF) {
            final int payload = (int) (frac >>> 42);
            return (short) (sign | 0x7C00 | (frac == 0 ? 0 : payload == 0 ? 1 : payload));
        }
        final int e = biased - 1023; // v = sig * 2^(e - 52)
        if (e < -25) {
            return (short) sign; // below half the smallest subnormal (2^-25): zero
        }
        if (e > 15) {
            return (short) (sign | 0x7C00);
        }
        final long sig = frac | 1L << 52; // e >= -25: a normal double
        if (e >= -14) {
            // a normal half: 11 significant bits kept; a carry out of them moves into the exponent field
            final int h = ((e + 15) << 10) + (int) (roundShift(sig, 42) - 1024);
            return (short) (sign | Math.min(h, 0x7C00));
        }
        // a subnormal half: the value in units of 2^-24 (1024 rounds up into the smallest normal, 0x0400)
        return (short) (sign | (int) roundShift(sig, 28 - e));
    }

    /** {@code sig >> shift} rounded to nearest, ties to even (shift 1..63). */
    private static long roundShift(final long sig, final int shift) {
        final long q = sig >>> shift;
        final long rem = sig & ((1L << shift) - 1);
        final long half = 1L << (shift - 1);
        return rem > half || rem == half && (q & 1) != 0 ? q + 1 : q;
    }

    /** The float (exactly) of a binary16 value's bits. */
    public static float fromFloat16(final short h) {
        final int bits = h & 0xFFFF;
        final int sign = (bits & 0x8000) << 16;
        final int exp = (bits >>> 10) & 0x1F;
        final int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
        }
        if (exp == 0) {
            final float f = mant * 0x1p-24f;
            return sign != 0 ? -f : f;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
