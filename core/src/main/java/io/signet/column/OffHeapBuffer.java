package io.signet.column;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A growable off-heap byte region with one owner: an {@link UnsafeBuffer} over a direct
 * {@link ByteBuffer} (not a slice, so that it can be freed at once). Growing copies into a new region and frees the old one at
 * once; {@link #free()} releases the memory deterministically. Agrona's bounds checks stay on
 * (unless {@code agrona.disable.bounds.checks} is set), so a bad index is an exception, never a
 * read outside the region.
 */
final class OffHeapBuffer {
    static {
        io.signet.internal.AgronaAccess.check(); // one clear message instead of an IllegalAccessError inside Agrona
    }

    private final UnsafeBuffer buffer = new UnsafeBuffer(0L, 0);
    private ByteBuffer memory;

    /** The buffer; re-wrapped when the region grows, so do not cache its address across appends. */
    UnsafeBuffer buffer() {
        return buffer;
    }

    int capacity() {
        return memory == null ? 0 : memory.capacity();
    }

    /** Makes room for {@code required} bytes, keeping the first {@code used} bytes. */
    void ensure(final int required, final int used) {
        if (required < 0) {
            throw new IllegalStateException("column larger than 2 GiB");
        }
        if (memory != null && memory.capacity() >= required) {
            return;
        }
        long cap = Math.max(64, capacity());
        while (cap < required) {
            cap <<= 1;
        }
        final ByteBuffer next = ByteBuffer.allocateDirect((int) Math.min(cap, Integer.MAX_VALUE - 64));
        if (memory != null) {
            final UnsafeBuffer nb = new UnsafeBuffer(next);
            nb.putBytes(0, buffer, 0, used);
            BufferUtil.free(memory);
        }
        memory = next;
        buffer.wrap(next);
    }

    void free() {
        if (memory != null) {
            buffer.wrap(0L, 0);
            BufferUtil.free(memory);
            memory = null;
        }
    }
}
