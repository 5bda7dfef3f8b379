package io.signet.nd4j;

import io.signet.enforce.Mode;
import io.signet.enforce.TensorSchemaEnforcer.TensorPolicy;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import io.signet.testing.Allocations;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Nd4jTensors#check} decides conforming headers without a view: its verdict and violations
 * must be exactly those of wrapping a view and checking it, for every array and enforcer.
 */
class Nd4jHeaderCheckTest {
    private static List<INDArray> arrays() {
        final List<INDArray> out = new ArrayList<>();
        final INDArray f = Nd4j.rand(DataType.FLOAT, 6, 28, 28);
        out.add(f);
        out.add(f.get(NDArrayIndex.interval(1, 4)));
        out.add(f.permute(1, 0, 2));
        out.add(f.get(NDArrayIndex.point(2)));
        out.add(Nd4j.rand(DataType.DOUBLE, 6, 28, 28));
        out.add(Nd4j.rand(DataType.FLOAT, 6, 28, 27));
        out.add(Nd4j.rand(DataType.FLOAT, 6, 28, 28, 1));
        out.add(Nd4j.create(DataType.FLOAT, 0, 28, 28));
        out.add(Nd4j.scalar(DataType.FLOAT, 1f));
        final INDArray nan = Nd4j.rand(DataType.FLOAT, 2, 28, 28);
        nan.putScalar(new long[] {1, 3, 4}, Float.NaN);
        out.add(nan);
        final INDArray big = Nd4j.rand(DataType.FLOAT, 2, 28, 28).muli(10);
        out.add(big);
        out.add(Nd4j.zeros(DataType.UBYTE, 3, 28, 28));
        out.add(Nd4j.zeros(DataType.LONG, 3, 28, 28));
        out.add(Nd4j.zeros(DataType.FLOAT, 28, 28, 3).permute(2, 0, 1));
        return out;
    }

    private static List<TensorSchemaEnforcer> enforcers() {
        final Schema unnamed = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 28, 28}, null)));
        final Schema named = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 28, 28}, "x")));
        final Schema two = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 28, 28}, "x"),
            new TensorSpec(DType.INT64, new long[] {-1}, "y")));
        final Schema fixed = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {3, 28, 28}, null)));
        final Schema u8 = new Schema(List.of(new TensorSpec(DType.UINT8, new long[] {-1, -1, 28}, null)));
        final Schema dt = new Schema(List.of(new TensorSpec(DType.datetime64("s"), new long[] {-1, 28, 28}, null)));
        final List<TensorSchemaEnforcer> out = new ArrayList<>();
        for (final Schema s : List.of(unnamed, named, two, fixed, u8, dt)) {
            out.add(TensorSchemaEnforcer.compile(s, Mode.MLFLOW));
            out.add(TensorSchemaEnforcer.compile(s, Mode.STRICT));
            out.add(TensorSchemaEnforcer.compile(s, Mode.STRICT, TensorPolicy.NONE.rejectNaN().rejectInf()));
            out.add(TensorSchemaEnforcer.compile(s, Mode.STRICT, TensorPolicy.NONE.range(0, 1)));
        }
        return out;
    }

    private static List<String> violations(final TensorViolations v) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < v.count(); i++) {
            out.add(v.message(i) + " @ " + v.path(i) + " / " + v.deviation(i));
        }
        return out;
    }

    @Test
    void headerVerdictEqualsTheWrappedViewsVerdictForEveryArrayAndEnforcer() {
        final TensorView scratch = new TensorView();
        final TensorView view = new TensorView();
        int accepted = 0;
        int rejected = 0;
        for (final TensorSchemaEnforcer e : enforcers()) {
            for (final INDArray a : arrays()) {
                final TensorViolations want = new TensorViolations(8);
                final boolean expect = e.check(Nd4jTensors.wrap(a, view), want);
                final TensorViolations got = new TensorViolations(8);
                final boolean actual = Nd4jTensors.check(e, a, scratch, got);
                final String what = e.schema().repr() + " " + e.mode() + " on " + a.shapeInfoToString();
                assertEquals(expect, actual, what);
                assertEquals(violations(want), violations(got), what);
                if (e.inputCount() == 2) {
                    final TensorViolations want1 = new TensorViolations(8);
                    final TensorViolations got1 = new TensorViolations(8);
                    assertEquals(e.checkSpec(0, Nd4jTensors.wrap(a, view), want1),
                        Nd4jTensors.checkInput(e, 0, a, scratch, got1), what);
                    assertEquals(violations(want1), violations(got1), what);
                }
                if (actual) {
                    accepted++;
                } else {
                    rejected++;
                }
            }
        }
        assertTrue(accepted > 20 && rejected > 100, accepted + " accepted, " + rejected + " rejected");
    }

    @Test
    void strictValuePoliciesStillReadTheValues() {
        final INDArray nan = Nd4j.rand(DataType.FLOAT, 2, 28, 28);
        nan.putScalar(new long[] {1, 3, 4}, Float.NaN);
        final Schema s = new Schema(List.of(new TensorSpec(DType.FLOAT32, new long[] {-1, 28, 28}, null)));
        final TensorViolations v = new TensorViolations(4);
        assertTrue(Nd4jTensors.check(TensorSchemaEnforcer.compile(s, Mode.MLFLOW), nan, new TensorView(), v));
        assertFalse(Nd4jTensors.check(TensorSchemaEnforcer.compile(s, Mode.STRICT, TensorPolicy.NONE.rejectNaN()), nan,
            new TensorView(), v));
        assertEquals("inputs[1][3][4]", v.path(0));
    }

    @Test
    void theHeaderCheckAllocatesNothing() {
        final TensorSchemaEnforcer e = TensorSchemaEnforcer.compile(new Schema(List.of(
            new TensorSpec(DType.FLOAT32, new long[] {-1, 28, 28}, null))), Mode.MLFLOW);
        final INDArray[] many = new INDArray[8];
        for (int i = 0; i < many.length; i++) {
            many[i] = Nd4j.rand(DataType.FLOAT, i + 1, 28, 28);
        }
        final TensorView scratch = new TensorView();
        final TensorViolations v = new TensorViolations(4);
        final boolean[] ok = {true};
        final long bytes = Allocations.steadyState(() -> {
            for (int i = 0; i < 10_000; i++) {
                ok[0] &= Nd4jTensors.check(e, many[i & 7], scratch, v);
            }
        }, 20);
        assertTrue(ok[0]);
        assertEquals(0, bytes, "bytes allocated by 10,000 header checks");
    }
}
