package io.signet.spark;

import io.signet.schema.ModelSignature;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The one local[2] session every test class of this module shares, and small helpers. */
final class TestSpark {
    private static SparkSession session;
    private static Path scratch;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("signet-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** A fresh directory under one scratch root for the JVM. */
    static synchronized Path dir(final String name) throws IOException {
        if (scratch == null) {
            scratch = Files.createTempDirectory("signet-spark-test");
        }
        return Files.createTempDirectory(scratch, name);
    }

    /** Rows written as Parquet and read back: what a real job reads. */
    static Dataset<Row> parquet(final String name, final List<Row> rows, final StructType schema) throws IOException {
        final Path d = dir(name).resolve("data");
        session().createDataFrame(rows, schema).repartition(2).write().parquet(d.toString());
        return session().read().parquet(d.toString());
    }

    static ModelSignature signature(final String inputsJson) {
        return ModelSignature.fromJson("{\"inputs\": " + TestSpark.quote(inputsJson) + "}");
    }

    static String quote(final String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The ids of the rows a result calls invalid (from its violations table). */
    static Set<Long> invalidIds(final CheckResult r) {
        final Set<Long> ids = new TreeSet<>();
        for (final Row x : r.violations().select(r.idColumn()).distinct().collectAsList()) {
            ids.add(x.getLong(0));
        }
        return ids;
    }

    /** A .npy file image: C order, little-endian, version 1. */
    static byte[] npy(final String descr, final long[] shape, final byte[] data) {
        final StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        sh.append(')');
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh + ", }";
        final int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        final byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    static byte[] floats(final int n, final float v) {
        final ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(v);
        }
        return b.array();
    }
}
