package io.signet.it;

import io.signet.nd4j.Nd4jTensors;
import io.signet.schema.ModelDirectory;
import io.signet.serving.ScoringContext;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;
import io.signet.tensor.TensorView;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Issue 16's "done when", as an application does it with the installed signet-core: a server from a
 * model directory; tensor, dataframe_split and params requests; the decoded input as an INDArray
 * over the context's memory (no copy); the params with defaults filled; the off-heap memory back
 * after close().
 */
class ContextConsumerTest {
    private static long directBytes() {
        for (final BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                return b.getMemoryUsed();
            }
        }
        throw new AssertionError("no direct buffer pool");
    }

    @Test
    void inputsAsIndArraysParamsWithDefaultsAndMemoryBackAfterClose() throws Exception {
        assumeFalse(ConsumerTest.REFUSED);
        Nd4j.zeros(1); // ND4J's own start-up allocations happen before the baseline
        final ScoringServer mnist = new ScoringServer(ModelDirectory.open(ConsumerTest.model("mnist-uint8")).signature());
        final ScoringServer chat = new ScoringServer(ModelDirectory.open(ConsumerTest.model("with-params")).signature());
        final long before = directBytes();
        final ScoringContext ctx = new ScoringContext();
        try {
            // a tensor request: the decoded uint8 batch, as an INDArray over the same memory
            final ScoringResponse r = mnist.invoke(ctx, ConsumerTest.images(2, 7).getBytes(StandardCharsets.UTF_8),
                "application/json");
            assertTrue(r.ok(), r.toString());
            assertEquals(ScoringContext.InputKind.TENSORS, ctx.inputKind());
            final TensorView view = ctx.tensor(0);
            final INDArray a = Nd4jTensors.indArray(view);
            assertArrayEquals(new long[] {2, 28, 28, 1}, a.shape());
            assertEquals((7 + 3 + 4) % 256, a.getInt(0, 4, 3, 0), "image 0, row 4, column 3");
            a.putScalar(new long[] {1, 0, 0, 0}, 200); // written through ND4J ...
            final ByteBuffer bytes = ctx.tensorBuffer(0);
            assertEquals((byte) 200, bytes.get(28 * 28), "... read through Signet's buffer: no copy");
            assertTrue(directBytes() >= before + 2 * 28 * 28, "the batch lives off-heap in the context");

            // a dataframe_split request with params: the columns, and the params with MLflow's defaults
            final ScoringResponse p = chat.invoke(ctx, ("{\"dataframe_split\": {\"columns\": [\"prompt\"], \"data\": "
                + "[[\"hello\"], [\"world\"]]}, \"params\": {\"temperature\": 0.2, \"stop\": [\".\"]}}")
                .getBytes(StandardCharsets.UTF_8), "application/json");
            assertTrue(p.ok(), p.toString());
            assertEquals(ScoringContext.InputKind.COLUMNS, ctx.inputKind());
            assertEquals(2, ctx.columns().rowCount());
            final Map<String, Object> params = ctx.params();
            assertEquals(0.2, ((Number) params.get("temperature")).doubleValue(), 1e-6);
            assertEquals(List.of("."), params.get("stop"));
            assertEquals(64L, ((Number) params.get("max_tokens")).longValue(), "a default filled in");
            assertEquals(Boolean.FALSE, params.get("stream"), "a default filled in");
            assertTrue(ctx.retainedBytes() > 0);
        } finally {
            ctx.close();
        }
        assertEquals(0, ctx.retainedBytes(), "nothing retained after close()");
        assertTrue(directBytes() <= before, "direct memory back to " + before + " after close(), not " + directBytes());
    }
}
