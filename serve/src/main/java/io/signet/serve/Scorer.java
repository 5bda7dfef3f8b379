package io.signet.serve;

import io.netty.buffer.ByteBuf;
import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.serving.ScoringContext;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;

/**
 * The one place where this module calls the library's scoring server: a request body in Netty's
 * buffer and its Content-Type in, MLflow's verdict out. Everything else in the module sees only
 * {@link ScoringResponse} and the worker's {@link ScoringContext}.
 *
 * <p>The body is handed over as a {@link java.nio.ByteBuffer} over Netty's buffer: in validation
 * mode a pooled heap buffer, whose array the library reads in place (no copy); in gateway mode a
 * pooled direct one (it goes upstream as it is), which the library copies once into the context's
 * reusable scratch. The worker's context holds the request's scratch and, after a 200, the decoded
 * inputs.
 */
public final class Scorer implements AutoCloseable {
    private final ScoringServer server;

    /** A scorer of MLflow 2.17.2's rules. */
    public Scorer(final ModelSignature signature, final Limits limits) {
        this(signature, Profile.MLFLOW_2, limits);
    }

    /** A scorer of the profile's rules (the model's, from {@link io.signet.schema.ModelDirectory#profile()}). */
    public Scorer(final ModelSignature signature, final Profile profile, final Limits limits) {
        this.server = new ScoringServer(signature, profile, Mode.MLFLOW, limits);
    }

    /**
     * Judges one body. Never throws: the library answers its own failures with 500 INTERNAL_ERROR.
     *
     * @param body        the whole request body (readable bytes), not consumed, not released
     * @param contentType the Content-Type header as sent, null when absent
     */
    public ScoringResponse score(final ScoringContext ctx, final ByteBuf body, final String contentType) {
        return server.invoke(ctx, body.nioBuffer(), contentType == null ? "application/json" : contentType);
    }

    /** What an accepted request decoded, from the context it was judged in. */
    public static Metrics.Decoded decoded(final ScoringContext ctx) {
        switch (ctx.inputKind()) {
            case TENSORS:
                return Metrics.Decoded.TENSORS;
            case COLUMNS:
                return Metrics.Decoded.COLUMNS;
            default:
                return Metrics.Decoded.NONE;
        }
    }

    /** Requests the library's streaming readers handed to its exact path, for that cause. */
    public long fallbacks(final ScoringServer.Fallback why) {
        return server.fallbacks(why);
    }

    public ModelSignature signature() {
        return server.signature();
    }

    @Override
    public void close() {
        // the server holds nothing per request: the contexts (WorkerContexts) are closed by the service
    }
}
