package io.signet.py;

import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.tensor.NpCast;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** numpy 1.24's discovery and cast table; every expectation printed by numpy 1.24.2 itself. */
class NumpyTest {
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    private static String dtype(final Object data) {
        return Numpy.array(data).dtype().toString();
    }

    @Test
    void discoveryAgreesWithNumpy() {
        assertEquals("uint64", dtype(List.of(TWO_63)));
        assertEquals("object", dtype(List.of(TWO_63.shiftLeft(1))));
        assertEquals("float64", dtype(List.of(-1L, TWO_63)));
        assertEquals("float64", dtype(List.of(TWO_63, 1.5)));
        assertEquals("uint64", dtype(List.of(true, TWO_63)));
        assertEquals("<U20", dtype(List.of(TWO_63, "a")));
        assertEquals("float64", dtype(List.of(List.of(TWO_63), List.of(1L))));
        assertEquals("<U21", dtype(List.of(1L, "a")));
        assertEquals("<U32", dtype(List.of(1.5, "a")));
        assertEquals("<U5", dtype(List.of(true, "a")));
        assertEquals("<U3", dtype(List.of("abc", "a")));
        assertEquals("object", dtype(Arrays.asList(null, 1L)));
        assertEquals("<U2", dtype(List.of(new byte[] {'a', 'b'}, "a")));
        assertEquals("|S21", dtype(List.of(new byte[] {'a', 'b'}, 1L)));
        assertEquals("float64", dtype(List.of()));
        assertEquals("float64", dtype(List.of(1.5, true)));
        assertEquals("int16", dtype(List.of(new NpScalar(DType.INT8, 1L), new NpScalar(DType.UINT8, 2L))));
        assertEquals("float64", dtype(List.of(new NpScalar(DType.FLOAT32, 1.0), 1.5)));
        assertArrayEquals(new long[] {2, 0}, Numpy.array(List.of(List.of(), List.of())).shape());
    }

    @Test
    void raggedNestingIsNumpysValueError() {
        final PyError e = assertThrows(PyError.class, () -> Numpy.array(List.of(List.of(1L, 2L), List.of(3L))));
        assertEquals("ValueError", e.type());
        assertEquals("setting an array element with a sequence. The requested array has an inhomogeneous shape "
            + "after 1 dimensions. The detected shape was (2,) + inhomogeneous part.", e.getMessage());
        assertArrayEquals(new long[] {2}, Numpy.objectArray(List.of(List.of(1L, 2L), List.of(3L))).shape());
    }

    @Test
    void castTableReturnsFactsInsteadOfNotingThem() {
        final NpCast.Facts f = new NpCast.Facts();
        final NdArray a = Numpy.array(List.of(1L, 300L), DType.UINT8, f);
        assertEquals(44L, a.get(1));
        assertEquals(NpCast.Facts.WRAPPED, f.event());
        assertEquals(1, f.index());
        assertEquals("300", f.value());
        f.clear();
        Numpy.array(List.of(1.7), DType.INT32, f);
        assertEquals(NpCast.Facts.TRUNCATED, f.event());
        f.clear();
        Numpy.array(List.of(1e39), DType.FLOAT32, f);
        assertEquals(NpCast.Facts.TO_INF, f.event());
        f.clear();
        final NdArray d = Numpy.array(List.of("0001-01-01"), DType.datetime64("ns"), f);
        assertEquals(NpCast.Facts.DATETIME_WRAPPED, f.event());
        assertEquals(Long.MIN_VALUE, d.get(0));
        f.clear();
        assertEquals(BigInteger.valueOf(-1).longValue(), NumpyCast.cast(new BigInteger("18446744073709551615"),
            DType.UINT64, f));
        assertEquals(NpCast.Facts.NONE, f.event());
        assertEquals("invalid literal for int() with base 10: 'x'",
            assertThrows(PyError.class, () -> NumpyCast.cast("x", DType.INT64, f)).getMessage());
        assertEquals("Could not convert object to NumPy timedelta",
            assertThrows(PyError.class, () -> NumpyCast.cast(" 5 ", DType.timedelta64("s"), f)).getMessage());
        assertEquals(Long.MIN_VALUE, NumpyCast.cast("", DType.timedelta64("s"), f));
        assertEquals("<U3", Numpy.array(List.of(1L, "abc"), DType.STR, f).dtype().toString());
        assertEquals("datetime64[ms]", Numpy.array(List.of("2020-01-01T00:00:00.5"), DType.datetime64(""), f)
            .dtype().toString());
        assertEquals("Converting an integer to a NumPy datetime requires a specified unit",
            assertThrows(PyError.class, () -> Numpy.array(List.of(1L), DType.datetime64(""), f)).getMessage());
    }

    @Test
    void arraysHandOutNumpyScalarsAndRowsAndKeepTheirViewOnly() {
        final NdArray a = Numpy.array(List.of(List.of(1L, 2L), List.of(3L, 4L)), DType.INT32, new NpCast.Facts());
        assertEquals(new NpScalar(DType.INT32, 2L), ((NdArray) a.rows().get(0)).item(1));
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L)), a.toList());
        final NdArray m = Numpy.inMemory(a, null);
        assertEquals(4L, m.get(3));
        assertEquals(a.dtype(), m.view().dtype());
        assertNull(NdArray.objects("a", null).item(1));
        assertEquals(3L, Numpy.full(new long[] {2}, 3L, DType.INT64).get(1));
    }
}
