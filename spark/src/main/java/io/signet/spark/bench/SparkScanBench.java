package io.signet.spark.bench;

import io.signet.schema.ModelDirectory;
import io.signet.schema.ModelSignature;
import io.signet.spark.CheckOptions;
import io.signet.spark.SignetSpark;
import io.signet.spark.Summary;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Not API: the data generator and the scan-rate benchmark behind {@code bench/spark-scan.sh}.
 *
 * <pre>
 *   generate DIR ROWS TENSORS   seeded Parquet datasets with planted violations, their models, the planted ids
 *   run DIR REPS                count(), a sum over every numeric column, and SignetSpark.check(...).summary()
 * </pre>
 *
 * Planted rows are a function of the id (below), so the expected invalid set is known without storing it.
 */
public final class SparkScanBench {
    private SparkScanBench() {
    }

    // ------------------------------------------------------------------ planted violations (columns)

    /** a (IntegerType for long) is null: pandas makes the column float64, MLflow rejects. */
    static boolean nullInt(final long id) {
        return id % 99_991 == 7;
    }

    /** arr holds a null element: MLflow rejects None inside Array(double). */
    static boolean nullElement(final long id) {
        return id % 99_989 == 11;
    }

    /** arr is null: a required Array column, MLflow rejects. */
    static boolean nullArray(final long id) {
        return id % 99_971 == 13;
    }

    /** b or s is null: MLflow accepts (NaN in a double column, None in a string column). */
    static boolean acceptedNull(final long id) {
        return id % 7_919 == 3;
    }

    static boolean columnsInvalid(final long id) {
        return nullInt(id) || nullElement(id) || nullArray(id);
    }

    // ------------------------------------------------------------------ planted violations (tensors)

    static boolean shortImage(final long id) {
        return id % 4_999 == 17; // 27 x 28
    }

    static boolean raggedImage(final long id) {
        return id % 4_993 == 19; // last row 27 long
    }

    static boolean nullPixel(final long id) {
        return id % 4_987 == 23;
    }

    static boolean float64Npy(final long id) {
        return id % 4_973 == 29;
    }

    static boolean tensorsInvalid(final long id) {
        return shortImage(id) || raggedImage(id) || nullPixel(id) || float64Npy(id);
    }

