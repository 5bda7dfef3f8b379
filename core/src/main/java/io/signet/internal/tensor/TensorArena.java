package io.signet.internal.tensor;

import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct (off-heap) memory for tensors that Signet builds itself (decoded JSON, test inputs), with
 * one owner and deterministic release: a bump allocator over 64-byte aligned chunks.
 *
 * <p>{@link #close()} frees every chunk and first resets every view this arena handed out, so a
 * view used after close is an empty array, never a dangling pointer. {@link #clear()} keeps the
 * chunks for the next request (views handed out before are reset too).
 *
 * <p>Not thread-safe: one arena per thread or request.
 */
public final class TensorArena implements AutoCloseable {
    static {
        io.signet.internal.AgronaAccess.check(); // one clear message instead of an IllegalAccessError inside Agrona
    }

    /** Default chunk size: 1 MiB. */
    public static final int DEFAULT_CHUNK = 1 << 20;
    private static final int ALIGN = 64;

    private final int chunkSize;
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private final List<Integer> bases = new ArrayList<>();
    private final List<TensorView> issued = new ArrayList<>();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[0]);
    private int current = -1;
    private int position;
    private long reserved;
    private boolean closed;

    public TensorArena() {
        this(DEFAULT_CHUNK);
    }

    public TensorArena(final int chunkSize) {
        if (chunkSize < ALIGN) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " < " + ALIGN);
        }
        this.chunkSize = chunkSize;
    }

    /** A new zero-filled C-order view of that dtype and shape in this arena's memory. */
    public TensorView allocate(final DType dtype, final long... shape) {
        return allocate(new TensorView(), dtype, shape);
    }

    /** Re-wraps {@code view} over new zero-filled C-order memory of that dtype and shape. */
    public TensorView allocate(final TensorView view, final DType dtype, final long... shape) {
        if (closed) {
            throw new IllegalStateException("arena is closed");
        }
        long bytes = dtype.itemSize();
        if (bytes <= 0) {
            throw new IllegalArgumentException("dtype " + dtype + " has no element size");
        }
        for (final long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            bytes = Math.multiplyExact(bytes, d);
        }
        if (bytes > Integer.MAX_VALUE - ALIGN) {
            throw new IllegalArgumentException("a tensor of " + bytes + " bytes exceeds one 2 GiB region");
        }
        final int n = (int) bytes;
        final ByteBuffer chunk = reserve(n);
        final int at = position + bases.get(current);
        position = align(position + n);
        scratch.wrap(chunk);
        scratch.setMemory(at, n, (byte) 0);
        view.wrap(dtype, chunk, at, n, 0, shape.length, shape, null);
        issued.add(view);
        return view;
    }

    private ByteBuffer reserve(final int n) {
        if (current >= 0 && bases.get(current) + position + n <= chunks.get(current).capacity()) {
            return chunks.get(current);
        }
        // next chunk that fits, or a new one
        for (int i = current + 1; i < chunks.size(); i++) {
            if (chunks.get(i).capacity() - bases.get(i) >= n) {
                current = i;
                position = 0;
                return chunks.get(i);
            }
        }
        // allocate the original (never a slice: only the original can be freed) and align inside it
        final ByteBuffer b = ByteBuffer.allocateDirect(Math.max(chunkSize, align(n)) + ALIGN);
        final long address = BufferUtil.address(b);
        bases.add((int) ((ALIGN - (address & (ALIGN - 1))) & (ALIGN - 1)));
        chunks.add(b);
        reserved += b.capacity();
        current = chunks.size() - 1;
        position = 0;
        return b;
    }

    private static int align(final int p) {
        return (p + ALIGN - 1) & -ALIGN;
    }

    /** Bytes of direct memory this arena holds. */
    public long reservedBytes() {
        return reserved;
    }

    /** Resets the views handed out and makes all memory reusable (kept, not freed). */
    public void clear() {
        for (final TensorView v : issued) {
            v.reset();
        }
        issued.clear();
        current = chunks.isEmpty() ? -1 : 0;
        position = 0;
    }

    /** Resets the views handed out and frees all memory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        clear();
        for (final ByteBuffer b : chunks) {
            BufferUtil.free(b);
        }
        chunks.clear();
        bases.clear();
        reserved = 0;
        current = -1;
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
