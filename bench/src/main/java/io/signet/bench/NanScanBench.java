package io.signet.bench;

import io.signet.tensor.DType;
import io.signet.internal.tensor.TensorScan;
import io.signet.tensor.TensorView;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * float32 NaN/Inf scan (branch-free, 4 accumulators) against a plain read loop (a 4-accumulator
 * float sum) over the same off-heap memory, in the same run; with Agrona's bounds checks on and off.
 * Score: microseconds per pass over {@code n} floats (GB/s = 4n / score / 1000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class NanScanBench {
    @Param({"1048576"})
    public int n;

    private UnsafeBuffer buffer;
    private final TensorView view = new TensorView();

    @Setup
    public void setup() {
        final ByteBuffer bb = BufferUtil.allocateDirectAligned(n * 4, 64);
        buffer = new UnsafeBuffer(bb);
        for (int i = 0; i < n; i++) {
            buffer.putFloat(i * 4, i * 0.5f);
        }
        view.wrap(DType.FLOAT32, buffer, 0, n);
        if (TensorScan.firstNonFinite(view, true, true) != -1) {
            throw new IllegalStateException("the clean buffer must scan clean");
        }
    }

    @Benchmark
    public long nanScan() {
        return TensorScan.firstNonFinite(view, true, true);
    }

    /** The kernel alone on the caller's buffer (no view). */
    @Benchmark
    public boolean kernelOnly() {
        return TensorScan.anyNonFiniteF32(buffer, 0, n);
    }

    @Benchmark
    public float plainReadLoop() {
        return TensorScan.sumF32(buffer, 0, n);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "-Dagrona.disable.bounds.checks=true"})
    public long nanScanNoBoundsChecks() {
        return TensorScan.firstNonFinite(view, true, true);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "-Dagrona.disable.bounds.checks=true"})
    public float plainReadLoopNoBoundsChecks() {
        return TensorScan.sumF32(buffer, 0, n);
    }
}
