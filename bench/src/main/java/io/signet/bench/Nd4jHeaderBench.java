package io.signet.bench;

import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.nd4j.Nd4jTensors;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The INDArray header check ({@code Nd4jTensors.check}: dtype/rank/dims from the array's own
 * metadata against a compiled spec), and, for comparison, wrapping a full view first (metadata
 * reads plus the bounds check of shape x strides against the buffer, needed only when values are
 * read). Baseline: reading the metadata ND4J exposes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class Nd4jHeaderBench {
    private INDArray array;
    private INDArray view;
    private final INDArray[] many = new INDArray[16];
    private int next;
    private TensorSchemaEnforcer enforcer;
    private final TensorView tv = new TensorView();
    private final TensorViolations violations = new TensorViolations(4);

    @Setup
    public void setup() {
        array = Nd4j.rand(DataType.FLOAT, 32, 28, 28);
        view = array.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 20));
        enforcer = TensorSchemaEnforcer.compile(new Schema(List.of(new TensorSpec(DType.FLOAT32,
            new long[] {-1, 28, 28}, null))), io.signet.enforce.Mode.MLFLOW);
        for (int i = 0; i < many.length; i++) {
            many[i] = Nd4j.rand(DataType.FLOAT, 8, 28, 28);
        }
        if (!check() || !checkView() || !checkRotating() || !wrapAndCheck()) {
            throw new IllegalStateException("the arrays must conform");
        }
    }

    @Benchmark
    public boolean check() {
        violations.reset();
        return Nd4jTensors.check(enforcer, array, tv, violations);
    }

    @Benchmark
    public boolean checkView() {
        violations.reset();
        return Nd4jTensors.check(enforcer, view, tv, violations);
    }

    /** A different array each call (16 in turn, as a server sees a new array per request). */
    @Benchmark
    public boolean checkRotating() {
        violations.reset();
        return Nd4jTensors.check(enforcer, many[next++ & 15], tv, violations);
    }

    /** Wrap a bounds-checked view, then check it: what a strict value scan starts with. */
    @Benchmark
    public boolean wrapAndCheck() {
        violations.reset();
        return enforcer.check(Nd4jTensors.wrap(array, tv), violations);
    }

    @Benchmark
    public boolean wrapAndCheckRotating() {
        violations.reset();
        return enforcer.check(Nd4jTensors.wrap(many[next++ & 15], tv), violations);
    }

    @Benchmark
    public long baselineMetadataReads() {
        return array.dataType().ordinal() + array.shape()[1] + array.stride()[0] + array.offset()
            + array.data().address();
    }
}
