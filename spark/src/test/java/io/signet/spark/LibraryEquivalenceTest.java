package io.signet.spark;

import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnViolations;
import io.signet.enforce.Mode;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.ModelSignature;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The property: for random column signatures and random Spark data (seeded, bounded), the Spark
 * result equals the library's verdict on the same rows collected locally (each row a one-row frame
 * through the same seam, checked by {@link ColumnEnforcer} for the whole signature): the same rows
 * invalid, and each invalid row's first violation (schema order) is MLflow's sentence the library gives.
 */
class LibraryEquivalenceTest {
    static final org.apache.spark.sql.types.DataType[] SPARK = {
        DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType,
        DataTypes.DoubleType, DataTypes.BooleanType, DataTypes.StringType, DataTypes.BinaryType,
        DataTypes.TimestampType, DataTypes.DateType,
        DataTypes.createArrayType(DataTypes.DoubleType, true), DataTypes.createArrayType(DataTypes.IntegerType, true),
        new StructType().add("x", DataTypes.LongType, true).add("y", DataTypes.StringType, true),
        DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, true)};
    static final String[] SPEC = {"{\"type\": \"integer\"}", "{\"type\": \"long\"}", "{\"type\": \"float\"}",
        "{\"type\": \"double\"}", "{\"type\": \"boolean\"}", "{\"type\": \"string\"}", "{\"type\": \"binary\"}",
        "{\"type\": \"datetime\"}", "{\"type\": \"array\", \"items\": {\"type\": \"double\"}}",
        "{\"type\": \"array\", \"items\": {\"type\": \"long\"}}",
        "{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"long\"}, \"y\": {\"type\": \"string\", \"required\": false}}}",
        "{\"type\": \"map\", \"values\": {\"type\": \"long\"}}"};

    /** A spec each Spark type above mostly meets (or meets by value: int64 0/1 as double, strings as datetimes). */
    static final int[][] MATCH = {{1, 3}, {0, 1}, {1, 3}, {1, 3}, {2, 3}, {3}, {4, 5}, {5, 7, 3}, {6, 5}, {7}, {7, 5},
        {8}, {9, 8}, {10}, {11}};

    static Object value(final org.apache.spark.sql.types.DataType t, final Random rnd) {
        if (rnd.nextInt(4) == 0) {
            return null;
        }
        if (t == DataTypes.ByteType) {
            return (byte) (rnd.nextInt(5) - 1);
        }
        if (t == DataTypes.ShortType) {
            return (short) (rnd.nextInt(5) - 1);
        }
        if (t == DataTypes.IntegerType) {
            return rnd.nextInt(5) - 1;
        }
        if (t == DataTypes.LongType) {
            return (long) rnd.nextInt(4) - 1; // -1, 0, 1, 2: int64 into double accepts 0 and 1 only
        }
        if (t == DataTypes.FloatType) {
            return rnd.nextInt(6) == 0 ? Float.NaN : rnd.nextFloat();
        }
        if (t == DataTypes.DoubleType) {
            return rnd.nextInt(6) == 0 ? Double.NaN : rnd.nextInt(3) == 0 ? (double) rnd.nextInt(3) : rnd.nextDouble();
        }
        if (t == DataTypes.BooleanType) {
            return rnd.nextBoolean();
        }
        if (t == DataTypes.StringType) {
            final String[] s = {"x", "", "2024-01-02", "1.5", "7", "not a date", "2024-13-45"};
            return s[rnd.nextInt(s.length)];
        }
        if (t == DataTypes.BinaryType) {
            return new byte[] {(byte) rnd.nextInt(3)};
        }
        if (t == DataTypes.TimestampType) {
            return rnd.nextInt(8) == 0 ? Timestamp.valueOf("2500-01-01 00:00:00") : new Timestamp(rnd.nextInt(1_000_000) * 1000L);
        }
        if (t == DataTypes.DateType) {
            return java.sql.Date.valueOf("2024-0" + (1 + rnd.nextInt(9)) + "-01");
        }
        if (t instanceof org.apache.spark.sql.types.ArrayType) {
            final org.apache.spark.sql.types.DataType e = ((org.apache.spark.sql.types.ArrayType) t).elementType();
            final List<Object> l = new ArrayList<>();
            for (int i = rnd.nextInt(3); i > 0; i--) {
                l.add(rnd.nextInt(5) == 0 ? null : e == DataTypes.DoubleType ? (Object) (rnd.nextInt(3) * 0.5)
                    : (Object) rnd.nextInt(3));
            }
            return scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq();
        }
        if (t instanceof StructType) {
            return RowFactory.create(rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(3),
                rnd.nextInt(3) == 0 ? null : "y");
        }
        final Map<String, Long> m = new HashMap<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            m.put("k" + i, rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(3));
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(m);
    }

    /** The library's verdict on one collected row: null when accepted, else its first sentence. */
    static String library(final ModelSignature sig, final StructType schema, final Row row) {
        try (ColumnBatch b = new ColumnBatch()) {
            for (int c = 1; c < schema.size(); c++) {
                final StructField f = schema.fields()[c];
                if (sig.inputs().input(f.name()) == null) {
                    continue; // only the signature's columns reach MLflow (spark_udf's arguments)
                }
                ColumnType nested = null;
                for (int i = 0; i < sig.inputs().size(); i++) {
                    final ColSpec s = (ColSpec) sig.inputs().input(i);
                    if (f.name().equals(s.name()) && !(s.type() instanceof DataType)) {
                        nested = s.type();
                    }
                }
                try {
                    SparkCells.addColumn(b, f.name(), f.dataType(), new Object[] {row.get(c)}, 1, nested);
                } catch (final SparkCells.SeamException e) {
                    return e.getMessage();
                }
            }
            final ColumnViolations v = new ColumnViolations(1);
            return ColumnEnforcer.compile(sig.inputs(), Mode.MLFLOW).check(b, v) ? null : v.message(0);
        }
    }

    @Test
    void sparkEqualsTheLibraryOnRandomSignaturesAndData() {
        final Random rnd = new Random(20260515L);
        int rowsCompared = 0;
        int invalidSeen = 0;
        int schemaRejected = 0;
        for (int trial = 0; trial < 16; trial++) {
            final int k = 1 + rnd.nextInt(3);
            StructType schema = new StructType().add("id", DataTypes.LongType, false);
            final StringBuilder inputs = new StringBuilder("[");
            for (int c = 0; c < k; c++) {
                final int t = rnd.nextInt(SPARK.length);
                schema = schema.add("c" + c, SPARK[t], true);
                final String spec = SPEC[rnd.nextInt(3) != 0 ? MATCH[t][rnd.nextInt(MATCH[t].length)] : rnd.nextInt(SPEC.length)];
                inputs.append(c == 0 ? "" : ", ").append(spec, 0, spec.length() - 1).append(", \"name\": \"c").append(c)
                    .append('"').append(rnd.nextInt(4) == 0 ? ", \"required\": false}" : "}");
            }
            final ModelSignature sig = TestSpark.signature(inputs.append(']').toString());
            final List<Row> rows = new ArrayList<>();
            for (long id = 0; id < 16; id++) {
                final Object[] cells = new Object[k + 1];
                cells[0] = id;
                for (int c = 0; c < k; c++) {
                    cells[c + 1] = value(schema.fields()[c + 1].dataType(), rnd);
                }
                rows.add(RowFactory.create(cells));
            }
            final Dataset<Row> df = TestSpark.session().createDataFrame(rows, schema);
            final CheckOptions.Engine engine = CheckOptions.Engine.values()[trial % 2];
            final CheckResult r = SignetSpark.check(df, sig, CheckOptions.defaults().idColumn("id").engine(engine));
            final String what = "trial " + trial + " " + engine + " " + schema.simpleString() + " " + inputs;
            if (!r.schemaViolations().isEmpty()) {
                // the whole dataset is rejected: the sentence is the library's for the rows of that column's non-null class
                schemaRejected++;
                final String m = r.schemaViolations().get(0).message;
                final String name = r.schemaViolations().get(0).input;
                ColSpec alone = null;
                for (int i = 0; i < sig.inputs().size(); i++) {
                    if (sig.inputs().input(i).name().equals(name)) {
                        alone = (ColSpec) sig.inputs().input(i);
                    }
                }
                final ModelSignature one = new ModelSignature(new io.signet.schema.Schema(List.of(alone)), null, null);
                boolean seen = false;
                for (final Row row : rows) {
                    if (!row.isNullAt(schema.fieldIndex(name))) {
                        assertEquals(m, library(one, schema, row), what);
                        seen = true;
                    }
                }
                final int col = schema.fieldIndex(r.schemaViolations().get(0).input);
                assertTrue(seen || rows.stream().allMatch(x -> x.isNullAt(col)), what + ": " + m);
                continue;
            }
            final Map<Long, String> first = new HashMap<>();
            for (final Row x : r.annotated().select("id", CheckResult.VIOLATIONS).collectAsList()) {
                final List<Row> vs = x.getList(1);
                first.put(x.getLong(0), vs.isEmpty() ? null : vs.get(0).getString(3));
            }
            assertEquals(rows.size(), first.size(), what);
            for (final Row row : rows) {
                final String lib = library(sig, schema, row);
                assertEquals(lib, first.get(row.getLong(0)), what + " row " + row);
                rowsCompared++;
                invalidSeen += lib == null ? 0 : 1;
            }
        }
        System.out.println("rows compared " + rowsCompared + ", invalid " + invalidSeen + ", schema-rejected trials "
            + schemaRejected);
        assertTrue(rowsCompared >= 80, "too few rows compared: " + rowsCompared);
        assertTrue(invalidSeen > 0 && invalidSeen < rowsCompared, "the property needs both verdicts");
        assertFalse(schemaRejected > 8, "too many trials rejected whole: " + schemaRejected);
    }
}
