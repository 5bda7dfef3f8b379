package io.signet.py;

import io.signet.enforce.Profile;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.tensor.NpCast;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pandas 1.5's constructor and inference; every expectation printed by pandas 1.5.3 itself. */
class PandasTest {
    private static Map<Object, Object> dict(final Object... kv) {
        final Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void inference() {
        assertEquals(DType.INT64, Pandas.infer(List.of(1L, 2L)));
        assertEquals(DType.FLOAT64, Pandas.infer(Arrays.asList(1L, null)));
        assertEquals(DType.OBJECT, Pandas.infer(Arrays.asList(true, null)));
        assertEquals(DType.OBJECT, Pandas.infer(Arrays.asList(null, null)));
        assertEquals(DType.UINT64, Pandas.infer(List.of(new BigInteger("18446744073709551615"), 1L)));
        assertEquals(DType.datetime64("ns"), Pandas.infer(Arrays.asList(LocalDateTime.of(2020, 1, 1, 0, 0), Double.NaN)));
        // numpy scalars of one dtype keep it; mixed with Python values they count as their values
        assertEquals(DType.INT32, Pandas.infer(List.of(new NpScalar(DType.INT32, 1L), new NpScalar(DType.INT32, 2L))));
        assertEquals(DType.INT64, Pandas.infer(List.of(new NpScalar(DType.INT32, 1L), 2L)));
        assertEquals(DType.FLOAT64, Pandas.infer(Arrays.asList(new NpScalar(DType.INT32, 1L), null)));
        assertEquals(DType.BOOL, Pandas.infer(List.of(new NpScalar(DType.BOOL, true), true)));
    }

    @Test
    void constructor() {
        DataFrame f = Pandas.fromDict(dict("a", List.of(1L, 2L), "b", "x"));
        assertEquals(2, f.rowCount());
        assertEquals("x", f.cells(1)[1]);
        f = Pandas.fromList(List.of(dict("t", 0L), dict("t", 0.9), dict()));
        assertEquals(DType.FLOAT64, f.dtype(0));
        assertTrue(Double.isNaN((Double) f.cells(0)[2]));
        f = Pandas.fromList(List.of(List.of(1L, "a"), List.of(2L)));
        assertEquals(List.of(0L, 1L), f.labels());
        assertEquals(DType.INT64, f.dtype(0));
        assertEquals(Arrays.asList("a", null), Arrays.asList(f.cells(1)));
        f = Pandas.fromList(List.of(List.of(1L, 2L), "ab"));
        assertEquals(Arrays.asList(2L, "b"), Arrays.asList(f.cells(1)));
        assertEquals(DType.FLOAT64, Pandas.fromDict(dict("x", List.of())).dtype(0));
        f = Pandas.fromDict(dict("a", dict("x", 1L), "b", dict("y", 2L)));
        assertEquals(2, f.rowCount());
        assertEquals(DType.FLOAT64, f.dtype(0));
        assertEquals("object of type 'int' has no len()",
            assertThrows(PyError.class, () -> Pandas.fromList(List.of(List.of(1L, 2L), 5L))).getMessage());
        assertEquals("'int' object has no attribute 'keys'",
            assertThrows(PyError.class, () -> Pandas.fromList(List.of(dict("a", 1L), 5L))).getMessage());
        assertEquals("If using all scalar values, you must pass an index",
            assertThrows(PyError.class, () -> Pandas.fromDict(dict("a", 1L))).getMessage());
        assertEquals("All arrays must be of the same length",
            assertThrows(PyError.class, () -> Pandas.fromDict(dict("a", List.of(1L), "b", List.of()))).getMessage());
        assertEquals("Must pass 2-d input. shape=(1, 1, 1)", assertThrows(PyError.class, () -> Pandas.fromArray(
            Numpy.array(List.of(List.of(List.of(1L)))))).getMessage());
        assertEquals(DType.INT32, Pandas.fromArray(Numpy.array(List.of(1L), DType.INT32, new NpCast.Facts()))
            .dtype(0));
    }

    @Test
    void astypeConvertsAsNumpyAndRefusesToWrap() {
        final Series s = new Series("a", DType.OBJECT, new Object[] {1L, 2.9, "3", true});
        assertEquals(Arrays.asList(1L, 2L, 3L, 1L), Arrays.asList(Pandas.astype(s, DType.INT32, Profile.MLFLOW_2).cells()));
        assertEquals(Arrays.asList("1", "2.9", "3", "True"),
            Arrays.asList(Pandas.astype(s, DType.STR, Profile.MLFLOW_2).cells()));
        final IllegalArgumentException wrap = assertThrows(IllegalArgumentException.class,
            () -> Pandas.astype(new Series("a", DType.INT64, new Object[] {300L}), DType.UINT8, Profile.MLFLOW_2));
        assertFalse(wrap instanceof PyError, "Signet's refusal, not a Python exception");
        assertEquals("300 does not fit in uint8 (MLflow would silently wrap it around)", wrap.getMessage());
        final Series t = Pandas.astype(new Series("t", DType.datetime64("ns"), new Object[] {0L}), DType.OBJECT,
            Profile.MLFLOW_2);
        assertEquals(Timestamp.ofNanos(0), t.cells()[0]);
    }

    /** One astype, two pandas: the units kept, numpy 2's OverflowError, C's float cast and pandas' own refusals. */
    @Test
    void astypeFollowsTheProfilesPandas() {
        final Series days = new Series("d", DType.OBJECT, new Object[] {"2020-01-02"});
        final Series ns = Pandas.astype(days, DType.datetime64("s"), Profile.MLFLOW_2, new NpCast.Facts());
        assertEquals(DType.datetime64("ns"), ns.dtype()); // pandas 1.5 labels every unit ns
        assertEquals(1577923200_000_000_000L, ns.cells()[0]);
        final Series secs = Pandas.astype(days, DType.datetime64("s"), Profile.MLFLOW_3, new NpCast.Facts());
        assertEquals(DType.datetime64("s"), secs.dtype()); // pandas 2 keeps s, ms, us
        assertEquals(1577923200L, secs.cells()[0]);
        assertEquals("ValueError(\"Unexpected value for 'dtype': 'datetime64[D]'. Must be 'datetime64[s]', "
            + "'datetime64[ms]', 'datetime64[us]', 'datetime64[ns]' or DatetimeTZDtype'.\")",
            assertThrows(PyError.class, () -> Pandas.astype(days, DType.datetime64("D"), Profile.MLFLOW_3,
                new NpCast.Facts())).repr());

        // an object column's Python int past the range: numpy 1.24 wraps (a fact), numpy 2 raises
        final Series big = new Series("i", DType.OBJECT, new Object[] {1L, 300L});
        final NpCast.Facts f2 = new NpCast.Facts();
        assertEquals(Arrays.asList(1L, 44L), Arrays.asList(Pandas.astype(big, DType.UINT8, Profile.MLFLOW_2, f2).cells()));
        assertEquals(NpCast.Facts.WRAPPED, f2.event());
        assertEquals(1, f2.index());
        assertEquals("OverflowError('Python integer 300 out of bounds for uint8')", assertThrows(PyError.class,
            () -> Pandas.astype(big, DType.UINT8, Profile.MLFLOW_3, new NpCast.Facts())).repr());

        // a float64 column into ints: pandas refuses NaN, then C's cast stores 1e39 as int32's minimum (a fact;
        // 1.5's truncation is one only in Signet's strict mode)
        final NpCast.Facts f = new NpCast.Facts().noteTruncation(false);
        final Series floats = new Series("f", DType.FLOAT64, new Object[] {1.5, 1e39});
        assertEquals(Arrays.asList(1L, -2147483648L),
            Arrays.asList(Pandas.astype(floats, DType.INT32, Profile.MLFLOW_3, f).cells()));
        assertEquals("1e+39 does not fit in int32 (MLflow would silently store -2147483648)", f.sentence());
        assertEquals("IntCastingNaNError('Cannot convert non-finite values (NA or inf) to integer')",
            assertThrows(PyError.class, () -> Pandas.astype(new Series("f", DType.FLOAT64, new Object[] {Double.NaN}),
                DType.INT64, Profile.MLFLOW_2, new NpCast.Facts())).repr());
        assertEquals("ValueError('Cannot losslessly cast from float64 to uint8')", assertThrows(PyError.class,
            () -> Pandas.astype(new Series("f", DType.FLOAT64, new Object[] {-1.0}), DType.UINT8, Profile.MLFLOW_2,
                new NpCast.Facts())).repr());
    }

    /**
     * Records with N distinct keys: pandas' table is N x N (NaN where a key is missing); it is refused
     * before any cell array is allocated when the NaN cells would outnumber the body's by more than
     * {@link Pandas#MAX_FILL_RATIO}, so the memory spent up to the refusal grows with the body (N), not N x N.
     */
    @Test
    void sparseRecordsAreRefusedBeforeTheTableIsBuilt() {
        final int n = 2_000; // 4 million cells for 2,000 given
        final List<Object> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(dict("k" + i, (long) i));
        }
        final long before = io.signet.testing.Allocations.now();
        final PyError e = assertThrows(PyError.class, () -> Pandas.fromList(records));
        final long spent = io.signet.testing.Allocations.now() - before;
        assertEquals("Signet refuses a frame of 2000 rows and 2000 columns: 3998000 cells missing from the body "
            + "would be filled, more than 4 times the 2000 given (Pandas.MAX_FILL_RATIO)", e.getMessage());
        assertTrue(spent < 2L * 1024 * 1024, "bytes allocated before the refusal: " + spent);
        // a dense body of the same size is built
        final List<Object> dense = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dense.add(dict("a", (long) i, "b", "x"));
        }
        assertEquals(n, Pandas.fromList(dense).rowCount());
    }
}
