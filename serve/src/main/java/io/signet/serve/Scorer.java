package io.signet.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;

/**
 * The one place where this module calls the library's scoring server: a request body in Netty's
 * buffer and its Content-Type in, MLflow's verdict out. Everything else in the module sees only
 * {@link ScoringResponse} and {@link Metrics.DecodePath}.
 *
 * <p>Today the library's {@code invoke(byte[], String)} takes a heap copy of the body, and keeps
 * its scratch per thread. When the caller-owned {@code ScoringContext} lands, this class switches
 * to {@code invoke(ctx, ByteBuffer, contentType)} over the buffer's memory (no copy), with one
 * context per event-loop thread, closed by {@link #close()}.
 */
public final class Scorer implements AutoCloseable {
    private final ScoringServer server;

    public Scorer(final ModelSignature signature, final Limits limits) {
        this.server = new ScoringServer(signature, Mode.MLFLOW, limits);
    }

    /**
     * Judges one body. Never throws: the library answers its own failures with 500 INTERNAL_ERROR.
     *
     * @param body        the whole request body (readable bytes), not consumed, not released
     * @param contentType the Content-Type header as sent, null when absent
     */
    public ScoringResponse score(final ByteBuf body, final String contentType) {
        final byte[] bytes = ByteBufUtil.getBytes(body, body.readerIndex(), body.readableBytes(), false);
        return server.invoke(bytes, contentType == null ? "application/json" : contentType);
    }

    /** Which path decoded the inputs of an accepted response. */
    public static Metrics.DecodePath path(final ScoringResponse r) {
        return r.hasDecodedTensors() ? Metrics.DecodePath.TENSOR_STREAM
            : r.hasDecodedFrame() ? Metrics.DecodePath.FRAME_STREAM : Metrics.DecodePath.EXACT;
    }

    public ModelSignature signature() {
        return server.signature();
    }

    @Override
    public void close() {
        // nothing held yet: the library's per-thread scratch is freed with its threads
    }
}
