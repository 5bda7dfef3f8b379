package io.signet.nd4j;

import io.signet.enforce.Mode;
import io.signet.enforce.TensorSchemaEnforcer.TensorPolicy;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Nd4jTensors#check} / {@link Nd4jTensors#checkInput} against wrap + check over arrays whose
 * metadata might mislead (views, offsets, empty and rank-0 arrays, every ND4J data type) and
 * enforcers of every dtype, shape pattern, mode and value policy. Exceptions count as outcomes.
 */
class Nd4jHeaderAdversarialTest {
    private static final DataType[] TYPES = {DataType.DOUBLE, DataType.FLOAT, DataType.HALF, DataType.BFLOAT16,
        DataType.LONG, DataType.INT, DataType.SHORT, DataType.BYTE, DataType.UBYTE, DataType.UINT16, DataType.UINT32,
        DataType.UINT64, DataType.BOOL};

    private static List<INDArray> arrays(final DataType t) {
        final List<INDArray> out = new ArrayList<>();
        final INDArray base = Nd4j.linspace(-3, 8, 24, DataType.DOUBLE).castTo(t).reshape(4, 6);
        out.add(base);
        out.add(base.get(NDArrayIndex.interval(1, 3)));                         // offset view
        out.add(base.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4)));    // strided view
        out.add(base.get(NDArrayIndex.interval(0, 2, 4), NDArrayIndex.interval(1, 2, 6)));
        out.add(base.get(NDArrayIndex.point(3)));                               // rank-1 view at an offset
        out.add(base.get(NDArrayIndex.point(3), NDArrayIndex.point(5)));        // rank-0 view at the last element
        out.add(base.getRow(2));
        out.add(base.getColumn(5));
        out.add(base.transpose());
        out.add(base.permute(1, 0));
        out.add(base.reshape(2, 3, 4));
        out.add(base.reshape(24));
        out.add(base.reshape(1, 24));
        out.add(base.reshape(24, 1));
        out.add(base.get(NDArrayIndex.interval(1, 3)).reshape(12));
        out.add(base.dup('f'));
        out.add(base.dup('f').get(NDArrayIndex.interval(2, 4)));
        out.add(base.ravel());
        out.add(base.tensorAlongDimension(1, 1));
        out.add(Nd4j.create(t, 0));
        out.add(Nd4j.create(t, 0, 6));
        out.add(Nd4j.create(t, 4, 0));
        out.add(Nd4j.empty(t));
        out.add(Nd4j.scalar(t, 1));
        out.add(Nd4j.ones(t, 1).reshape(1, 1, 1));
        out.add(Nd4j.valueArrayOf(new long[] {2, 3}, t == DataType.BOOL ? 1.0 : 7.0, t));
        if (t.isFPType()) {
            final INDArray nan = base.dup();
            nan.putScalar(1, 2, Double.NaN);
            out.add(nan);
            out.add(nan.get(NDArrayIndex.interval(1, 2)));
            final INDArray inf = base.dup();
            inf.putScalar(0, 0, Double.NEGATIVE_INFINITY);
            out.add(inf);
        }
        return out;
    }

    private static List<TensorSchemaEnforcer> enforcers(final DType dt) {
        final List<long[]> shapes = List.of(new long[] {-1}, new long[] {-1, -1}, new long[] {-1, 6}, new long[] {4, 6},
            new long[] {2, 6}, new long[] {0}, new long[] {-1, 0}, new long[] {-1, 3, 4}, new long[] {6, -1},
            new long[] {1, 1, 1});
        final List<Schema> schemas = new ArrayList<>();
        for (final long[] sh : shapes) {
            schemas.add(new Schema(List.of(new TensorSpec(dt, sh, null))));
            schemas.add(new Schema(List.of(new TensorSpec(dt, sh, "x"))));
            schemas.add(new Schema(List.of(new TensorSpec(dt, sh, "x"), new TensorSpec(dt, new long[] {-1}, "y"))));
        }
        schemas.add(new Schema(List.of(new TensorSpec(DType.OBJECT, new long[] {-1}, null))));
        schemas.add(new Schema(List.of(new TensorSpec(DType.OBJECT, new long[] {-1, 6}, null))));
        schemas.add(new Schema(List.of(new TensorSpec(dt == DType.FLOAT64 ? DType.FLOAT32 : DType.FLOAT64,
            new long[] {-1, 6}, null))));
        schemas.add(new Schema(List.of(new TensorSpec(DType.parse(">f8"), new long[] {-1, 6}, null))));
        final List<TensorPolicy> policies = List.of(TensorPolicy.NONE, TensorPolicy.NONE.rejectNaN(),
            TensorPolicy.NONE.rejectInf(), TensorPolicy.NONE.range(-3, 8), TensorPolicy.NONE.range(0, 1),
            TensorPolicy.NONE.maxBytes(1), TensorPolicy.NONE.rejectNaT(), TensorPolicy.NONE.checkUcs4(false),
            TensorPolicy.NONE.raggedRows(false));
        final List<TensorSchemaEnforcer> out = new ArrayList<>();
        for (final Schema s : schemas) {
            out.add(TensorSchemaEnforcer.compile(s, Mode.MLFLOW));
            out.add(TensorSchemaEnforcer.compile(s, Mode.MLFLOW, TensorPolicy.NONE.range(0, 1)));
            for (final TensorPolicy p : policies) {
                out.add(TensorSchemaEnforcer.compile(s, Mode.STRICT, p));
            }
        }
        return out;
    }

    private static String violations(final TensorViolations v) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.count(); i++) {
            sb.append(v.message(i)).append(" @ ").append(v.path(i)).append(" / ").append(v.deviation(i)).append('\n');
        }
        return sb.toString();
    }

    private interface Outcome {
        boolean run(TensorViolations v);
    }

    private static String outcome(final Outcome o) {
        final TensorViolations v = new TensorViolations(8);
        try {
            return o.run(v) + "\n" + violations(v);
        } catch (RuntimeException e) {
            return "throws " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void everyDataTypeViewAndEnforcerGivesTheWrappedVerdict() {
        final TensorView view = new TensorView();
        final TensorView scratch = new TensorView();
        int accepted = 0;
        int compared = 0;
        for (final DataType t : TYPES) {
            final DType dt = Nd4jTensors.dtypeOf(t);
            final List<INDArray> as = arrays(t);
            for (final TensorSchemaEnforcer e : enforcers(dt == null ? DType.FLOAT32 : dt)) {
                for (final INDArray a : as) {
                    final String what = t + " " + e.schema().repr() + " " + e.mode() + " on " + a.shapeInfoToString();
                    final String want = outcome(v -> e.check(Nd4jTensors.wrap(a, view), v));
                    final String got = outcome(v -> Nd4jTensors.check(e, a, scratch, v));
                    assertEquals(want, got, what);
                    for (int i = 0; i < e.inputCount(); i++) {
                        final int k = i;
                        assertEquals(outcome(v -> e.checkSpec(k, Nd4jTensors.wrap(a, view), v)),
                            outcome(v -> Nd4jTensors.checkInput(e, k, a, scratch, v)), what + " input " + i);
                    }
                    compared++;
                    if (got.startsWith("true")) {
                        accepted++;
                    }
                }
            }
        }
        assertTrue(accepted > 1000 && compared - accepted > 1000, accepted + " of " + compared + " accepted");
    }

    @Test
    void utf8ArraysAreRefusedAlike() {
        final INDArray s = Nd4j.create("a", "bc", "\u00e9");
        final TensorView view = new TensorView();
        for (final DType dt : new DType[] {DType.STR, DType.OBJECT, DType.FLOAT32}) {
            for (final long[] sh : new long[][] {{-1}, {3}}) {
                final TensorSchemaEnforcer e = TensorSchemaEnforcer.compile(new Schema(List.of(new TensorSpec(dt, sh,
                    null))), Mode.STRICT);
                assertEquals(outcome(v -> e.check(Nd4jTensors.wrap(s, view), v)),
                    outcome(v -> Nd4jTensors.check(e, s, new TensorView(), v)), dt + " " + sh.length);
            }
        }
    }

    /**
     * headerConforms must give checkSpec's verdict for any header, not only ND4J's: sized and
     * big-endian array dtypes against str/bytes/float/datetime specs (sized spec dtypes are refused
     * by TensorSpec itself, as MLflow refuses them).
     */
    @Test
    void headerConformsEqualsCheckSpecForStringAndByteOrderHeaders() {
        for (final DType spec : new DType[] {DType.STR, DType.BYTES,
            DType.FLOAT32, DType.parse(">f4"), DType.datetime64("s")}) {
            for (final DType actual : new DType[] {DType.parse("<U7"), DType.parse("|S3"), DType.unicode(2),
                DType.FLOAT32, DType.parse(">f4"), DType.datetime64("s"), DType.datetime64("ms")}) {
                for (final Mode mode : Mode.values()) {
                    final TensorSchemaEnforcer e = TensorSchemaEnforcer.compile(new Schema(List.of(new TensorSpec(spec,
                        new long[] {-1}, null))), mode, TensorPolicy.NONE.checkUcs4(false));
                    final TensorView view = new TensorView().wrap(actual, new byte[64], 0, 2);
                    final boolean want = e.checkSpec(0, view, new TensorViolations(4));
                    assertEquals(want, e.headerConforms(0, actual, 1, new long[] {2}),
                        spec + " spec, " + actual + " array, " + mode);
                }
            }
        }
    }
}