    static final String COLUMNS_SIGNATURE = "{\"inputs\": \"["
        + "{\\\"name\\\": \\\"a\\\", \\\"type\\\": \\\"long\\\"}, {\\\"name\\\": \\\"b\\\", \\\"type\\\": \\\"double\\\"}, "
        + "{\\\"name\\\": \\\"c\\\", \\\"type\\\": \\\"long\\\"}, {\\\"name\\\": \\\"d\\\", \\\"type\\\": \\\"float\\\"}, "
        + "{\\\"name\\\": \\\"s\\\", \\\"type\\\": \\\"string\\\"}, "
        + "{\\\"name\\\": \\\"arr\\\", \\\"type\\\": \\\"array\\\", \\\"items\\\": {\\\"type\\\": \\\"double\\\"}}, "
        + "{\\\"name\\\": \\\"flag\\\", \\\"type\\\": \\\"boolean\\\"}]\"}";
    static final String TENSORS_SIGNATURE = "{\"inputs\": \"["
        + "{\\\"name\\\": \\\"img\\\", \\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": {\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, 28, 28]}}, "
        + "{\\\"name\\\": \\\"npy\\\", \\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": {\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, 28, 28]}}]\"}";

    /** Writes DIR/columns, DIR/tensors (Parquet), their signatures and the planted ids. */
    public static void generate(final SparkSession spark, final Path dir, final long rows, final long tensors)
        throws IOException {
        Files.createDirectories(dir);
        final Dataset<Row> cols = spark.range(0, rows, 1, 8).select(
            col("id"),
            when(expr("id % 99991 = 7"), lit(null)).otherwise(expr("cast(id % 1000 as int)")).as("a"),
            when(expr("id % 7919 = 3"), lit(null)).otherwise(expr("cast(hash(id) % 10000 as double) / 100")).as("b"),
            expr("id * 31 % 1000").as("c"),
            expr("cast(hash(id, 1) % 1000 / 10 as float)").as("d"),
            when(expr("id % 7919 = 3"), lit(null)).otherwise(expr("concat('s', id % 1000)")).as("s"),
            when(expr("id % 99971 = 13"), lit(null).cast("array<double>"))
                .when(expr("id % 99989 = 11"), expr("array(1.0d, cast(null as double), 2.0d, 3.0d)"))
                .otherwise(expr("array(cast(id % 7 as double), 1.5d, 2.5d, cast(id % 3 as double))")).as("arr"),
            expr("id % 2 = 0").as("flag"));
        cols.write().mode("overwrite").parquet(dir.resolve("columns").toString());
        final UDF1<Long, byte[]> npy = id -> npyImage(id, float64Npy(id));
        final Dataset<Row> ts = spark.range(0, tensors, 1, 8).select(
            col("id"),
            when(expr("id % 4999 = 17"), expr("transform(sequence(1, 27), i -> transform(sequence(1, 28), j -> "
                + "cast(abs(hash(id, i, j)) % 256 / 255 as float)))"))
                .when(expr("id % 4993 = 19"), expr("transform(sequence(1, 28), i -> transform(sequence(1, if(i = 28, 27, 28)), "
                    + "j -> cast(abs(hash(id, i, j)) % 256 / 255 as float)))"))
                .when(expr("id % 4987 = 23"), expr("transform(sequence(1, 28), i -> transform(sequence(1, 28), j -> "
                    + "if(i = 3 and j = 4, cast(null as float), cast(abs(hash(id, i, j)) % 256 / 255 as float))))"))
                .otherwise(expr("transform(sequence(1, 28), i -> transform(sequence(1, 28), j -> "
                    + "cast(abs(hash(id, i, j)) % 256 / 255 as float)))")).as("img"),
            functions.udf(npy, DataTypes.BinaryType).apply(col("id")).as("npy"));
        ts.write().mode("overwrite").parquet(dir.resolve("tensors").toString());
        Files.createDirectories(dir.resolve("model-columns"));
        Files.createDirectories(dir.resolve("model-tensors"));
        Files.write(dir.resolve("model-columns/signature.json"), COLUMNS_SIGNATURE.getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("model-tensors/signature.json"), TENSORS_SIGNATURE.getBytes(StandardCharsets.UTF_8));
        final StringBuilder pc = new StringBuilder();
        for (long id = 0; id < rows; id++) {
            if (columnsInvalid(id)) {
                pc.append(id).append('\n');
            }
        }
        Files.write(dir.resolve("planted-columns.txt"), pc.toString().getBytes(StandardCharsets.UTF_8));
        final StringBuilder pt = new StringBuilder();
        for (long id = 0; id < tensors; id++) {
            if (tensorsInvalid(id)) {
                pt.append(id).append('\n');
            }
        }
        Files.write(dir.resolve("planted-tensors.txt"), pt.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A (1, 28, 28) .npy image of the id's pixels, float32 (or float64: a planted dtype violation). */
    static byte[] npyImage(final long id, final boolean f64) {
        final String header0 = "{'descr': '" + (f64 ? "<f8" : "<f4") + "', 'fortran_order': False, 'shape': (1, 28, 28), }";
        final int pad = (64 - (10 + header0.length() + 1) % 64) % 64;
        final byte[] h = (header0 + " ".repeat(pad) + "\n").getBytes(StandardCharsets.US_ASCII);
        final int item = f64 ? 8 : 4;
        final ByteBuffer b = ByteBuffer.allocate(10 + h.length + 784 * item).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h);
        for (int i = 0; i < 784; i++) {
            final float v = (float) ((id * 31 + i) % 256) / 255f;
            if (f64) {
                b.putDouble(v);
            } else {
                b.putFloat(v);
            }
        }
        return b.array();
    }

    // ------------------------------------------------------------------ run

    private static double seconds(final Runnable r) {
        final long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Median of the timings after one warm-up. */
    private static double median(final int reps, final Runnable r) {
        r.run();
        final List<Double> ts = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            ts.add(seconds(r));
        }
        ts.sort(Double::compare);
        return ts.get(ts.size() / 2);
    }

    public static void run(final SparkSession spark, final Path dir, final int reps) throws Exception {
        final StringBuilder out = new StringBuilder();
        out.append("| dataset | rows | count() s | sum s | Signet summary() s | Signet rows/s | ratio vs sum | ratio vs count |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (final String set : new String[] {"columns", "tensors"}) {
            final Dataset<Row> data = spark.read().parquet(dir.resolve(set).toString());
            final ModelSignature sig = ModelDirectory.open(dir.resolve("model-" + set + "/signature.json")).signature();
            final long n = data.count();
            final Column[] sums = set.equals("columns")
                ? new Column[] {functions.sum("a"), functions.sum("b"), functions.sum("c"), functions.sum("d"),
                    functions.sum(expr("aggregate(arr, 0d, (acc, x) -> acc + coalesce(x, 0d))"))}
                : new Column[] {functions.sum(expr("aggregate(flatten(img), 0d, (acc, x) -> acc + coalesce(x, 0d))")),
                    functions.sum(functions.length(col("npy")))};
            final double tCount = median(reps, () -> data.count());
            final double tSum = median(reps, () -> data.agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length)).collectAsList());
            for (final CheckOptions.Engine e : CheckOptions.Engine.values()) {
                final CheckOptions o = CheckOptions.defaults().idColumn("id").engine(e);
                final Summary[] s = new Summary[1];
                final double tCheck = median(reps, () -> s[0] = SignetSpark.check(data, sig, o).summary());
                out.append(String.format(Locale.ROOT, "| %s (%s) | %,d | %.2f | %.2f | %.2f | %,.0f | %.2fx | %.2fx |%n",
                    set, e.name().toLowerCase(Locale.ROOT), n, tCount, tSum, tCheck, n / tCheck, tSum / tCheck,
                    tCount / tCheck));
                out.append("<!-- ").append(set).append(' ').append(e).append(": ").append(s[0]).append(" -->\n");
            }
            final Summary sample = SignetSpark.check(data, sig, CheckOptions.defaults().idColumn("id").sample(10)).summary();
            out.append("<!-- ").append(set).append(" MLflow limit(10): ").append(sample.sample() == null ? "n/a (tensors)"
                : (sample.sample().accepted ? "accepted, misses " + sample.missedBySample() + " invalid rows"
                : "rejected: " + sample.sample().message)).append(" -->\n");
        }
        System.out.print(out);
    }

    public static void main(final String[] args) throws Exception {
        final SparkSession spark = SparkSession.builder().appName("signet spark-scan").master(
            System.getProperty("spark.master", "local[2]")).config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false").getOrCreate();
        try {
            if (args[0].equals("generate")) {
                generate(spark, Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
            } else {
                run(spark, Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3);
            }
        } finally {
            spark.stop();
        }
    }
}
