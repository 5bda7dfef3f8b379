package io.signet.bench;

import io.signet.schema.ModelSignature;
import io.signet.enforce.Mode;
import io.signet.tensor.DType;
import io.signet.validate.BatchRun;
import io.signet.validate.FileResult;
import io.signet.validate.FileValidator;
import io.signet.validate.NpyWriter;
import io.signet.validate.TensorFileValidator;
import io.signet.validate.ValidationOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Batch validation of a directory of float32 {@code .npy} files on all cores against simply reading
 * the same bytes on all cores (memory-mapped, every float summed): issue 7's "at least 0.5x the plain
 * read". {@code strict-no-nan} scans every value (the fair comparison: both touch every byte);
 * {@code mlflow} checks headers only, as MLflow does. One op = the whole batch (256 MB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BatchValidateBench {
    static final int FILES = 32;
    static final int ROWS = 2048;
    static final int COLS = 1024; // 2048 x 1024 float32 = 8 MB per file

    @Param({"strict-no-nan", "mlflow"})
    public String mode;

    private Path dir;
    private List<Path> files;
    private BatchRun run;
    private ExecutorService pool;
    private int jobs;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("signet-batch-bench");
        files = new ArrayList<>();
        final ByteBuffer data = ByteBuffer.allocateDirect(ROWS * COLS * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < FILES; f++) {
            data.clear();
            for (int i = 0; i < ROWS * COLS; i++) {
                data.putFloat((i * 31 + f) * 1e-3f);
            }
            data.flip();
            final Path p = dir.resolve(String.format("part-%03d.npy", f));
            NpyWriter.write(p, DType.FLOAT32, new long[] {ROWS, COLS}, data);
            files.add(p);
        }
        final var sig = ModelSignature.fromJson("{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
            + "{\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, " + COLS + "]}}]\"}");
        final boolean strict = mode.equals("strict-no-nan");
        final ValidationOptions o = new ValidationOptions(strict ? Mode.STRICT : Mode.MLFLOW, strict, false, 10);
        final List<FileValidator> vs = List.of(new TensorFileValidator(sig.inputs(), o));
        jobs = Runtime.getRuntime().availableProcessors();
        run = new BatchRun(vs, jobs, 10, false);
        pool = Executors.newFixedThreadPool(jobs);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pool.shutdownNow();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Signet: validate every file (the CLI's own BatchRun and validator). */
    @Benchmark
    public long validateBatch() throws InterruptedException {
        final BatchRun.Totals t = new BatchRun.Totals();
        final List<FileResult> rs = run.run(files, r -> { }, t);
        if (t.validFiles != FILES) {
            throw new IllegalStateException("expected every file valid: " + rs.get(0).problems());
        }
        return t.bytes;
    }

    /** Baseline: map each file and sum every float, on the same number of threads. */
    @Benchmark
    public double plainReadBatch() throws Exception {
        final List<Future<Double>> fs = new ArrayList<>(FILES);
        for (final Path p : files) {
            fs.add(pool.submit(() -> sum(p)));
        }
        double s = 0;
        for (final Future<Double> f : fs) {
            s += f.get();
        }
        return s;
    }

    static double sum(final Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            final MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            m.order(ByteOrder.LITTLE_ENDIAN);
            final int start = 128;
            final int n = (int) ((ch.size() - start) / 4);
            float a = 0;
            float b = 0;
            float c = 0;
            float d = 0;
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                final int o = start + i * 4;
                a += m.getFloat(o);
                b += m.getFloat(o + 4);
                c += m.getFloat(o + 8);
                d += m.getFloat(o + 12);
            }
            for (; i < n; i++) {
                a += m.getFloat(start + i * 4);
            }
            return a + b + c + d;
        }
    }
}
