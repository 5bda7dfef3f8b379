package io.signet.serve;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Everything the handlers of one server share: the model, the metrics, the gateway (null in
 * validation mode), the request log, and the drain state of a graceful shutdown. Thread-safe; one
 * per served model. {@link SignetHttpHandler}s are made per connection from it.
 *
 * <p>Embedding: build one with {@link #SignetService(ServedModel, ServeOptions)} and add
 * {@code new SignetHttpHandler(service)} after an {@code HttpServerCodec} in each channel's pipeline.
 */
public final class SignetService implements AutoCloseable {
    private final ServedModel model;
    private final Metrics metrics = new Metrics();
    private final WorkerContexts contexts = new WorkerContexts();
    private final Gateway gateway;
    private final PrintStream log;
    private final long maxBody;
    private final long maxDocumentBytes;
    private final String version;
    private final Duration drainTimeout;
    private final ChannelGroup channels = new DefaultChannelGroup("signet", GlobalEventExecutor.INSTANCE);
    private volatile boolean draining;

    public SignetService(final ServedModel model, final ServeOptions options) {
        this(model, options, options.logRequests ? System.err : null);
    }

    SignetService(final ServedModel model, final ServeOptions options, final PrintStream log) {
        this.model = model;
        this.gateway = options.upstream == null ? null : new Gateway(options, metrics);
        this.log = log;
        this.maxDocumentBytes = options.limits.maxDocumentBytes();
        this.maxBody = Math.min(maxDocumentBytes, Integer.MAX_VALUE - 16);
        // GET /version: the MLflow release whose verdicts this server reproduces
        this.version = "2.17.2";
        this.drainTimeout = options.drainTimeout;
        metrics.fallbacksFrom(model.scorer()::fallbacks);
    }

    public ServedModel model() {
        return model;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The scoring context of the worker (event-loop thread) running a request; only that thread uses it. */
    io.signet.serving.ScoringContext context(final io.netty.util.concurrent.EventExecutor worker) {
        return contexts.get(worker);
    }

    /** Scoring contexts made so far (one per worker that served a scoring request). */
    int contextCount() {
        return contexts.size();
    }

    /** The gateway, null in validation (sidecar) mode. */
    Gateway gateway() {
        return gateway;
    }

    /** Largest body kept in memory (the document limit, at most 2 GiB). */
    long maxBody() {
        return maxBody;
    }

    long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /** What {@code GET /version} answers: the MLflow version whose scoring server this one reproduces. */
    String versionAnswer() {
        return version;
    }

    boolean draining() {
        return draining;
    }

    Duration drainTimeout() {
        return drainTimeout;
    }

    /** Tracks a connection so that a drain can tell it to close once idle. */
    void track(final Channel ch) {
        channels.add(ch);
    }

    /**
     * Begins a graceful shutdown: new requests are answered with {@code Connection: close}, idle
     * connections are closed now, busy ones after their response.
     */
    public void drain() {
        draining = true;
        for (final Channel ch : channels) {
            ch.pipeline().fireUserEventTriggered(SignetHttpHandler.DRAIN);
        }
    }

    /** Connections still open. */
    public int openConnections() {
        return channels.size();
    }

    void log(final String method, final String path, final int status, final String errorCode, final long in,
             final long out, final long nanos) {
        if (log != null) {
            // one line, never the body or the query string
            log.println("signet " + method + ' ' + path + ' ' + status + ' ' + (errorCode == null ? "-" : errorCode)
                + " in=" + in + " out=" + out + " us=" + nanos / 1000);
        }
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly();
        if (gateway != null) {
            gateway.close();
        }
        contexts.close();
        model.close();
    }
}
