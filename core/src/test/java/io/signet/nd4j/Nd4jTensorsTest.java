package io.signet.nd4j;

import io.signet.enforce.Mode;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Nd4jTensorsTest {
    /** Every element through the view equals ND4J's own getDouble at the same multi-index. */
    private static void assertSameElements(final INDArray a, final TensorView v) {
        assertEquals(a.rank(), v.rank());
        for (int i = 0; i < a.rank(); i++) {
            assertEquals(a.size(i), v.dim(i));
        }
        final long n = a.length();
        assertEquals(n, v.size());
        final long[] idx = new long[a.rank()];
        for (long flat = 0; flat < n; flat++) {
            long rem = flat;
            for (int k = a.rank() - 1; k >= 0; k--) {
                idx[k] = rem % a.size(k);
                rem /= a.size(k);
            }
            final double want = a.rank() == 0 ? a.getDouble(0) : a.getDouble(idx);
            assertEquals(want, v.getDouble(v.offsetOf(flat)), "element " + flat + " of " + a.shapeInfoToString());
        }
    }

    @Test
    void viewsPermutesSlicesAndOrdersReadInPlace() {
        final INDArray base = Nd4j.linspace(0, 59, 60, DataType.FLOAT).reshape('c', 3, 4, 5);
        final TensorView v = new TensorView();
        assertSameElements(base, Nd4jTensors.wrap(base, v));
        assertTrue(v.isCContiguous());
        final INDArray slice = base.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(1, 4));
        assertSameElements(slice, Nd4jTensors.wrap(slice, v));
        final INDArray perm = base.permute(2, 0, 1);
        assertSameElements(perm, Nd4jTensors.wrap(perm, v));
        final INDArray f = Nd4j.linspace(0, 11, 12, DataType.DOUBLE).reshape('f', 3, 4);
        assertSameElements(f, Nd4jTensors.wrap(f, v));
        final INDArray row = f.getRow(2);
        assertSameElements(row, Nd4jTensors.wrap(row, v));
        final INDArray longs = Nd4j.createFromArray(new long[][] {{1, 2}, {3, 4}});
        assertSameElements(longs.getColumn(1), Nd4jTensors.wrap(longs.getColumn(1), v));
        final INDArray scalar = Nd4j.scalar(DataType.INT, 7);
        Nd4jTensors.wrap(scalar, v);
        assertEquals(0, v.rank());
        assertEquals(7L, v.toJava());
    }

    @Test
    void viewsEndingExactlyAtTheEndOfTheBufferTakeTheFastPaths() {
        final INDArray base = Nd4j.linspace(0, 23, 24, DataType.FLOAT).reshape('c', 4, 6);
        final TensorView v = new TensorView();
        // C-contiguous tail rows: the last element is the buffer's last float
        final INDArray tail = base.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
        assertSameElements(tail, Nd4jTensors.wrap(tail, v));
        assertTrue(v.isCContiguous());
        assertEquals(v.regionLength(), v.offsetOf(v.size() - 1) + 4);
        // strided: the last column, and the transposed tail
        final INDArray col = base.get(NDArrayIndex.all(), NDArrayIndex.point(5));
        assertSameElements(col, Nd4jTensors.wrap(col, v));
        assertEquals(v.regionLength(), v.offsetOf(v.size() - 1) + 4);
        final INDArray t = tail.transpose();
        assertSameElements(t, Nd4jTensors.wrap(t, v));
        assertEquals(v.regionLength(), v.offsetOf(v.size() - 1) + 4);
        // re-wrapping one view over different arrays keeps each header intact
        for (final INDArray a : new INDArray[] {base, t, col, tail, base.permute(1, 0)}) {
            assertSameElements(a, Nd4jTensors.wrap(a, v));
        }
    }

    @Test
    void emptyAndWorkspaceArrays() {
        final TensorView v = new TensorView();
        final INDArray empty = Nd4j.create(DataType.FLOAT, 0, 3);
        Nd4jTensors.wrap(empty, v);
        assertEquals(0, v.size());
        assertEquals(2, v.rank());
        final WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "signet-test")) {
            final INDArray w = Nd4j.rand(DataType.FLOAT, 4, 6).get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
            assertTrue(w.isAttached());
            assertSameElements(w, Nd4jTensors.wrap(w, v));
        }
    }

    @Test
    void dtypeMappingAndEnforcement() {
        assertEquals(DType.FLOAT16, Nd4jTensors.dtypeOf(DataType.HALF));
        assertEquals(DType.UINT64, Nd4jTensors.dtypeOf(DataType.UINT64));
        assertNull(Nd4jTensors.dtypeOf(DataType.BFLOAT16));
        assertNull(Nd4jTensors.dtypeOf(DataType.UTF8));
        assertThrows(IllegalArgumentException.class,
            () -> Nd4jTensors.wrap(Nd4j.create(DataType.BFLOAT16, 2), new TensorView()));
        final TensorSchemaEnforcer e = TensorSchemaEnforcer.compile(new Schema(List.of(
            new TensorSpec(DType.FLOAT32, new long[] {-1, 4}, null))), Mode.MLFLOW);
        final TensorViolations viol = new TensorViolations();
        final TensorView v = new TensorView();
        assertTrue(e.checkInput(Nd4jTensors.wrap(Nd4j.zeros(DataType.FLOAT, 2, 4), v), viol));
        e.checkInput(Nd4jTensors.wrap(Nd4j.zeros(DataType.DOUBLE, 2, 4), v), viol);
        assertEquals("dtype of input float64 does not match expected dtype float32", viol.message(0));
        final INDArray t = Nd4j.createFromArray(new long[] {0, 86_400});
        final TensorView d = Nd4jTensors.wrapDatetime(t, "s", v);
        assertEquals("datetime64[s]", d.dtype().toString());
    }

    @org.junit.jupiter.api.Test
    void utf8ArraysAreCheckedInPlaceAndNd4jsLatin1CorruptionIsCaught() {
        final io.signet.schema.Schema schema = new io.signet.schema.Schema(java.util.List.of(
            new io.signet.schema.TensorSpec(io.signet.tensor.DType.STR, new long[] {-1}, null)));
        final io.signet.enforce.TensorSchemaEnforcer strict = io.signet.enforce.TensorSchemaEnforcer.compile(schema,
            io.signet.enforce.Mode.STRICT, io.signet.enforce.TensorSchemaEnforcer.TensorPolicy.NONE);
        final io.signet.enforce.TensorSchemaEnforcer mlflow = io.signet.enforce.TensorSchemaEnforcer.compile(schema,
            io.signet.enforce.Mode.MLFLOW);
        final io.signet.tensor.Utf8Strings s = new io.signet.tensor.Utf8Strings();
        final io.signet.enforce.TensorViolations v = new io.signet.enforce.TensorViolations(4);
        org.junit.jupiter.api.Assertions.assertTrue(strict.checkStrings(0,
            io.signet.nd4j.Nd4jTensors.wrapUtf8(org.nd4j.linalg.factory.Nd4j.create("ab", "cd", ""), s), v));
        // ND4J 1.0.0-M2.1 writes one byte per UTF-16 char: "h\u00e9llo" is stored as Latin-1, not UTF-8
        final org.nd4j.linalg.api.ndarray.INDArray bad = org.nd4j.linalg.factory.Nd4j.create("ab", "h\u00e9llo");
        org.junit.jupiter.api.Assertions.assertTrue(mlflow.checkStrings(0, io.signet.nd4j.Nd4jTensors.wrapUtf8(bad, s), v),
            "MLflow mode checks the header only");
        org.junit.jupiter.api.Assertions.assertFalse(strict.checkStrings(0, io.signet.nd4j.Nd4jTensors.wrapUtf8(bad, s), v));
        org.junit.jupiter.api.Assertions.assertEquals("inputs[1]", v.path(0));
        org.junit.jupiter.api.Assertions.assertEquals(io.signet.enforce.Deviation.TENSOR_UTF8, v.deviation(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> io.signet.nd4j.Nd4jTensors.wrapUtf8(org.nd4j.linalg.factory.Nd4j.zeros(3), s));
    }

    /**
     * A context's tensor as an INDArray is the same memory, not a copy: ND4J's buffer address is the
     * tensor's, and a write through either side is read through the other. Closing the context frees
     * the memory once (ND4J does not own it: a GC of the INDArray frees nothing).
     */
    @Test
    void aContextsTensorIsAnIndArrayOverTheSameMemory() throws Exception {
        final io.signet.schema.ModelSignature sig = io.signet.schema.ModelSignature.fromJson("{\"inputs\": [{\"type\": "
            + "\"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 3]}, \"name\": \"x\"}, "
            + "{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"uint8\", \"shape\": [-1]}, \"name\": \"y\"}, "
            + "{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [2]}, \"name\": \"z\"}]}");
        final io.signet.serving.ScoringServer server = new io.signet.serving.ScoringServer(sig);
        for (int round = 0; round < 3; round++) {
            try (io.signet.serving.ScoringContext ctx = new io.signet.serving.ScoringContext()) {
                org.junit.jupiter.api.Assertions.assertTrue(server.invoke(ctx, ("{\"inputs\": {\"x\": [[1, 2, 3], "
                    + "[4, 5, 6.5]], \"y\": [7, 255], \"z\": [-1, 9007199254740993]}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), null).ok());
                final TensorView x = ctx.tensor(0);
                final INDArray a = Nd4jTensors.indArray(x);
                assertEquals(DataType.FLOAT, a.dataType());
                org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {2, 3}, a.shape());
                assertEquals(x.buffer().addressOffset() + x.firstByte(), a.data().address(), "the same address");
                assertEquals(6.5, a.getDouble(1, 2));
                // ND4J writes, the view reads
                a.putScalar(new long[] {0, 1}, 42f);
                assertEquals(42.0, x.getDouble(x.offsetOf(1)));
                // the context's ByteBuffer writes, ND4J reads
                ctx.tensorBuffer(0).putFloat(0, -3f);
                assertEquals(-3.0, a.getDouble(0, 0));
                assertEquals(57.5, a.sumNumber().doubleValue(), 1e-6, "native code sums the same memory: -3 + 42 + 3 + 4 + 5 + 6.5");
                final INDArray y = Nd4jTensors.indArray(ctx.tensor(1));
                assertEquals(DataType.UBYTE, y.dataType());
                assertEquals(255, y.getInt(1));
                final INDArray z = Nd4jTensors.indArray(ctx.tensor(2));
                assertEquals(9007199254740993L, z.getLong(1), "int64 read as int64, not through a double");
            }
            System.gc(); // an INDArray collected after its context closed frees nothing twice
            Thread.sleep(50);
        }
        final TensorView heap = new TensorView().wrap(DType.FLOAT32, new byte[8], 0, 2);
        assertEquals("the view is over a heap array: ND4J needs native memory (a direct buffer or an address)",
            assertThrows(IllegalArgumentException.class, () -> Nd4jTensors.indArray(heap)).getMessage());
        assertEquals("no ND4J data type holds <U3", assertThrows(IllegalArgumentException.class,
            () -> Nd4jTensors.indArray(new TensorView().wrap(DType.unicode(3), new byte[12], 0, 1))).getMessage());
    }
}
