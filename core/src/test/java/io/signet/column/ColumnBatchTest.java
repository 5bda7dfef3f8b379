package io.signet.column;

import io.signet.tensor.DType;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnBatchTest {
    @Test
    void pandasInference() {
        assertEquals(DType.INT64, ColumnBatch.inferDtype(Arrays.asList(1L, 2L)));
        assertEquals(DType.FLOAT64, ColumnBatch.inferDtype(Arrays.asList(1L, null)));
        assertEquals(DType.FLOAT64, ColumnBatch.inferDtype(Arrays.asList(1L, 2.5)));
        assertEquals(DType.BOOL, ColumnBatch.inferDtype(Arrays.asList(true, false)));
        assertEquals(DType.OBJECT, ColumnBatch.inferDtype(Arrays.asList(true, null)));
        assertEquals(DType.OBJECT, ColumnBatch.inferDtype(Arrays.asList(true, 1L)));
        assertEquals(DType.OBJECT, ColumnBatch.inferDtype(Arrays.asList("a", 1L)));
        assertEquals(DType.OBJECT, ColumnBatch.inferDtype(Arrays.asList(null, null)));
        assertEquals(DType.datetime64("ns"),
            ColumnBatch.inferDtype(Arrays.asList(LocalDateTime.of(2020, 1, 1, 0, 0), null)));
        assertEquals(DType.UINT64, ColumnBatch.inferDtype(Arrays.asList(new java.math.BigInteger("18446744073709551615"), 1L)));
    }

    @Test
    void typedColumnsRoundTrip() {
        try (ColumnBatch b = new ColumnBatch()) {
            b.addLongs("a", DType.INT32, new long[] {1, -2, 3}, null)
                .addDoubles("b", DType.FLOAT64, new double[] {0.5, Double.NaN, 2})
                .addStrings("c", new String[] {"x", null, "ünï"})
                .addBooleans("d", new boolean[] {true, false, true})
                .addBinary("e", new byte[][] {{1}, {}, null})
                .addDatetimes("f", "s", new long[] {0, 1, Long.MIN_VALUE});
            assertEquals(3, b.rowCount());
            assertEquals(6, b.columnCount());
            assertEquals(-2L, b.column(0).getLong(1));
            assertTrue(b.column(1).isNull(1));
            assertTrue(Double.isNaN(b.column(1).getDouble(1)));
            assertEquals("ünï", b.column(2).get(2));
            assertNull(b.column(2).get(1));
            assertEquals(DType.OBJECT, b.column(2).dtype());
            assertEquals(Column.Storage.UTF8, b.column(2).storage());
            assertEquals(Boolean.TRUE, b.column(3).get(2));
            assertArrayEquals(new byte[] {1}, (byte[]) b.column(4).get(0));
            assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0, 1), b.column(5).get(1));
            assertNull(b.column(5).get(2));
            assertEquals(1, b.indexOf("b"));
            b.clear();
            assertEquals(0, b.columnCount());
            b.addValues("z", Arrays.asList(1L, 2L));
            assertEquals(DType.INT64, b.column(0).dtype());
            assertEquals(2, b.rowCount());
        }
    }

    @Test
    void lengthMismatchAndRangeRejected() {
        try (ColumnBatch b = new ColumnBatch()) {
            b.addValues("a", Arrays.asList(1L, 2L));
            assertThrows(IllegalArgumentException.class, () -> b.addValues("b", Arrays.asList(1L)));
            assertEquals(1, b.columnCount());
            assertThrows(IllegalArgumentException.class, () -> b.addLongs("c", DType.INT8, new long[] {1, 300}, null));
        }
    }

    @Test
    void writersUsedSideBySideRegisterTheirOwnNames() {
        try (ColumnBatch b = new ColumnBatch()) {
            final ColumnBatch.ColumnWriter x = b.startColumn("x", io.signet.tensor.DType.FLOAT64);
            final ColumnBatch.ColumnWriter y = b.startColumn("y", io.signet.tensor.DType.FLOAT64);
            x.appendDouble(1.0);
            y.appendDouble(2.0);
            x.finish();
            y.finish();
            org.junit.jupiter.api.Assertions.assertEquals(1.0, b.column(b.indexOf("x")).getDouble(0));
            org.junit.jupiter.api.Assertions.assertEquals(2.0, b.column(b.indexOf("y")).getDouble(0));
        }
    }

    /**
     * Label lookup has pandas' label equality (1 == 1.0, NaN finds NaN) and finds the first column
     * added with a label, the same in a narrow batch (searched linearly) and a wide one (a hash map
     * built lazily), also after clear() and refilling with other labels.
     */
    @Test
    void labelLookupIsTheSameInNarrowAndWideBatchesAndAfterClear() {
        for (final int width : new int[] {3, 16, 17, 40}) {
            try (ColumnBatch b = new ColumnBatch()) {
                for (int round = 0; round < 3; round++) {
                    b.clear();
                    final long[] one = {1};
                    b.addLongs("r" + round, DType.INT64, one, null);
                    b.addLongs(7L, DType.INT64, one, null);
                    b.addLongs(Double.NaN, DType.INT64, one, null);
                    for (int c = 3; c < width - 1; c++) {
                        b.addLongs("c" + c, DType.INT64, one, null);
                    }
                    b.addLongs("r" + round, DType.INT64, one, null); // a repeated label
                    final String why = width + " columns, round " + round;
                    assertEquals(0, b.indexOf("r" + round), why);
                    assertEquals(-1, b.indexOf("r" + (round + 1)), why + ": a label of the previous fill");
                    assertEquals(1, b.indexOf(7L), why);
                    assertEquals(1, b.indexOf(7.0), why);
                    assertEquals(1, b.indexOf(7), why);
                    assertEquals(-1, b.indexOf(7.5), why);
                    assertEquals(-1, b.indexOf("7"), why);
                    assertEquals(2, b.indexOf(Double.NaN), why);
                    assertEquals(-1, b.indexOf(null), why);
                    if (width > 4) {
                        assertEquals(3, b.indexOf("c3"), why);
                        // a column added after a lookup is found too
                        b.addLongs("late", DType.INT64, one, null);
                        assertEquals(width, b.indexOf("late"), why);
                    }
                }
            }
        }
    }

    @Test
    void refillingANarrowBatchAllocatesNothing() {
        final long[] values = {1, 2, 3};
        try (ColumnBatch b = new ColumnBatch()) {
            final Runnable refill = () -> {
                b.clear();
                b.addLongs("id", DType.INT64, values, null).addLongs("n", DType.INT32, values, null)
                    .addLongs("k", DType.INT16, values, null).addLongs("u", DType.UINT8, values, null);
                if (b.indexOf("u") != 3) {
                    throw new AssertionError("lookup");
                }
            };
            assertEquals(0, io.signet.testing.Allocations.steadyState(refill, 2_000));
        }
    }

    @Test
    void everyLabelOfAWideBatchIsFoundAtItsColumn() {
        try (ColumnBatch b = new ColumnBatch()) {
            for (int round = 0; round < 2; round++) {
                b.clear();
                final int n = round == 0 ? 600 : 2_000; // the second fill grows the table
                for (int c = 0; c < n; c++) {
                    b.addLongs(c % 3 == 0 ? (Object) ("f" + c) : (Object) (long) c, DType.INT64, new long[] {c}, null);
                }
                for (int c = 0; c < n; c++) {
                    assertEquals(c, b.indexOf(c % 3 == 0 ? (Object) ("f" + c) : (Object) (double) c), "label " + c);
                }
                assertEquals(-1, b.indexOf("f1"));
                assertEquals(-1, b.indexOf((long) n));
                assertEquals(-1, b.indexOf(0.5));
            }
        }
    }
}
