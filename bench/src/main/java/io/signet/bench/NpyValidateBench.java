package io.signet.bench;

import io.signet.enforce.TensorSchemaEnforcer.TensorPolicy;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Validating a large float32 .npy file in place (page cache warm): header check only (MLflow mode)
 * and strict NaN/Inf scan over the mapped data in 64 MiB regions. Score: ms per file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class NpyValidateBench {
    @Param({"256"})
    public int megabytes;

    private Path file;
    private TensorSchemaEnforcer header;
    private TensorSchemaEnforcer strict;
    private final TensorViolations violations = new TensorViolations(4);

    @Setup
    public void setup() throws IOException {
        file = Files.createTempFile("signet-bench", ".npy");
        final long n = (long) megabytes * 1024 * 1024 / 4;
        final StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ",), }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            final ByteBuffer pre = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length());
            pre.put(h.toString().getBytes(StandardCharsets.US_ASCII)).flip();
            ch.write(pre);
            final ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < n; i += chunk.capacity() / 4) {
                chunk.clear();
                for (int k = 0; k < chunk.capacity() / 4; k++) {
                    chunk.putFloat(k);
                }
                chunk.flip();
                ch.write(chunk);
            }
        }
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1}, null)));
        header = TensorSchemaEnforcer.compile(s, io.signet.enforce.Mode.MLFLOW);
        strict = TensorSchemaEnforcer.compile(s, io.signet.enforce.Mode.STRICT,
            TensorPolicy.NONE.rejectNaN().rejectInf());
        if (!headerOnly() || !strictScan()) {
            throw new IllegalStateException("the file must conform");
        }
    }

    @TearDown
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public boolean headerOnly() throws IOException {
        violations.reset();
        return header.checkNpy(0, file, violations);
    }

    @Benchmark
    public boolean strictScan() throws IOException {
        violations.reset();
        return strict.checkNpy(0, file, violations, 64 << 20);
    }
}
