package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caller-owned context: what it hands out, on which path, for how long, and what memory it keeps. */
class ScoringContextTest {
    private static final String F64 = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float64\", "
        + "\"shape\": [-1]}}]";
    private static final String STR = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"str\", \"shape\": [-1]}, "
        + "\"name\": \"s\"}, {\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int32\", \"shape\": [-1]}, "
        + "\"name\": \"n\"}]";
    private static final String PARAMS = "[{\"name\": \"temperature\", \"type\": \"double\", \"default\": 0.5}, "
        + "{\"name\": \"k\", \"type\": \"long\", \"default\": 3}]";

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tensorsAreHandedOutAsViewsAndBuffersOverTheSameMemory() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(ScoringServerTest.NAMED));
        try (ScoringContext ctx = new ScoringContext()) {
            assertEquals(ScoringContext.InputKind.NONE, ctx.inputKind());
            assertTrue(server.invoke(ctx, utf8("{\"inputs\": {\"a\": [[1.5, 2], [3, 4]], \"b\": [7, 8, 9]}}"),
                null).ok());
            assertEquals(ScoringContext.InputKind.TENSORS, ctx.inputKind());
            assertEquals(2, ctx.tensorCount());
            assertEquals("a", ctx.tensorName(0));
            assertEquals(DType.UINT8, ctx.tensorDtype(1));
            final TensorView a = ctx.tensor(0);
            assertEquals(DType.FLOAT32, a.dtype());
            final ByteBuffer bytes = ctx.tensorBuffer(0);
            assertEquals(16, bytes.remaining());
            assertEquals(ByteOrder.LITTLE_ENDIAN, bytes.order());
            assertTrue(bytes.isDirect(), "the tensor's own off-heap memory");
            assertEquals(1.5f, bytes.getFloat(0));
            // one memory: a write through the buffer is what the view reads
            bytes.putFloat(12, 42f);
            assertEquals(42.0, a.getDouble(a.offsetOf(3)));
            assertSame(bytes, ctx.tensorBuffer(0), "the same buffer object, reset, at each call");
            assertEquals(3, ctx.tensorBuffer(1).remaining());
            assertEquals(9L, ctx.tensorElement(1, 2));
            assertThrows(IllegalStateException.class, ctx::columns);
            assertThrows(IndexOutOfBoundsException.class, () -> ctx.tensor(2));
            // a rejected request hands nothing out
            assertEquals(400, server.invoke(ctx, utf8("{\"inputs\": {\"a\": [[1]]}}"), null).status());
            assertEquals(ScoringContext.InputKind.NONE, ctx.inputKind());
            assertEquals(0, ctx.tensorCount());
            assertThrows(IllegalStateException.class, () -> ctx.tensor(0));
        }
    }

    @Test
    void stringTensorsThroughTheirAccessors() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(STR));
        try (ScoringContext ctx = new ScoringContext()) {
            assertTrue(server.invoke(ctx, utf8("{\"inputs\": {\"s\": [\"h\u00e9\", \"\", \"\u65e5\u672c\u8a9e\"], "
                + "\"n\": [1, 2, 3]}}"), null).ok());
            assertEquals("<U3", ctx.tensorDtype(0).toString());
            assertEquals("h\u00e9", ctx.tensorString(0, 0));
            assertEquals("", ctx.tensorString(0, 1));
            assertEquals("\u65e5\u672c\u8a9e", ctx.tensorString(0, 2));
            final ByteBuffer off = ctx.tensorOffsets(0);
            assertEquals(4 * 8, off.remaining());
            assertEquals(3L, off.getLong(8), "h\u00e9 is 3 UTF-8 bytes");
            final ByteBuffer data = ctx.tensorBuffer(0);
            assertEquals(3 + 9, data.remaining());
            assertEquals('h', data.get(0));
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.tensor(0));
            assertEquals("tensor 0 is <U3, which has no fixed-width view: read it with tensorString / tensorBytes / "
                + "tensorElement", e.getMessage());
            assertThrows(IllegalStateException.class, () -> ctx.tensorString(1, 0));
        }
    }

    @Test
    void theExactPathHandsOutWhatTheStreamingPathWould() {
        final ModelSignature sig = ScoringServerTest.sig(ScoringServerTest.NAMED);
        final ScoringServer fast = new ScoringServer(sig, Mode.MLFLOW, Limits.DEFAULT, true);
        final ScoringServer exact = new ScoringServer(sig, Mode.MLFLOW, Limits.DEFAULT, false);
        final byte[] body = utf8("{\"inputs\": {\"b\": [1, 2, 255], \"a\": [[1, 2], [3.5, 4]]}}");
        try (ScoringContext a = new ScoringContext(); ScoringContext b = new ScoringContext()) {
            assertTrue(fast.invoke(a, body, null).ok());
            assertTrue(exact.invoke(b, body, null).ok());
            assertEquals(ScoringContext.Path.FAST_TENSORS, a.path());
            assertEquals(ScoringContext.Path.EXACT, b.path());
            assertEquals(FastPathEquivalenceTest.describe(a, sig), FastPathEquivalenceTest.describe(b, sig));
            assertEquals(3.5, b.tensor(0).getDouble(b.tensor(0).offsetOf(2)));
        }
        // a frame for a tensor schema (no streaming path): the arrays MLflow builds from its columns
        final ModelSignature two = ScoringServerTest.sig("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": "
            + "\"float64\", \"shape\": [-1, 2]}}]");
        try (ScoringContext ctx = new ScoringContext()) {
            assertTrue(new ScoringServer(two).invoke(ctx, utf8("{\"dataframe_split\": {\"columns\": [\"p\", \"q\"], "
                + "\"data\": [[1, 2.5], [3, 4]]}}"), null).ok());
            assertEquals(ScoringContext.InputKind.TENSORS, ctx.inputKind());
            assertEquals(2, ctx.tensorRank(0));
            assertEquals(2, ctx.tensorDim(0, 0));
            assertEquals(Arrays.asList(1.0, 2.5, 3.0, 4.0), Arrays.asList(ctx.tensorElement(0, 0),
                ctx.tensorElement(0, 1), ctx.tensorElement(0, 2), ctx.tensorElement(0, 3)));
        }
    }

    @Test
    void columnsOnBothPaths() {
        final ModelSignature sig = ScoringServerTest.sig(ScoringServerTest.COLS);
        try (ScoringContext ctx = new ScoringContext()) {
            final ScoringServer server = new ScoringServer(sig);
            assertTrue(server.invoke(ctx, utf8("{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], "
                + "\"data\": [[1, \"a\"], [2, \"b\"]]}}"), null).ok());
            assertEquals(ScoringContext.Path.FAST_FRAME, ctx.path());
            assertEquals(2, ctx.columns().rowCount());
            // CSV takes the exact path: same hand-out
            assertTrue(server.invoke(ctx, utf8("x,s\n5,q\n"), "text/csv").ok());
            assertEquals(ScoringContext.Path.EXACT, ctx.path());
            assertEquals(ScoringContext.InputKind.COLUMNS, ctx.inputKind());
            assertEquals(5, ctx.columns().column(ctx.columns().indexOf("x")).getLong(0));
            assertEquals("q", ctx.columns().column(ctx.columns().indexOf("s")).getString(0));
        }
    }

    @Test
    void paramsWithDefaultsAndWarnings() {
        final ModelSignature sig = ScoringServerTest.sig(F64, PARAMS);
        final ScoringServer server = new ScoringServer(sig);
        try (ScoringContext ctx = new ScoringContext()) {
            assertTrue(server.invoke(ctx, utf8("{\"inputs\": [1.0]}"), null).ok());
            assertEquals(Map.of("temperature", 0.5, "k", 3L), ctx.params(), "defaults filled, no params sent");
            assertEquals(List.of(), ctx.warnings());
            assertTrue(server.invoke(ctx, utf8("{\"inputs\": [1.0], \"params\": {\"k\": 7, \"top_p\": 1}}"), null)
                .ok());
            assertEquals(List.of("k", "temperature"), List.copyOf(ctx.params().keySet()),
                "MLflow's order: the params sent, then the defaults of the others");
            assertEquals(7L, ctx.params().get("k"));
            assertEquals(List.of("Unrecognized params ['top_p'] are ignored for inference. Supported params are: "
                + "{'temperature', 'k'}. To enable them, please add corresponding schema in ModelSignature."),
                ctx.warnings());
            assertThrows(UnsupportedOperationException.class, () -> ctx.params().put("x", 1));
            // the exact path fills the same
            assertTrue(new ScoringServer(sig, Mode.MLFLOW, Limits.DEFAULT, false).invoke(ctx, utf8("{\"inputs\": "
                + "[1.0], \"params\": {\"k\": 7, \"top_p\": 1}}"), null).ok());
            assertEquals(ScoringContext.Path.EXACT, ctx.path());
            assertEquals(7L, ctx.params().get("k"));
            assertEquals(1, ctx.warnings().size());
        }
        // no params schema: what was sent is dropped with MLflow's warning
        try (ScoringContext ctx = new ScoringContext()) {
            assertTrue(new ScoringServer(ScoringServerTest.sig(F64)).invoke(ctx, utf8("{\"inputs\": [1.0], "
                + "\"params\": {\"a\": 1}}"), null).ok());
            assertEquals(Map.of(), ctx.params());
            assertEquals(List.of("`params` can only be specified at inference time if the model signature defines a "
                + "params schema. This model does not define a params schema. Ignoring provided params: ['a']"),
                ctx.warnings());
        }
    }

    @Test
    void heapAndDirectBuffersAndStreamsAnswerAsByteArrays() throws IOException {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(ScoringServerTest.NAMED));
        final String[] bodies = {"{\"inputs\": {\"a\": [[1, 2]], \"b\": [3]}}", "{\"inputs\": {\"a\": [[1, 2]], "
            + "\"b\": [300]}}", "{\"inputs\": {\"a\": [[1, 2]]}}", "[1, 2", "\ufeff{}", "{\"inputs\": {\"a\": "
            + "[[1, 2]], \"b\": [\"x\"]}}"};
        try (ScoringContext ctx = new ScoringContext()) {
            for (final String s : bodies) {
                final byte[] b = utf8(s);
                final String expected = server.invoke(ctx, b, null).toString();
                // a heap buffer at an offset inside a larger array: read in place
                final byte[] wide = new byte[b.length + 10];
                System.arraycopy(b, 0, wide, 7, b.length);
                final ByteBuffer heap = ByteBuffer.wrap(wide, 7, b.length).slice();
                assertEquals(expected, server.invoke(ctx, heap, null).toString(), s);
                assertEquals(0, heap.position(), "the caller's position is not moved");
                final ByteBuffer direct = ByteBuffer.allocateDirect(b.length + 3);
                direct.position(3);
                direct.put(b).position(3);
                assertEquals(expected, server.invoke(ctx, direct, null).toString(), s);
                assertEquals(3, direct.position());
                assertEquals(expected, server.invoke(ctx, new ByteArrayInputStream(b), null).toString(), s);
                assertEquals(expected, server.invoke(ctx, new ByteArrayInputStream(b), "application/json; "
                    + "charset=utf-8").toString(), s);
            }
            assertTrue(server.invoke(ctx, new ByteArrayInputStream(utf8(bodies[0])), null).ok());
            assertEquals(3L, ctx.tensorElement(1, 0));
        }
    }

    /** A stream of {@code n} bytes of '[' that counts what was read. */
    private static final class CountingStream extends InputStream {
        private final long n;
        long read;

        CountingStream(final long n) {
            this.n = n;
        }

        @Override
        public int read() {
            return read < n ? (++read > 0 ? '[' : 0) : -1;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) {
            if (read >= n) {
                return -1;
            }
            final int k = (int) Math.min(len, n - read);
            Arrays.fill(b, off, off + k, (byte) '[');
            read += k;
            return k;
        }
    }

    @Test
    void aStreamIsReadUnderTheLimitAndNoFurther() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F64), Mode.MLFLOW,
            Limits.DEFAULT.withMaxDocumentBytes(100_000));
        try (ScoringContext ctx = new ScoringContext()) {
            final CountingStream huge = new CountingStream(1L << 40);
            final ScoringResponse r = server.invoke(ctx, huge, null);
            assertEquals(400, r.status());
            assertEquals("Payload exceeds limit maxDocumentBytes=100000", r.message());
            assertEquals(100_001, huge.read, "one byte past the limit decides; the rest is never read");
            assertTrue(ctx.retainedBytes() <= 100_001 + 64 * 1024, "scratch bounded by the limit: "
                + ctx.retainedBytes());
            // a content type MLflow refuses is answered before the body is read
            final CountingStream any = new CountingStream(10);
            assertEquals(415, server.invoke(ctx, any, "application/json; charset=latin-1").status());
            assertEquals(0, any.read);
            // exactly at the limit is read and judged
            final ScoringResponse atLimit = server.invoke(ctx, new CountingStream(100_000), null);
            assertEquals(400, atLimit.status());
            assertFalse(atLimit.message().contains("maxDocumentBytes"), atLimit.message());
            // a failing stream is the request's problem
            final ScoringResponse broken = server.invoke(ctx, new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("connection reset");
                }
            }, null);
            assertEquals(400, broken.status());
            assertEquals("Could not read the request body: java.io.IOException: connection reset", broken.message());
            // a direct buffer past the limit is refused without a copy
            final ByteBuffer big = ByteBuffer.allocateDirect(200_000);
            final long before = ctx.retainedBytes();
            assertEquals("Payload exceeds limit maxDocumentBytes=100000", server.invoke(ctx, big, null).message());
            assertTrue(ctx.retainedBytes() <= before);
        }
    }

    private static long directBytes() {
        for (final BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                return b.getMemoryUsed();
            }
        }
        throw new AssertionError("no direct buffer pool");
    }

    /** A float64 tensor of n elements: 8n bytes off-heap from a 2n-byte body. */
    private static byte[] ones(final int n) {
        final byte[] b = new byte[n * 2 + 13];
        final byte[] head = utf8("{\"inputs\": [");
        System.arraycopy(head, 0, b, 0, head.length);
        int at = head.length;
        for (int i = 0; i < n; i++) {
            b[at++] = '1';
            b[at++] = i == n - 1 ? (byte) ']' : (byte) ',';
        }
        b[at++] = '}';
        return Arrays.copyOf(b, at);
    }

    @Test
    void memoryAboveTheMarkIsGivenBackAndCloseFreesAll() {
        final long mark = 1 << 20;
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F64));
        final byte[] small = ones(1000);
        final byte[] big = ones(8 << 20); // 8 Mi float64: 64 MiB off-heap
        final ScoringContext ctx = new ScoringContext(mark);
        assertEquals(mark, ctx.retainLimit());
        assertTrue(server.invoke(ctx, small, null).ok());
        final long baseline = directBytes();
        final long smallRetained = ctx.retainedBytes();
        assertTrue(smallRetained > 0 && smallRetained <= mark, "retained " + smallRetained);
        assertTrue(server.invoke(ctx, big, null).ok());
        assertEquals(8 << 20, ctx.tensorSize(0));
        assertTrue(ctx.retainedBytes() >= 64L << 20, "retained " + ctx.retainedBytes());
        // the slot's small buffer was replaced by the large one
        assertTrue(directBytes() - baseline >= (64L << 20) - smallRetained, "direct memory grew by "
            + (directBytes() - baseline));
        // the next (small) request starts by giving back what is above the mark
        for (int i = 0; i < 3; i++) {
            assertTrue(server.invoke(ctx, small, null).ok());
            assertTrue(ctx.retainedBytes() <= mark, "retained " + ctx.retainedBytes());
        }
        assertTrue(directBytes() - baseline < mark, "direct memory returned: " + (directBytes() - baseline));
        assertEquals(1.0, ctx.tensorElement(0, 999));
        ctx.close();
        assertEquals(0, ctx.retainedBytes());
        assertTrue(directBytes() <= baseline - smallRetained + 4096, "close returns the rest: " + directBytes()
            + " vs " + baseline + " - " + smallRetained);
        assertTrue(ctx.isClosed());
        assertEquals("this ScoringContext is closed", assertThrows(IllegalStateException.class,
            () -> server.invoke(ctx, small, null)).getMessage());
        ctx.close(); // idempotent
    }

    @Test
    void trimGivesBackAtOnceAndForgetsTheInputs() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F64));
        try (ScoringContext ctx = new ScoringContext(0)) {
            assertTrue(server.invoke(ctx, ones(100_000), null).ok());
            assertTrue(ctx.retainedBytes() >= 800_000);
            ctx.trim();
            assertEquals(0, ctx.retainedBytes());
            assertEquals(ScoringContext.InputKind.NONE, ctx.inputKind(), "freed inputs are not handed out");
            assertTrue(server.invoke(ctx, ones(10), null).ok(), "usable after a trim");
            assertEquals(10, ctx.tensorSize(0));
        }
        assertThrows(IllegalArgumentException.class, () -> new ScoringContext(-1));
    }

    @Test
    void oneContextServesSeveralServersAndTwoContextsDoNotShare() {
        final ScoringServer tensors = new ScoringServer(ScoringServerTest.sig(F64));
        final ScoringServer columns = new ScoringServer(ScoringServerTest.sig(ScoringServerTest.COLS));
        try (ScoringContext a = new ScoringContext(); ScoringContext b = new ScoringContext()) {
            assertTrue(tensors.invoke(a, utf8("{\"inputs\": [1.0, 2.0]}"), null).ok());
            assertTrue(tensors.invoke(b, utf8("{\"inputs\": [5.0]}"), null).ok());
            assertEquals(2, a.tensorSize(0), "b's request did not touch a");
            assertTrue(columns.invoke(a, utf8("{\"dataframe_records\": [{\"x\": 1, \"s\": \"q\"}]}"), null).ok());
            assertEquals(ScoringContext.InputKind.COLUMNS, a.inputKind());
            assertEquals(5.0, b.tensorElement(0, 0));
        }
    }

    @Test
    void errorsAreAnsweredAndTheServerStaysUsable() throws Exception {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F64));
        try (ScoringContext ctx = new ScoringContext()) {
            // an Error injected where the body is read
            final ScoringResponse oom = server.invoke(ctx, new InputStream() {
                @Override
                public int read() {
                    throw new OutOfMemoryError("injected");
                }

                @Override
                public int read(final byte[] b, final int off, final int len) {
                    throw new OutOfMemoryError("injected");
                }
            }, null);
            assertEquals(500, oom.status());
            assertEquals("INTERNAL_ERROR", oom.errorCode());
            assertEquals("Signet failed on this request: java.lang.OutOfMemoryError: injected", oom.message());
            assertTrue(server.invoke(ctx, utf8("{\"inputs\": [1.0]}"), null).ok());
        }
        // a real deep body on a small thread stack: the exact path's recursive reader overflows the stack
        final ScoringServer deep = new ScoringServer(ScoringServerTest.sig(F64), Mode.MLFLOW,
            Limits.DEFAULT.withMaxNestingDepth(1000));
        final int depth = 1000;
        final byte[] body = new byte[2 * depth + 13];
        final byte[] head = utf8("{\"inputs\": ");
        System.arraycopy(head, 0, body, 0, head.length);
        Arrays.fill(body, head.length, head.length + depth, (byte) '[');
        Arrays.fill(body, head.length + depth, head.length + 2 * depth, (byte) ']');
        body[head.length + 2 * depth] = '}';
        final AtomicReference<Object> out = new AtomicReference<>();
        final Thread t = new Thread(null, () -> {
            try (ScoringContext ctx = new ScoringContext()) {
                final ScoringResponse r = deep.invoke(ctx, Arrays.copyOf(body, head.length + 2 * depth + 1), null);
                final ScoringResponse after = deep.invoke(ctx, utf8("{\"inputs\": [2.0]}"), null);
                out.set(new Object[] {r, after, after.ok() ? ctx.tensorElement(0, 0) : null});
            } catch (Throwable e) {
                out.set(e);
            }
        }, "small-stack", 64 * 1024);
        t.start();
        t.join();
        assertTrue(out.get() instanceof Object[], "invoke threw: " + out.get());
        final Object[] res = (Object[]) out.get();
        final ScoringResponse r = (ScoringResponse) res[0];
        assertEquals(500, r.status(), r.toString());
        assertEquals("INTERNAL_ERROR", r.errorCode());
        assertEquals("Signet failed on this request: java.lang.StackOverflowError", r.message());
        assertTrue(((ScoringResponse) res[1]).ok(), "the same thread and context serve the next request");
        assertEquals(2.0, res[2]);
        assertNull(r.pointer());
    }
}
