package io.signet.spark;

import io.signet.schema.ModelSignature;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Column signatures: a Parquet file with one planted violation of each kind per row, each row's verdict asserted. */
class ColumnRowsTest {
    static final String INPUTS = "["
        + "{\"name\": \"a\", \"type\": \"long\"},"
        + "{\"name\": \"b\", \"type\": \"double\"},"
        + "{\"name\": \"s\", \"type\": \"string\"},"
        + "{\"name\": \"t\", \"type\": \"datetime\"},"
        + "{\"name\": \"arr\", \"type\": \"array\", \"items\": {\"type\": \"double\"}},"
        + "{\"name\": \"obj\", \"type\": \"object\", \"properties\": {\"x\": {\"type\": \"long\"}, \"y\": {\"type\": \"string\", \"required\": false}}},"
        + "{\"name\": \"m\", \"type\": \"map\", \"values\": {\"type\": \"long\"}},"
        + "{\"name\": \"bin\", \"type\": \"binary\"},"
        + "{\"name\": \"opt\", \"type\": \"integer\", \"required\": false}"
        + "]";
    static final StructType SCHEMA = new StructType()
        .add("id", DataTypes.LongType, false)
        .add("a", DataTypes.IntegerType, true)
        .add("b", DataTypes.DoubleType, true)
        .add("s", DataTypes.StringType, true)
        .add("t", DataTypes.TimestampType, true)
        .add("arr", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
        .add("obj", new StructType().add("x", DataTypes.LongType, true).add("y", DataTypes.StringType, true), true)
        .add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true), true)
        .add("bin", DataTypes.BinaryType, true);

    static Dataset<Row> data;
    static final ModelSignature SIG = TestSpark.signature(INPUTS);

    static Row row(final long id, final Integer a, final Double b, final String s, final Timestamp t,
                   final List<Double> arr, final Row obj, final Map<String, Long> m, final byte[] bin) {
        return RowFactory.create(id, a, b, s, t, arr == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(arr).toSeq(),
            obj, m == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(m), bin);
    }

    static Map<String, Long> map(final String k, final Long v) {
        final Map<String, Long> m = new HashMap<>();
        m.put(k, v);
        return m;
    }

    @BeforeAll
    static void write() throws Exception {
        final Timestamp ok = Timestamp.valueOf("2024-05-01 12:00:00");
        final List<Double> good = Arrays.asList(1.0, 2.0);
        final Row obj = RowFactory.create(1L, "y");
        final List<Row> rows = new ArrayList<>();
        rows.add(row(1, 1, 1.0, "x", ok, good, obj, map("k", 1L), new byte[] {1}));              // valid
        rows.add(row(2, null, 1.0, "x", ok, good, obj, map("k", 1L), new byte[] {1}));           // null in an int column: float64
        rows.add(row(3, 1, null, null, ok, good, obj, map("k", 1L), new byte[] {1}));            // nulls MLflow accepts
        rows.add(row(4, 1, 1.0, "x", ok, null, obj, map("k", 1L), new byte[] {1}));              // null Array cell
        rows.add(row(5, 1, 1.0, "x", ok, Arrays.asList(1.0, null), obj, map("k", 1L), new byte[] {1})); // null element
        rows.add(row(6, 1, 1.0, "x", ok, good, RowFactory.create(null, "y"), map("k", 1L), new byte[] {1})); // null required property
        rows.add(row(7, 1, 1.0, "x", ok, good, null, map("k", 1L), new byte[] {1}));            // null Object cell
        rows.add(row(8, 1, 1.0, "x", ok, good, obj, map("k", null), new byte[] {1}));           // null map value
        rows.add(row(9, 1, 1.0, "x", Timestamp.valueOf("3000-01-01 00:00:00"), good, obj, map("k", 1L), new byte[] {1})); // past datetime64[ns]
        rows.add(row(10, 1, 1.0, "x", null, good, obj, map("k", 1L), null));                    // NaT, None binary: accepted
        rows.add(row(11, 1, 1.0, "", ok, Arrays.asList(), obj, new HashMap<>(), new byte[0]));  // empty string, list, map, bytes
        rows.add(row(12, 1, 1.0, "x", ok, good, RowFactory.create(1L, null), map("k", 1L), new byte[] {1})); // null optional property (MLflow 2 rejects)
        data = TestSpark.parquet("columns", rows, SCHEMA);
    }

    static final Set<Long> INVALID = new TreeSet<>(Arrays.asList(2L, 4L, 5L, 6L, 7L, 8L, 9L, 12L));

    @Test
    void everyPlantedRowAndOnlyThose() {
        for (final CheckOptions.Engine e : CheckOptions.Engine.values()) {
            final CheckResult r = SignetSpark.check(data, SIG, CheckOptions.defaults().idColumn("id").engine(e));
            assertEquals(INVALID, TestSpark.invalidIds(r), e.name());
            final Summary s = r.summary();
            assertEquals(12, s.rowsChecked(), e.name());
            assertEquals(8, s.rowsInvalid(), e.name());
            assertEquals(Map.of("INVALID_PARAMETER_VALUE", 8L), s.violationsPerErrorCode(), e.name());
            assertEquals(4, r.validRows().count());
            assertEquals(8, r.invalidRows().count());
        }
    }

    /** Strict with no-NaN: NaN, Inf and null (NaN in pandas) doubles are rejected with their deviation code, on both engines. */
    @Test
    void strictNoNaN() throws Exception {
        final StructType schema = new StructType().add("id", DataTypes.LongType, false)
            .add("b", DataTypes.DoubleType, true);
        final List<Row> rows = Arrays.asList(RowFactory.create(1L, 1.5), RowFactory.create(2L, Double.NaN),
            RowFactory.create(3L, Double.POSITIVE_INFINITY), RowFactory.create(4L, null));
        final Dataset<Row> df = TestSpark.session().createDataFrame(rows, schema);
        final ModelSignature sig = TestSpark.signature("[{\"name\": \"b\", \"type\": \"double\"}]");
        for (final CheckOptions.Engine e : CheckOptions.Engine.values()) {
            final Map<Long, String> got = new java.util.TreeMap<>();
            for (final Row x : SignetSpark.check(df, sig, CheckOptions.defaults().idColumn("id").rejectNaN().engine(e))
                .violations().collectAsList()) {
                got.put(x.getLong(0), x.getString(5) + " " + x.getString(4));
            }
            System.out.println(e + " strict no-NaN: " + got);
            // a null double is NaN in pandas: the policy rejects it too (the library's verdict)
            assertEquals(Set.of(2L, 3L, 4L), got.keySet(), e.name());
            assertTrue(got.get(2L).startsWith("non-finite Non-finite value nan in column b"), got.get(2L));
            assertEquals(0, SignetSpark.check(df, sig, CheckOptions.defaults().idColumn("id").engine(e))
                .summary().rowsInvalid(), "MLflow mode accepts NaN and Inf");
        }
    }

    @Test
    void messagesAreTheLibrarys() {
        final CheckResult r = SignetSpark.check(data, SIG, CheckOptions.defaults().idColumn("id"));
        final Map<Long, String> got = new java.util.TreeMap<>();
        for (final Row x : r.violations().collectAsList()) {
            got.put(x.getLong(0), x.getString(1) + " | " + x.getString(2) + " | " + x.getString(4));
        }
        got.forEach((k, v) -> System.out.println(k + ": " + v));
        assertEquals("a | ['a'] | Incompatible input types for column a. Can not safely convert float64 to int64."
            + io.signet.mlflow.Sentences.MISSING_VALUES_HINT, got.get(2L));
        assertEquals("arr | ['arr'] | Expected data to be list or numpy array, got NoneType", got.get(4L));
        assertEquals("t | ['t'] | Out of bounds nanosecond timestamp: 3000-01-01 00:00", got.get(9L));
        assertTrue(got.get(6L).startsWith("obj | ['obj']"), got.get(6L));
    }
}
