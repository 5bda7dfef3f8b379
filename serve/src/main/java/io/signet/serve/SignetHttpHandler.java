package io.signet.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.signet.serving.ScoringContext;
import io.signet.serving.ScoringResponse;

import java.util.ArrayDeque;

/**
 * Signet's HTTP endpoints as one Netty handler, placed after an {@code HttpServerCodec} (or any
 * decoder that emits {@link HttpRequest} + {@link HttpContent}, aggregated or not). One instance per
 * connection (it holds the body being read); the {@link SignetService} behind it is shared.
 *
 * <p>Endpoints: MLflow's {@code POST /invocations}, {@code GET /ping}, {@code GET /health},
 * {@code GET /version}; {@code GET /metrics}; KServe v2 {@code POST /v2/models/{name}/infer},
 * {@code GET /v2/models/{name}}, {@code GET /v2/models/{name}/ready}, {@code GET /v2/health/live},
 * {@code GET /v2/health/ready}, {@code GET /v2}. In gateway mode a valid request, and any path
 * Signet does not own, goes to the upstream; an invalid one never does.
 *
 * <p>Bodies are copied into one pooled buffer (heap; direct in gateway mode) sized from Content-Length as they arrive, up to
 * the document limit: a declared length past it is answered 413 before any byte is read, a streamed
 * body is dropped and answered 413 the moment it passes the limit (then the connection closes).
 * Pipelined requests wait until the previous response is written.
 */
public final class SignetHttpHandler extends ChannelInboundHandlerAdapter implements ChannelFutureListener {
    /** User event: the service is draining (close when idle). */
    static final Object DRAIN = new Object();

    private static final AsciiString KEEP_ALIVE = HttpHeaderValues.KEEP_ALIVE;
    private static final int DEFAULT_CHUNK = 16 * 1024;
    private static final long LINGER_MILLIS = 2000;
    /**
     * Where request bodies live: Netty's pooled (arena) allocator, not the channel's. Netty 4.2's default
     * adaptive allocator pools buffers up to 1 MiB (256 KiB when the heap is 512 MiB or less) and gives larger
     * ones a fresh array, so under -Xmx512m every 260 KB tensor body was a new byte[] (a young collection every
     * ~1,200 requests at 8 connections, found with JFR; BodyAllocationTest). The arena keeps bodies up to its
     * chunk size (4 MiB) off the garbage collector; larger ones are allocated per request, as before.
     */
    private static final ByteBufAllocator BODIES = PooledByteBufAllocator.DEFAULT;

    enum Route {
        INVOCATIONS(Metrics.Endpoint.INVOCATIONS, true),
        PING(Metrics.Endpoint.PING, false),
        HEALTH(Metrics.Endpoint.HEALTH, false),
        VERSION(Metrics.Endpoint.VERSION, false),
        METRICS(Metrics.Endpoint.METRICS, false),
        V2_INFER(Metrics.Endpoint.V2_INFER, true),
        V2_MODEL(Metrics.Endpoint.V2_MODEL, false),
        V2_MODEL_READY(Metrics.Endpoint.V2_MODEL, false),
        V2_LIVE(Metrics.Endpoint.V2_HEALTH, false),
        V2_READY(Metrics.Endpoint.V2_HEALTH, false),
        V2_SERVER(Metrics.Endpoint.V2_SERVER, false),
        FORWARD(Metrics.Endpoint.FORWARDED, true),
        NOT_FOUND(Metrics.Endpoint.OTHER, false),
        V2_NOT_FOUND(Metrics.Endpoint.OTHER, false),
        METHOD_NOT_ALLOWED(Metrics.Endpoint.OTHER, false);

        final Metrics.Endpoint endpoint;
        final boolean readsBody;

        Route(final Metrics.Endpoint endpoint, final boolean readsBody) {
            this.endpoint = endpoint;
            this.readsBody = readsBody;
        }
    }

    private final SignetService service;
    private final long maxBody;
    /** Messages that arrived while a response was still being written (HTTP pipelining). */
    private final ArrayDeque<Object> pending = new ArrayDeque<>(2);

    private ChannelHandlerContext ctx;
    private HttpRequest head;
    private Route route;
    private ByteBuf body;
    /** Between a request's head and its fully written response. */
    private boolean busy;
    /** The request was read completely; its response is being produced or written. */
    private boolean answering;
    /** The current request was answered early (413, bad head): drop its remaining content. */
    private boolean discarding;
    private boolean sawLast;
    /** A response (or an upstream relay) was started for the current request. */
    private boolean responded;
    /** Answered 413 and waiting (briefly) for the client to finish sending, so that it reads the answer. */
    private boolean lingering;
    private boolean keepAlive;
    /** The upstream exchange of the current request (gateway mode), null otherwise. */
    private Gateway.Relay relay;
    private long started;
    private long bytesIn;
    private int lastStatus;
    private String lastErrorCode;
    private long lastBytesOut;

