package io.signet.tensor;

import io.signet.internal.tensor.TensorScan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same contract over every backing memory, each wrapped at a non-zero offset. */
class TensorViewContractTest {
    private static byte[] floats(final float... f) {
        final ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.nativeOrder());
        for (final float x : f) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static byte[] ints(final ByteOrder o, final int... v) {
        final ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(o);
        for (final int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void cOrderFOrderAndReversedViewsReadTheRightElements(final Backing m) {
        final byte[] d = floats(0, 1, 2, 3, 4, 5);
        final TensorView v = m.wrap(new TensorView(), d, DType.FLOAT32, 0, new long[] {2, 3}, null);
        assertEquals(List.of(List.of(0.0, 1.0, 2.0), List.of(3.0, 4.0, 5.0)), v.toJava());
        assertTrue(v.isCContiguous());
        // the transpose: shape (3, 2), strides (4, 12)
        m.wrap(v, d, DType.FLOAT32, 0, new long[] {3, 2}, new long[] {4, 12});
        assertEquals(List.of(List.of(0.0, 3.0), List.of(1.0, 4.0), List.of(2.0, 5.0)), v.toJava());
        assertFalse(v.isCContiguous());
        // reversed: element 0 is the last float, stride -4
        m.wrap(v, d, DType.FLOAT32, 20, new long[] {6}, new long[] {-4});
        assertEquals(List.of(5.0, 4.0, 3.0, 2.0, 1.0, 0.0), v.toJava());
        // every other column
        m.wrap(v, d, DType.FLOAT32, 0, new long[] {2, 2}, new long[] {12, 8});
        assertEquals(List.of(List.of(0.0, 2.0), List.of(3.0, 5.0)), v.toJava());
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void emptyAndZeroDimArrays(final Backing m) {
        final TensorView v = m.wrap(new TensorView(), new byte[0], DType.FLOAT64, 0, new long[] {0, 3}, null);
        assertEquals(0, v.size());
        assertEquals(2, v.rank());
        assertEquals(-1, TensorScan.firstNonFinite(v, true, true));
        m.wrap(v, floats(7), DType.FLOAT32, 0, new long[0], null);
        assertEquals(0, v.rank());
        assertEquals(1, v.size());
        assertEquals(7.0, v.toJava());
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void viewsReachingOutsideTheRegionAreRejectedBeforeAnyRead(final Backing m) {
        final byte[] d = floats(0, 1, 2, 3, 4, 5);
        final TensorView v = new TensorView();
        assertThrows(IndexOutOfBoundsException.class, () -> m.wrap(v, d, DType.FLOAT32, 0, new long[] {2, 4}, null));
        assertThrows(IndexOutOfBoundsException.class, () -> m.wrap(v, d, DType.FLOAT32, 4, new long[] {6}, null));
        assertThrows(IndexOutOfBoundsException.class,
            () -> m.wrap(v, d, DType.FLOAT32, 0, new long[] {6}, new long[] {-4}));
        assertThrows(IndexOutOfBoundsException.class, () -> m.wrap(v, d, DType.FLOAT32, 0,
            new long[] {Long.MAX_VALUE / 2, 4}, null));
        assertThrows(IndexOutOfBoundsException.class, () -> m.wrap(v, d, DType.FLOAT32, -4, new long[] {1}, null));
        assertThrows(IndexOutOfBoundsException.class, () -> m.wrap(v, d, DType.FLOAT32, 0, new long[] {-1}, null));
        // a failed wrap empties the view, whatever it held before
        m.wrap(v, d, DType.FLOAT32, 0, new long[] {6}, null);
        assertEquals(6, v.size());
        assertThrows(IndexOutOfBoundsException.class, () -> m.wrap(v, d, DType.FLOAT32, 0, new long[] {7}, null));
        TensorViewElementStridesTest.assertEmptiedAndUnreadable(v);
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void bigEndianStringsBytesAndDatetimes(final Backing m) {
        final TensorView v = m.wrap(new TensorView(), ints(ByteOrder.BIG_ENDIAN, 1, -2, 300), DType.parse(">i4"), 0,
            new long[] {3}, null);
        assertEquals(List.of(1L, -2L, 300L), v.toJava());
        assertEquals(">i4", v.dtype().toString());
        m.wrap(v, ints(ByteOrder.LITTLE_ENDIAN, 'a', 'b', 0, 0x1F600, 0, 0), DType.parse("<U3"), 0, new long[] {2},
            null);
        assertEquals(List.of("ab", "\uD83D\uDE00"), v.toJava());
        m.wrap(v, new byte[] {'x', 0, 'y', 'z'}, DType.parse("|S2"), 0, new long[] {2}, null);
        final List<?> l = (List<?>) v.toJava();
        assertEquals("x", new String((byte[]) l.get(0)));
        assertEquals("yz", new String((byte[]) l.get(1)));
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void nonFiniteScanLocatesOnContiguousAndStridedViews(final Backing m) {
        final float[] f = new float[37];
        f[29] = Float.NaN;
        final byte[] d = floats(f);
        final TensorView v = m.wrap(new TensorView(), d, DType.FLOAT32, 0, new long[] {37}, null);
        assertEquals(29, TensorScan.firstNonFinite(v, true, true));
        assertEquals(-1, TensorScan.firstNonFinite(v, false, true));
        // odd elements only: element 29 is position 14
        m.wrap(v, d, DType.FLOAT32, 4, new long[] {18}, new long[] {8});
        assertEquals(14, TensorScan.firstNonFinite(v, true, false));
        // even elements only: no NaN
        m.wrap(v, d, DType.FLOAT32, 0, new long[] {19}, new long[] {8});
        assertEquals(-1, TensorScan.firstNonFinite(v, true, true));
    }
}
