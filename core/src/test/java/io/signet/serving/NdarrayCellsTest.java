package io.signet.serving;

import io.signet.internal.json.PayloadException;
import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DataFrame whose cells are numpy arrays, given to a tensor schema on the exact path: MLflow's
 * {@code np.vstack(cells).reshape(spec.shape)} (no cast), and the stacked array handed out through the
 * caller's context when every cell carries its values.
 */
class NdarrayCellsTest {
    private static final String F32 = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", "
        + "\"shape\": [-1, 4]}}]";

    private static DataFrame frame(final Object... cells) {
        return new DataFrame(cells.length).append("x", DType.OBJECT, cells);
    }

    private static NdArray f32(final double... v) {
        final Object[] el = new Object[v.length];
        for (int k = 0; k < v.length; k++) {
            el[k] = v[k];
        }
        return NdArray.of(DType.FLOAT32, new long[] {v.length}, el);
    }

    private static ScoringResponse score(final ScoringServer server, final ScoringContext ctx, final DataFrame f) {
        return server.accepted(ctx, server.predict(ctx, f, null, false));
    }

    @Test
    void stackedValueCellsAreHandedOutInRowOrder() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F32));
        try (ScoringContext ctx = new ScoringContext()) {
            assertTrue(score(server, ctx, frame(f32(1, 2, 3, 4), f32(5, 6, 7, 8), f32(9, 10, 11, 12.5))).ok());
            assertEquals(ScoringContext.InputKind.TENSORS, ctx.inputKind());
            assertEquals(1, ctx.tensorCount());
            assertEquals(DType.FLOAT32, ctx.tensorDtype(0));
            assertEquals(2, ctx.tensorRank(0));
            assertEquals(3L, ctx.tensorDim(0, 0));
            assertEquals(4L, ctx.tensorDim(0, 1));
            final TensorView t = ctx.tensor(0);
            for (int k = 0; k < 12; k++) {
                assertEquals(k == 11 ? 12.5 : k + 1.0, t.getDouble(t.offsetOf(k)), "element " + k);
            }
        }
    }

    @Test
    void viewCellsAndAMixOfDtypesStackAsNumpyPromotes() {
        // one cell a view over little-endian float32 memory, one int64 array: np.vstack gives float64
        final ByteBuffer mem = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        mem.putFloat(0.5f).putFloat(1.5f).putFloat(2.5f).putFloat(3.5f);
        final TensorView view = new TensorView().wrap(DType.FLOAT32, mem.array(), 0, 4);
        final NdArray ints = NdArray.of(DType.INT64, new long[] {1, 4}, new Object[] {7L, 8L, 9L, 10L});
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F32));
        try (ScoringContext ctx = new ScoringContext()) {
            // MLflow casts nothing and checks no dtype for ndarray cells: the float64 stack is accepted as is
            assertTrue(score(server, ctx, frame(view, ints)).ok());
            assertEquals(ScoringContext.InputKind.TENSORS, ctx.inputKind());
            assertEquals(DType.FLOAT64, ctx.tensorDtype(0));
            assertEquals(2L, ctx.tensorDim(0, 0));
            assertEquals(4L, ctx.tensorDim(0, 1));
            final double[] want = {0.5, 1.5, 2.5, 3.5, 7, 8, 9, 10};
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], ctx.tensorElement(0, k), "element " + k);
            }
        }
    }

    @Test
    void headerOnlyCellsAreJudgedByShapeAndHandOutNothing() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F32));
        try (ScoringContext ctx = new ScoringContext()) {
            assertTrue(score(server, ctx, frame(f32(1, 2, 3, 4))).ok());
            assertEquals(ScoringContext.InputKind.TENSORS, ctx.inputKind());
            // a header (no values) among the cells: accepted by shape, as before; the context holds nothing
            assertTrue(score(server, ctx, frame(f32(1, 2, 3, 4), NdArray.header(DType.FLOAT32, new long[] {4}),
                io.signet.tensor.NdArray.header(DType.FLOAT32, 4))).ok());
            assertEquals(ScoringContext.InputKind.NONE, ctx.inputKind());
            assertEquals(0, ctx.tensorCount());
        }
    }

    @Test
    void raggedCellsGiveMlflowsSentence() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F32));
        try (ScoringContext ctx = new ScoringContext()) {
            final PayloadException e = assertThrows(PayloadException.class,
                () -> score(server, ctx, frame(f32(1, 2, 3, 4), f32(5, 6, 7))));
            assertEquals("The value in the Input DataFrame column 'None' could not be converted to the expected "
                + "shape of: '(-1, 4)'. Ensure that each of the input numpy array elements are of uniform length "
                + "and can be reshaped to above expected shape.", e.getMessage());
        }
    }
}