    public SignetHttpHandler(final SignetService service) {
        this.service = service;
        this.maxBody = service.maxBody();
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx) {
        this.ctx = ctx;
        service.track(ctx.channel());
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (discarding && !(msg instanceof HttpRequest)) {
            // the rest of a body answered early: read and dropped, never kept
            final boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last) {
                sawLast = true;
            }
            return;
        }
        if (answering) {
            pending.add(msg);
            return;
        }
        try {
            if (msg instanceof HttpRequest) {
                onHead((HttpRequest) msg);
            }
            if (msg instanceof HttpContent && !discarding) {
                onContent((HttpContent) msg);
            }
        } catch (RuntimeException e) {
            // a bug of Signet's, never the request's: answered 500 (if nothing was answered yet), connection closed
            failed(e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    // ------------------------------------------------------------------ reading a request

    private void onHead(final HttpRequest req) {
        discarding = false;
        sawLast = false;
        responded = false;
        head = req;
        busy = true;
        started = System.nanoTime();
        bytesIn = 0;
        service.metrics().started();
        keepAlive = HttpUtil.isKeepAlive(req) && !service.draining();
        if (req.decoderResult().isFailure()) {
            keepAlive = false;
            route = Route.NOT_FOUND;
            discarding = true;
            answering = true;
            respondText(HttpResponseStatus.BAD_REQUEST, "Bad Request", null);
            return;
        }
        route = route(req);
        if (!route.readsBody) {
            return;
        }
        final long declared = HttpUtil.getContentLength(req, -1L);
        if (declared > maxBody) {
            tooLarge();
            return;
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                Unpooled.EMPTY_BUFFER));
        }
        // validation mode: a pooled heap buffer, which the library reads in place (a direct one it copies once);
        // gateway mode: a pooled direct buffer, which goes upstream with its head in one writev (a heap one Netty
        // would first copy into a fresh direct buffer, then send in a second syscall)
        final int initial = declared >= 0 ? (int) declared : (int) Math.min(DEFAULT_CHUNK, maxBody);
        body = service.gateway() != null ? BODIES.directBuffer(initial, (int) maxBody)
            : BODIES.heapBuffer(initial, (int) maxBody);
    }

    private void onContent(final HttpContent chunk) {
        final ByteBuf c = chunk.content();
        final int n = c.readableBytes();
        bytesIn += n;
        if (body != null && n > 0) {
            if (body.readableBytes() + (long) n > maxBody) {
                tooLarge();
                return;
            }
            body.writeBytes(c);
        }
        if (chunk instanceof LastHttpContent) {
            sawLast = true;
            answering = true;
            dispatch();
        }
    }

    private void failed(final RuntimeException e) {
        releaseBody();
        keepAlive = false;
        if (busy && !responded) {
            discarding = true;
            answering = true;
            respond(HttpResponseStatus.INTERNAL_SERVER_ERROR, Responses.JSON, Responses.mlflowError("INTERNAL_ERROR",
                "Signet failed on this request: " + e.getClass().getName()), "INTERNAL_ERROR");
        } else {
            ctx.close();
        }
    }

    /** Past the document limit: nothing more is kept; 413 now, then the connection closes. */
    private void tooLarge() {
        releaseBody();
        discarding = true;
        answering = true;
        keepAlive = false;
        final String msg = "Payload exceeds limit maxDocumentBytes=" + service.maxDocumentBytes();
        if (route == Route.V2_INFER) {
            respond(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Responses.JSON,
                Responses.v2Error(msg, "BAD_REQUEST", null, null), "BAD_REQUEST");
        } else {
            respond(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Responses.JSON,
                Responses.mlflowError("BAD_REQUEST", msg), "BAD_REQUEST");
        }
    }

