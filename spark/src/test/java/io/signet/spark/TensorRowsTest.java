package io.signet.spark;

import io.signet.schema.ModelSignature;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tensor signatures: nested ArrayType cells, .npy bytes in a BinaryType column, and binaryFile directories. */
class TensorRowsTest {
    static final String INPUTS = "["
        + "{\"name\": \"img\", \"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 2, 3]}},"
        + "{\"name\": \"npy\", \"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 2, 3]}}"
        + "]";
    static final StructType SCHEMA = new StructType()
        .add("id", DataTypes.LongType, false)
        .add("img", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, true), true), true)
        .add("npy", DataTypes.BinaryType, true);
    static final ModelSignature SIG = TestSpark.signature(INPUTS);
    static Dataset<Row> data;

    static Object img(final Float[]... rows) {
        final List<Object> l = new ArrayList<>();
        for (final Float[] r : rows) {
            l.add(r == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(r)).toSeq());
        }
        return scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq();
    }

    static final Float[] R3 = {1f, 2f, 3f};
    static final byte[] GOOD = TestSpark.npy("<f4", new long[] {1, 2, 3}, TestSpark.floats(6, 0.5f));

    @BeforeAll
    static void write() throws Exception {
        final List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(1L, img(R3, R3), GOOD));                                    // valid
        rows.add(RowFactory.create(2L, img(R3, R3, R3), GOOD));                                // shape (1, 3, 3)
        rows.add(RowFactory.create(3L, img(R3, new Float[] {1f, 2f}), GOOD));                  // ragged
        rows.add(RowFactory.create(4L, img(R3, new Float[] {1f, null, 3f}), GOOD));            // null element
        rows.add(RowFactory.create(5L, null, GOOD));                                           // null cell
        rows.add(RowFactory.create(6L, img(R3, R3), TestSpark.npy("<f8", new long[] {1, 2, 3}, new byte[48]))); // dtype
        rows.add(RowFactory.create(7L, img(R3, R3), Arrays.copyOf(GOOD, GOOD.length - 4)));   // truncated .npy
        rows.add(RowFactory.create(8L, img(R3, R3), "not a npy file".getBytes()));             // not .npy
        rows.add(RowFactory.create(9L, img(R3, R3), TestSpark.npy("<f4", new long[] {4, 2, 3}, TestSpark.floats(24, 1f)))); // batch of 4: fine
        data = TestSpark.parquet("tensors", rows, SCHEMA);
    }

    @Test
    void everyPlantedRowAndOnlyThose() {
        final Map<Long, List<String>> got = new TreeMap<>();
        final CheckResult r = SignetSpark.check(data, SIG, CheckOptions.defaults().idColumn("id"));
        for (final Row x : r.violations().collectAsList()) {
            got.computeIfAbsent(x.getLong(0), k -> new ArrayList<>()).add(x.getString(1) + " | " + x.getString(2)
                + " | " + x.getString(3) + " | " + x.getString(4));
        }
        got.forEach((k, v) -> System.out.println(k + ": " + v));
        assertEquals(new TreeSet<>(Arrays.asList(2L, 3L, 4L, 5L, 6L, 7L, 8L)), got.keySet());
        assertEquals(Collections.singletonList("img | inputs['img'] | INVALID_PARAMETER_VALUE | Shape of input (1, 3, 3) "
            + "does not match expected shape (-1, 2, 3)."), got.get(2L));
        assertEquals(Collections.singletonList("npy | null | UNREADABLE | npy: byte 128: the header promises 24 data "
            + "bytes (shape (1, 2, 3) of <f4) from byte 128 but the file ends at byte 148"), got.get(7L));
        final Summary s = r.summary();
        assertEquals(9, s.rowsChecked());
        assertEquals(7, s.rowsInvalid());
        assertEquals(Map.of("INVALID_PARAMETER_VALUE", 5L, "UNREADABLE", 2L), s.violationsPerErrorCode());
    }

    /** Strict no-NaN scans a nested cell's values and a .npy cell's data, as signet validate --no-nan does. */
    @Test
    void strictNoNaN() {
        final List<Row> rows = new ArrayList<>();
        rows.add(RowFactory.create(1L, img(R3, R3), GOOD));
        rows.add(RowFactory.create(2L, img(R3, new Float[] {1f, Float.NaN, 3f}), GOOD));
        rows.add(RowFactory.create(3L, img(R3, R3), TestSpark.npy("<f4", new long[] {1, 2, 3}, TestSpark.floats(6, Float.NaN))));
        final Dataset<Row> df = TestSpark.session().createDataFrame(rows, SCHEMA);
        final Map<Long, String> got = new TreeMap<>();
        for (final Row x : SignetSpark.check(df, SIG, CheckOptions.defaults().idColumn("id").rejectNaN())
            .violations().collectAsList()) {
            got.merge(x.getLong(0), x.getString(2) + " " + x.getString(5) + " " + x.getString(4), (a, b) -> a + "; " + b);
        }
        System.out.println("tensor strict no-NaN: " + got);
        assertEquals(new TreeSet<>(Arrays.asList(2L, 3L)), got.keySet());
        assertTrue(got.get(2L).startsWith("inputs['img'][0][1][1] tensor-nan"), got.get(2L));
        assertTrue(got.get(3L).startsWith("inputs['npy'][0][0][0] tensor-nan"), got.get(3L));
    }

    static byte[] npz(final Map<String, byte[]> entries) throws java.io.IOException {
        final java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bo)) {
            for (final Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new java.util.zip.ZipEntry(e.getKey() + ".npy"));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bo.toByteArray();
    }

    /** Spark's binaryFile source: one row per file, the file named in the messages as the CLI names it. */
    @Test
    void binaryFileDirectories() throws Exception {
        final Path one = TestSpark.dir("npy-files");
        Files.write(one.resolve("a.npy"), GOOD);
        Files.write(one.resolve("b.npy"), TestSpark.npy("<f4", new long[] {1, 3, 3}, TestSpark.floats(9, 1f)));
        Files.write(one.resolve("c.npy"), Arrays.copyOf(GOOD, 20));
        Files.write(one.resolve("notes.txt"), "not a tensor".getBytes());
        final ModelSignature unnamed = TestSpark.signature("[{\"type\": \"tensor\", \"tensor-spec\": "
            + "{\"dtype\": \"float32\", \"shape\": [-1, 2, 3]}}]");
        final Dataset<Row> files = SignetSpark.readTensorFiles(TestSpark.session(), one.toString());
        final CheckResult r = SignetSpark.check(files, unnamed, CheckOptions.defaults().idColumn("path"));
        final Map<String, String> got = new TreeMap<>();
        for (final Row x : r.violations().collectAsList()) {
            got.put(TensorCheck.fileName(x.getString(0)), x.getString(3) + " " + x.getString(4));
        }
        assertEquals(Map.of(
            "b.npy", "INVALID_PARAMETER_VALUE Shape of input (1, 3, 3) does not match expected shape (-1, 2, 3).",
            "c.npy", "UNREADABLE c.npy: byte 8: header length 118 runs past the end (20 bytes)"), got);
        assertEquals(3, r.summary().rowsChecked());

        final Path two = TestSpark.dir("npz-files");
        Files.write(two.resolve("x.npz"), npz(Map.of("img", GOOD, "npy", GOOD)));
        Files.write(two.resolve("y.npz"), npz(Map.of("img", GOOD)));
        Files.write(two.resolve("z.npy"), GOOD);
        final CheckResult r2 = SignetSpark.check(SignetSpark.readTensorFiles(TestSpark.session(), two.toString()), SIG, CheckOptions.defaults().idColumn("path"));
        final Map<String, String> got2 = new TreeMap<>();
        for (final Row x : r2.violations().collectAsList()) {
            got2.put(TensorCheck.fileName(x.getString(0)), x.getString(4));
        }
        assertEquals(Map.of("y.npz", "Model is missing inputs ['npy'].",
            "z.npy", "a .npy file holds one array, but the model takes 2 named inputs: use a .npz archive with one "
            + "entry per input"), got2);
    }
}
