package io.signet.bench;

import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.py.NdArray;
import io.signet.internal.tensor.TensorArena;
import io.signet.tensor.TensorView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Strict ragged-array checks: each of 1000 rows (views of different lengths) against shape[1:] and dtype. Score: ns per row. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class RaggedRowsBench {
    private static final int ROWS = 1000;
    private TensorArena arena;
    private NdArray ragged;
    private TensorSchemaEnforcer strict;
    private TensorSchemaEnforcer mlflow;
    private final TensorViolations violations = new TensorViolations(4);

    @Setup
    public void setup() {
        arena = new TensorArena();
        final Object[] rows = new Object[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = arena.allocate(DType.FLOAT32, 1 + i % 7, 3);
        }
        ragged = NdArray.objects(rows);
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, -1, 3}, null)));
        strict = TensorSchemaEnforcer.compile(s, io.signet.enforce.Mode.STRICT);
        mlflow = TensorSchemaEnforcer.compile(s, io.signet.enforce.Mode.MLFLOW);
        if (!strictRows() || !mlflowShortcut()) {
            throw new IllegalStateException("the ragged batch must conform");
        }
    }

    @TearDown
    public void close() {
        arena.close();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public boolean strictRows() {
        violations.reset();
        return strict.check(ragged, violations);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public boolean mlflowShortcut() {
        violations.reset();
        return mlflow.check(ragged, violations);
    }

    /** Baseline: touching each row's header without checking. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long baselineRowHeaderReads() {
        long s = 0;
        for (int i = 0; i < ROWS; i++) {
            final TensorView v = (TensorView) ragged.get(i);
            s += v.rank() + v.dim(0);
        }
        return s;
    }
}