    private Route route(final HttpRequest req) {
        final String uri = req.uri();
        final int q = uri.indexOf('?');
        final String path = q < 0 ? uri : uri.substring(0, q);
        final HttpMethod m = req.method();
        final boolean get = m == HttpMethod.GET || m == HttpMethod.HEAD;
        final boolean gateway = service.gateway() != null;
        switch (path) {
            case "/invocations":
                return m == HttpMethod.POST ? Route.INVOCATIONS : Route.METHOD_NOT_ALLOWED;
            case "/ping":
                return get ? Route.PING : Route.METHOD_NOT_ALLOWED;
            case "/health":
                return get ? Route.HEALTH : Route.METHOD_NOT_ALLOWED;
            case "/version":
                return gateway ? Route.FORWARD : get ? Route.VERSION : Route.METHOD_NOT_ALLOWED;
            case "/metrics":
                return get ? Route.METRICS : Route.METHOD_NOT_ALLOWED;
            case "/v2/health/live":
                return get ? Route.V2_LIVE : Route.METHOD_NOT_ALLOWED;
            case "/v2/health/ready":
                return get ? Route.V2_READY : Route.METHOD_NOT_ALLOWED;
            case "/v2":
            case "/v2/":
                return get ? Route.V2_SERVER : Route.METHOD_NOT_ALLOWED;
            default:
                break;
        }
        if (path.startsWith("/v2/models/")) {
            return v2Route(path.substring("/v2/models/".length()), m, get);
        }
        return gateway ? Route.FORWARD : Route.NOT_FOUND;
    }

    /** {@code {name}[/versions/{v}][/infer|/ready]}. */
    private Route v2Route(final String rest, final HttpMethod m, final boolean get) {
        final String[] seg = rest.split("/", -1);
        if (seg.length == 0 || !seg[0].equals(service.model().name())) {
            return Route.V2_NOT_FOUND;
        }
        int i = 1;
        if (seg.length >= 3 && seg[1].equals("versions")) {
            i = 3;
        }
        if (i == seg.length) {
            return get ? Route.V2_MODEL : Route.METHOD_NOT_ALLOWED;
        }
        if (i == seg.length - 1) {
            switch (seg[i]) {
                case "infer":
                    return m == HttpMethod.POST ? Route.V2_INFER : Route.METHOD_NOT_ALLOWED;
                case "ready":
                    return get ? Route.V2_MODEL_READY : Route.METHOD_NOT_ALLOWED;
                default:
                    break;
            }
        }
        return Route.V2_NOT_FOUND;
    }

    // ------------------------------------------------------------------ answering

