package io.signet.py;

import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DataFrameTest {
    @Test
    void labelsAreAnyValueLookedUpByPythonEquality() {
        final DataFrame f = new DataFrame(1);
        f.append(0L, DType.INT64, new Object[] {1L}).append(null, DType.OBJECT, new Object[] {"n"})
            .append("a", DType.INT64, new Object[] {2L}).append("a", DType.INT64, new Object[] {3L})
            .append(1.5, DType.INT64, new Object[] {4L});
        assertEquals(0, f.indexOf(0.0));
        assertEquals(0, f.indexOf(new java.math.BigInteger("0")));
        assertEquals(1, f.indexOf(null));
        assertEquals(2, f.indexOf("a"));
        assertEquals(2, f.count("a"));
        assertArrayEquals(new int[] {2, 3}, f.indicesOf("a"));
        assertEquals(4, f.indexOf(1.5));
        assertEquals(-1, f.indexOf(true));
        assertEquals(new NpScalar(DType.INT64, 1L), f.item(0, 0));
        f.relabel(List.of("x", "y", "z", "z", "w"));
        assertEquals(-1, f.indexOf("a"));
        assertEquals(2, f.count("z"));
    }

    @Test
    void datetimeCellsAreHandedOutAsTimestamps() {
        final DataFrame f = new DataFrame(2);
        f.append("t", DType.datetime64("s"), new Object[] {1L, Long.MIN_VALUE});
        assertEquals(Timestamp.ofNanos(1_000_000_000L), f.item(0, 0));
        assertEquals(Timestamp.NAT, f.item(0, 1));
    }
}
