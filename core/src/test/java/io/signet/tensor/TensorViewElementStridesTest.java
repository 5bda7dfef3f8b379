package io.signet.tensor;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.BufferUtil;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TensorView#wrapAddressElementStrides}: the INDArray adapter's hot path, with its
 * C-contiguous fast path, its strided fast path and the overflow-checked general path.
 */
class TensorViewElementStridesTest {
    private static final ByteBuffer MEM = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
    private static final long ADDR = BufferUtil.address(MEM);

    static {
        for (int i = 0; i < 1024; i++) {
            MEM.putFloat(4 * i, i);
        }
    }

    private static TensorView wrap(final TensorView v, final int length, final int first, final long[] shape,
                                   final long[] elementStrides) {
        return v.wrapAddressElementStrides(DType.FLOAT32, ADDR, length, first, shape.length, shape, elementStrides,
            MEM);
    }

    @Test
    void contiguousExtentExactlyAtTheEndIsAcceptedOneElementOrOneBytePastIsRejected() {
        final TensorView v = new TensorView();
        // (2, 3, 4) floats = 96 bytes, element 0 at byte 8: ends exactly at byte 104
        wrap(v, 104, 8, new long[] {2, 3, 4}, new long[] {12, 4, 1});
        assertTrue(v.isCContiguous());
        assertEquals(24, v.size());
        assertEquals(2.0 + 23, v.getDouble(v.offsetOf(23)));
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 103, 8, new long[] {2, 3, 4}, new long[] {12, 4, 1}));
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 104, 12, new long[] {2, 3, 4}, new long[] {12, 4, 1}));
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 104, 9, new long[] {2, 3, 4}, new long[] {12, 4, 1}));
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 104, -4, new long[] {2, 3, 4}, new long[] {12, 4, 1}));
    }

    @Test
    void stridedExtentExactlyAtTheEndIsAcceptedOnePastIsRejected() {
        final TensorView v = new TensorView();
        // transposed (4, 3) of a C (3, 4): strides (1, 4); last element at 4*11 = byte 44..48
        wrap(v, 48, 0, new long[] {4, 3}, new long[] {1, 4});
        assertFalse(v.isCContiguous());
        assertEquals(4.0, v.getDouble(v.offsetOf(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 47, 0, new long[] {4, 3}, new long[] {1, 4}));
        // negative strides reaching before the region
        wrap(v, 48, 44, new long[] {12}, new long[] {-1});
        assertEquals(0.0, v.getDouble(v.offsetOf(11)));
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 48, 40, new long[] {12}, new long[] {-1}));
    }

    /** The contract since the fused fast pass: a failed wrap leaves an empty view that refuses every read. */
    static void assertEmptiedAndUnreadable(final TensorView v) {
        assertEquals(DType.UINT8, v.dtype());
        assertEquals(1, v.rank());
        assertEquals(0, v.dim(0));
        assertEquals(0, v.size());
        assertEquals(0, v.regionLength());
        assertEquals(0, v.buffer().capacity());
        assertEquals(null, v.owner());
        assertThrows(IndexOutOfBoundsException.class, () -> v.offsetOf(0));
        assertThrows(IndexOutOfBoundsException.class, () -> v.buffer().getByte(0));
        assertEquals(java.util.List.of(), v.toJava());
    }

    @Test
    void failedWrapLeavesNoReadableView() {
        final long[][] bad = {
            {40, 0, 5, 3, 3, 1},          // contiguous, one row past the region (fast pass wrote the header)
            {40, 0, 5, 3, 1, 5},          // strided past the region
            {40, 0, -1, 3, 3, 1},         // negative dimension
            {40, 4, 10, 1, 1, 1},         // first element shifted: one element past the end
            {40, 0, 2, 2, Long.MAX_VALUE, 1}, // overflow: checked path
        };
        for (final long[] b : bad) {
            final TensorView v = wrap(new TensorView(), 104, 8, new long[] {2, 3, 4}, new long[] {12, 4, 1});
            assertEquals(24, v.size());
            assertThrows(IndexOutOfBoundsException.class,
                () -> wrap(v, (int) b[0], (int) b[1], new long[] {b[2], b[3]}, new long[] {b[4], b[5]}),
                Arrays.toString(b));
            assertEmptiedAndUnreadable(v);
            // and it can be wrapped again
            wrap(v, 104, 8, new long[] {2, 3, 4}, new long[] {12, 4, 1});
            assertEquals(2.0 + 23, v.getDouble(v.offsetOf(23)));
        }
        // shape/stride arrays shorter than the rank: no half-written view escapes either
        final TensorView v = wrap(new TensorView(), 104, 8, new long[] {2, 3, 4}, new long[] {12, 4, 1});
        assertThrows(RuntimeException.class, () -> v.wrapAddressElementStrides(DType.FLOAT32, ADDR, 104, 0, 3,
            new long[] {2, 3, 4}, new long[] {4, 1}, MEM));
        assertEmptiedAndUnreadable(v);
        final TensorView w = wrap(new TensorView(), 104, 8, new long[] {2, 3, 4}, new long[] {12, 4, 1});
        assertThrows(RuntimeException.class, () -> w.wrapAddressElementStrides(DType.FLOAT32, ADDR, 104, 0, 3,
            new long[] {3, 4}, new long[] {12, 4, 1}, MEM));
        assertEmptiedAndUnreadable(w);
    }

    @Test
    void hugeValuesTakeTheCheckedPath() {
        final TensorView v = new TensorView();
        // a size-1 axis may carry any stride: never used
        wrap(v, 16, 0, new long[] {1, 4}, new long[] {1L << 40, 1});
        assertEquals(4, v.size());
        // broadcast (stride 0) of 2^31 x 2^31 x 2^31 elements reads one float, but its size overflows
        assertThrows(IndexOutOfBoundsException.class,
            () -> wrap(v, 4, 0, new long[] {1L << 31, 1L << 31, 1L << 31}, new long[] {0, 0, 0}));
        // a broadcast of 2^31 elements over one float is in bounds (size beyond the fast path's range)
        wrap(v, 4, 0, new long[] {1L << 31}, new long[] {0});
        assertEquals(1L << 31, v.size());
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 16, 0, new long[] {2, 2}, new long[] {Long.MAX_VALUE,
            1}));
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 16, 0, new long[] {Long.MAX_VALUE}, new long[] {1}));
        assertThrows(IndexOutOfBoundsException.class, () -> wrap(v, 16, 0, new long[] {3}, new long[] {1L << 62}));
        // empty arrays need no memory, whatever the strides
        wrap(v, 0, 0, new long[] {0, 5}, new long[] {5, 1});
        assertEquals(0, v.size());
        assertEquals(5, v.dim(1));
        // 0-d: one element
        v.wrapAddressElementStrides(DType.FLOAT32, ADDR, 8, 4, 0, new long[0], new long[0], MEM);
        assertEquals(1.0, v.getDouble(v.offsetOf(0)));
        // the keep-alive owner follows each wrap
        assertSame(MEM, v.owner());
        assertThrows(IndexOutOfBoundsException.class,
            () -> v.wrapAddressElementStrides(DType.FLOAT32, ADDR, 8, 5, 0, new long[0], new long[0], MEM));
        // ... and a failed wrap drops it with the memory
        assertEmptiedAndUnreadable(v);
    }

    // ------------------------------------------------------------------ property: fast paths vs BigInteger reference

    static final class Case {
        final long[] shape;
        final long[] strides;
        final int first;
        final int length;

        Case(final long[] shape, final long[] strides, final int first, final int length) {
            this.shape = shape;
            this.strides = strides;
            this.first = first;
            this.length = length;
        }

        @Override
        public String toString() {
            return "shape " + Arrays.toString(shape) + " element strides " + Arrays.toString(strides) + " first "
                + first + " length " + length;
        }
    }

    private static final long[] HUGE = {1L << 31, (1L << 31) - 1, -(1L << 31), 1L << 32, 1L << 40, Long.MAX_VALUE,
        Long.MIN_VALUE, Long.MAX_VALUE / 3};

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.longs().map(seed -> {
            final Random r = new Random(seed);
            final int rank = r.nextInt(5);
            final long[] shape = new long[rank];
            final long[] strides = new long[rank];
            final boolean contiguous = r.nextBoolean();
            long st = 1;
            for (int i = rank - 1; i >= 0; i--) {
                shape[i] = r.nextInt(20) == 0 ? HUGE[r.nextInt(HUGE.length)] : r.nextInt(6);
                strides[i] = contiguous ? st : r.nextInt(20) == 0 ? HUGE[r.nextInt(HUGE.length)] : r.nextInt(13) - 6;
                st *= Math.max(shape[i], 1);
            }
            final int length = r.nextInt(10) == 0 ? 4096 : r.nextInt(400);
            final int first = 4 * (r.nextInt(length / 4 + 3) - 1) + (r.nextInt(8) == 0 ? 1 : 0);
            return new Case(shape, strides, first, length);
        });
    }

    /** Every reachable byte inside [0, length)? In BigInteger: no overflow possible. Null: no element. */
    private static Boolean referenceInBounds(final Case c) {
        BigInteger lo = BigInteger.valueOf(c.first);
        BigInteger hi = BigInteger.valueOf(c.first);
        for (final long d : c.shape) {
            if (d < 0) {
                return Boolean.FALSE;
            }
        }
        for (int i = 0; i < c.shape.length; i++) {
            if (c.shape[i] == 0) {
                return null;
            }
            final BigInteger ext = BigInteger.valueOf(c.strides[i]).multiply(BigInteger.valueOf(4))
                .multiply(BigInteger.valueOf(c.shape[i] - 1));
            if (ext.signum() < 0) {
                lo = lo.add(ext);
            } else {
                hi = hi.add(ext);
            }
        }
        return lo.signum() >= 0 && hi.add(BigInteger.valueOf(4)).compareTo(BigInteger.valueOf(c.length)) <= 0;
    }

    private static boolean small(final Case c) {
        for (int i = 0; i < c.shape.length; i++) {
            if (c.shape[i] < -1000 || c.shape[i] > 1000 || c.strides[i] < -1000 || c.strides[i] > 1000) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 3000)
    void acceptsOnlyInBoundsViewsAndReadsTheReferenceElements(@ForAll("cases") final Case c) {
        final TensorView v = new TensorView();
        final Boolean in = referenceInBounds(c);
        boolean accepted;
        try {
            wrap(v, c.length, c.first, c.shape, c.strides);
            accepted = true;
        } catch (final IndexOutOfBoundsException e) {
            accepted = false;
        }
        if (Boolean.FALSE.equals(in)) {
            assertFalse(accepted, c::toString);
            return;
        }
        if (small(c)) {
            assertTrue(accepted, c::toString);
        }
        if (!accepted) {
            return; // huge but in bounds (e.g. a size overflowing 64 bits): refusing is safe
        }
        BigInteger n = BigInteger.ONE;
        for (final long d : c.shape) {
            n = n.multiply(BigInteger.valueOf(d));
        }
        assertEquals(n.longValueExact(), v.size(), c::toString);
        for (long flat = 0; flat < Math.min(v.size(), 2000); flat++) {
            long rem = flat;
            BigInteger off = BigInteger.valueOf(c.first);
            for (int i = c.shape.length - 1; i >= 0; i--) {
                off = off.add(BigInteger.valueOf(rem % c.shape[i]).multiply(BigInteger.valueOf(c.strides[i]))
                    .multiply(BigInteger.valueOf(4)));
                rem /= c.shape[i];
            }
            assertEquals(off.intValueExact(), v.offsetOf(flat), c::toString);
            assertEquals(MEM.getFloat(off.intValueExact()), (float) v.getDouble(v.offsetOf(flat)), c::toString);
        }
    }
}