    private void dispatch() {
        final ServedModel model = service.model();
        switch (route) {
            case INVOCATIONS: {
                final ScoringContext sc = service.context(ctx.executor());
                final ScoringResponse r = model.scorer().score(sc, body, head.headers().get(HttpHeaderNames.CONTENT_TYPE));
                if (r.ok()) {
                    service.metrics().decoded(Scorer.decoded(sc));
                    if (service.gateway() != null) {
                        forward();
                    } else {
                        respond(HttpResponseStatus.OK, Responses.JSON, Responses.conforms(), null);
                    }
                } else if (r.status() == 415) {
                    respondText(HttpResponseStatus.valueOf(415), r.message(), null);
                } else {
                    respond(HttpResponseStatus.valueOf(r.status()), Responses.JSON, r.body(), r.errorCode());
                }
                return;
            }
            case V2_INFER: {
                final V2Protocol.Verdict v = model.v2().infer(service.context(ctx.executor()), body);
                if (v.ok()) {
                    service.metrics().decoded(Metrics.Decoded.V2);
                    if (service.gateway() != null) {
                        forward();
                    } else {
                        respond(HttpResponseStatus.OK, Responses.JSON, v.body(), null);
                    }
                } else {
                    respond(HttpResponseStatus.valueOf(v.status()), Responses.JSON, v.body(), v.errorCode());
                }
                return;
            }
            case FORWARD:
                forward();
                return;
            case PING:
            case HEALTH:
                // MLflow answers 200 with a newline once the model is loaded (it is, or we would not listen)
                respond(HttpResponseStatus.OK, Responses.JSON, Responses.newline(), null);
                return;
            case VERSION:
                respond(HttpResponseStatus.OK, Responses.JSON, service.versionAnswer(), null);
                return;
            case METRICS:
                respond(HttpResponseStatus.OK, Responses.PROMETHEUS, service.metrics().render(), null);
                return;
            case V2_LIVE:
                respond(HttpResponseStatus.OK, Responses.JSON, "{\"live\": true}", null);
                return;
            case V2_READY:
                respond(HttpResponseStatus.OK, Responses.JSON, "{\"ready\": true}", null);
                return;
            case V2_SERVER:
                respond(HttpResponseStatus.OK, Responses.JSON, V2Protocol.serverMetadata(), null);
                return;
            case V2_MODEL:
                respond(HttpResponseStatus.OK, Responses.JSON, model.v2().metadata(), null);
                return;
            case V2_MODEL_READY:
                respond(HttpResponseStatus.OK, Responses.JSON, model.v2().readiness(), null);
                return;
            case V2_NOT_FOUND:
                respond(HttpResponseStatus.NOT_FOUND, Responses.JSON, Responses.v2Error("Model "
                    + V2Protocol.excerpt(head.uri()) + " not found; this server serves " + model.name(),
                    "RESOURCE_DOES_NOT_EXIST", null, null), "RESOURCE_DOES_NOT_EXIST");
                return;
            case METHOD_NOT_ALLOWED:
                respondText(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed", null);
                return;
            default:
                respond(HttpResponseStatus.NOT_FOUND, Responses.JSON, Responses.mlflowError("ENDPOINT_NOT_FOUND",
                    "No endpoint " + V2Protocol.excerpt(pathOf(head.uri())) + " on this server"),
                    "ENDPOINT_NOT_FOUND");
        }
    }

    private static String pathOf(final String uri) {
        final int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private void forward() {
        final ByteBuf b = body != null ? body : Unpooled.EMPTY_BUFFER;
        body = null;
        responded = true;
        relay = service.gateway().forward(ctx, head, b, this);
    }

    private void respondText(final HttpResponseStatus status, final String text, final String errorCode) {
        respond(status, Responses.TEXT, text, errorCode);
    }

    private void respond(final HttpResponseStatus status, final AsciiString contentType, final String text,
                         final String errorCode) {
        respond(status, contentType, Responses.utf8(ctx.alloc(), text), errorCode);
    }

    private void respond(final HttpResponseStatus status, final AsciiString contentType, final ByteBuf content,
                         final String errorCode) {
        releaseBody();
        responded = true;
        final FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            head != null && head.method() == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : content);
        final int n = content.readableBytes();
        if (resp.content() != content) {
            content.release();
        }
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType).setInt(HttpHeaderNames.CONTENT_LENGTH, n);
        if (!keepAlive || service.draining()) {
            keepAlive = false;
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (head != null && head.protocolVersion() == HttpVersion.HTTP_1_0) {
            resp.headers().set(HttpHeaderNames.CONNECTION, KEEP_ALIVE);
        }
        lastStatus = status.code();
        lastErrorCode = errorCode;
        lastBytesOut = n;
        ctx.writeAndFlush(resp).addListener(this);
    }

    /** The response of the current request is written (or failed to be). */
    @Override
    public void operationComplete(final ChannelFuture f) {
        completed(lastStatus, lastErrorCode, lastBytesOut, !f.isSuccess());
    }

    /** Gateway: the upstream's response was relayed to the end ({@code broken}: it was cut off). */
    void relayed(final int status, final long bytesOut, final boolean broken) {
        relay = null;
        completed(status, null, bytesOut, broken);
    }

    /** Gateway: answered by Signet instead of the upstream (503 / 504), before any upstream byte was relayed. */
    void upstreamFailed(final int status, final String errorCode, final String message) {
        relay = null;
        respond(HttpResponseStatus.valueOf(status), Responses.JSON, Responses.mlflowError(errorCode, message),
            errorCode);
    }

    /** Whether a connection's response to the current request still wants the connection kept. */
    boolean keepAlive() {
        return keepAlive;
    }

    private void completed(final int status, final String errorCode, final long out, final boolean broken) {
        if (!busy) {
            return;
        }
        busy = false;
        answering = false;
        releaseBody();
        final long nanos = System.nanoTime() - started;
        final Metrics metrics = service.metrics();
        metrics.request(route == null ? Metrics.Endpoint.OTHER : route.endpoint, status, errorCode, bytesIn, out,
            nanos);
        metrics.finished();
        service.log(head == null ? "-" : head.method().name(), head == null ? "-" : pathOf(head.uri()), status,
            errorCode, bytesIn, out, nanos);
        head = null;
        if (discarding && !broken) {
            // answered before the whole body was read (413): half-close, so the client reads the answer instead of a
            // reset, and drop whatever it still sends until it closes or the linger time is up
            lingering = true;
            if (ctx.channel() instanceof DuplexChannel) {
                ((DuplexChannel) ctx.channel()).shutdownOutput();
            }
            ctx.executor().schedule(() -> {
                ctx.close();
            }, LINGER_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        }
        if (broken || !keepAlive || service.draining()) {
            ctx.close();
            releasePending();
            return;
        }
        while (!answering && !pending.isEmpty()) {
            channelRead(ctx, pending.poll());
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) throws Exception {
        if (evt == DRAIN) {
            if (!busy) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx) throws Exception {
        if (relay != null) {
            relay.downstreamWritable(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
        releaseBody();
        releasePending();
        if (busy && relay == null) {
            busy = false;
            service.metrics().finished();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        // connection resets and decoder failures: the connection is not worth keeping
        ctx.close();
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    private void releasePending() {
        while (!pending.isEmpty()) {
            ReferenceCountUtil.release(pending.poll());
        }
    }
}
