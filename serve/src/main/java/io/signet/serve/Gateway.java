package io.signet.serve;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Gateway mode: a valid request goes to the upstream (a running MLflow scoring server) with its
 * method, URI (query string included), end-to-end headers and body bytes unchanged; the upstream's
 * response is relayed to the client as its pieces arrive (no buffering, backpressure by pausing
 * upstream reads while the client's socket is full).
 *
 * <p>Connections: one bounded pool per event loop (the upstream connection lives on the client's
 * loop, so a relay never crosses threads), at most {@code upstreamConnections / workers} each
 * (at least 1), waiting acquisitions bounded too. Failures are answered as MLflow words them:
 * upstream unreachable, refused or its pool exhausted past the connect timeout: 503
 * {@code TEMPORARILY_UNAVAILABLE}; no upstream byte within the read timeout: 504
 * {@code DEADLINE_EXCEEDED} ("Request processing time exceeded limit", MLflow 3's sentence). A
 * response cut off after its head was relayed can only be ended by closing the client connection.
 *
 * <p>Hop-by-hop headers (RFC 9110 7.6.1: Connection and the headers it names, Keep-Alive,
 * Proxy-Connection, TE, Trailer, Transfer-Encoding, Upgrade) and Expect belong to each connection
 * and are not forwarded; a chunked request body is forwarded with its Content-Length.
 */
final class Gateway implements AutoCloseable {
    private final URI upstream;
    private final String host;
    private final int port;
    private final int connectTimeoutMillis;
    private final long readTimeoutNanos;
    private final int perLoop;
    private final int maxPending;
    private final Metrics metrics;
    private final AbstractChannelPoolMap<EventLoop, FixedChannelPool> pools;

    Gateway(final ServeOptions o, final Metrics metrics) {
        this.upstream = o.upstream;
        this.host = o.upstream.getHost();
        this.port = o.upstream.getPort() < 0 ? 80 : o.upstream.getPort();
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, o.connectTimeout.toMillis());
        this.readTimeoutNanos = o.readTimeout.toNanos();
        this.perLoop = Math.max(1, (o.upstreamConnections + o.workers - 1) / o.workers);
        this.maxPending = o.upstreamPendingAcquires;
        this.metrics = metrics;
        this.pools = new AbstractChannelPoolMap<>() {
            @Override
            protected FixedChannelPool newPool(final EventLoop loop) {
                final Bootstrap b = new Bootstrap().group(loop).channel(Transports.socketChannel(loop))
                    .remoteAddress(host, port)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                    .option(ChannelOption.TCP_NODELAY, true);
                return new FixedChannelPool(b, new AbstractChannelPoolHandler() {
                    @Override
                    public void channelCreated(final Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new UpstreamHandler());
                    }
                }, ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL,
                    Math.max(1, connectTimeoutMillis), perLoop, maxPending, true, true);
            }
        };
    }

    URI upstream() {
        return upstream;
    }

    /** Sends the request upstream; the handler hears back through {@code relayed} or {@code upstreamFailed}. */
    Relay forward(final ChannelHandlerContext down, final HttpRequest head, final ByteBuf body,
                  final SignetHttpHandler handler) {
        final Relay r = new Relay(down, head, body, handler, pools.get(down.channel().eventLoop()));
        r.acquire();
        return r;
    }

    @Override
    public void close() {
        pools.close();
    }

    /** The request to send: same method, URI and end-to-end headers, the body as read. */
    private static DefaultFullHttpRequest upstreamRequest(final HttpRequest head, final ByteBuf body) {
        final HttpHeaders h = new DefaultHttpHeaders();
        h.set(head.headers());
        final String connection = h.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            for (final String token : connection.split(",")) {
                h.remove(token.trim());
            }
        }
        final boolean hadBody = h.contains(HttpHeaderNames.CONTENT_LENGTH) || HttpUtil.isTransferEncodingChunked(head)
            || body.isReadable();
        h.remove(HttpHeaderNames.CONNECTION).remove(HttpHeaderNames.KEEP_ALIVE).remove("Proxy-Connection")
            .remove(HttpHeaderNames.TE).remove(HttpHeaderNames.TRAILER).remove(HttpHeaderNames.TRANSFER_ENCODING)
            .remove(HttpHeaderNames.UPGRADE).remove(HttpHeaderNames.EXPECT);
        if (hadBody) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, head.method(), head.uri(), body, h,
            EmptyHttpHeaders.INSTANCE);
    }

    /** One request's trip upstream and back. Runs on the client connection's event loop. */
    final class Relay {
        private final ChannelHandlerContext down;
        private final HttpRequest head;
        private final ByteBuf body;
        private final SignetHttpHandler handler;
        private final FixedChannelPool pool;
        private Channel up;
        private ScheduledFuture<?> timer;
        private long lastRead;
        private boolean headRelayed;
        /** The upstream's last response piece arrived (its connection may close now without harm). */
        private boolean complete;
        private boolean upKeepAlive;
        private boolean retried;
        private boolean done;
        private int status;
        private long bytesOut;

        Relay(final ChannelHandlerContext down, final HttpRequest head, final ByteBuf body,
              final SignetHttpHandler handler, final FixedChannelPool pool) {
            this.down = down;
            this.head = head;
            this.body = body;
            this.handler = handler;
            this.pool = pool;
        }

        void acquire() {
            pool.acquire().addListener((Future<Channel> f) -> {
                if (done) {
                    if (f.isSuccess()) {
                        pool.release(f.getNow());
                    }
                    return;
                }
                if (!f.isSuccess()) {
                    fail(503, "TEMPORARILY_UNAVAILABLE", "The model server at " + upstream + " is unavailable: "
                        + reason(f.cause()));
                    return;
                }
                send(f.getNow());
            });
        }

        private void send(final Channel ch) {
            up = ch;
            final UpstreamHandler uh = ch.pipeline().get(UpstreamHandler.class);
            final boolean reused = uh.uses++ > 0;
            uh.relay = this;
            lastRead = System.nanoTime();
            if (timer == null) {
                timer = ch.eventLoop().schedule(this::checkTimeout, readTimeoutNanos, TimeUnit.NANOSECONDS);
            }
            ch.writeAndFlush(upstreamRequest(head, body.retainedDuplicate())).addListener((ChannelFuture w) -> {
                if (w.isSuccess() || done) {
                    return;
                }
                detach(true);
                if (reused && !retried && !headRelayed) {
                    // a kept-alive connection the upstream had closed meanwhile: once more on a fresh one
                    retried = true;
                    acquire();
                } else {
                    fail(503, "TEMPORARILY_UNAVAILABLE", "The model server at " + upstream + " is unavailable: "
                        + reason(w.cause()));
                }
            });
        }

        void onUpstream(final HttpObject msg) {
            if (done) {
                ReferenceCountUtil.release(msg);
                return;
            }
            lastRead = System.nanoTime();
            if (msg instanceof HttpResponse) {
                final HttpResponse resp = (HttpResponse) msg;
                if (resp.status().code() == 100) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                status = resp.status().code();
                upKeepAlive = HttpUtil.isKeepAlive(resp);
                final HttpHeaders h = resp.headers();
                h.remove(HttpHeaderNames.KEEP_ALIVE).remove("Proxy-Connection");
                if (handler.keepAlive()) {
                    h.remove(HttpHeaderNames.CONNECTION);
                } else {
                    h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
                if (!HttpUtil.isContentLengthSet(resp) && !HttpUtil.isTransferEncodingChunked(resp)
                    && !(msg instanceof LastHttpContent)) {
                    // the upstream ends its body by closing: the client gets it chunked
                    HttpUtil.setTransferEncodingChunked(resp, true);
                }
                resp.setProtocolVersion(HttpVersion.HTTP_1_1);
                headRelayed = true;
            }
            if (msg instanceof HttpContent) {
                bytesOut += ((HttpContent) msg).content().readableBytes();
            }
            if (msg instanceof LastHttpContent) {
                complete = true;
                down.writeAndFlush(msg).addListener((ChannelFuture w) -> finish(!w.isSuccess()));
                return;
            }
            if (msg instanceof HttpContent) {
                down.writeAndFlush(msg);
            } else {
                down.write(msg);
            }
            if (!down.channel().isWritable()) {
                up.config().setAutoRead(false);
            }
        }

        void downstreamWritable(final boolean writable) {
            if (writable && up != null && !done) {
                up.config().setAutoRead(true);
            }
        }

        void upstreamClosed() {
            if (done || complete) {
                return;
            }
            detach(false);
            if (!headRelayed) {
                fail(503, "TEMPORARILY_UNAVAILABLE", "The model server at " + upstream
                    + " closed the connection before answering");
            } else {
                end(true, "broken");
            }
        }

        private void checkTimeout() {
            if (done) {
                return;
            }
            final long idle = System.nanoTime() - lastRead;
            if (idle < readTimeoutNanos) {
                timer = down.executor().schedule(this::checkTimeout, readTimeoutNanos - idle, TimeUnit.NANOSECONDS);
                return;
            }
            timer = null;
            detach(true);
            if (!headRelayed) {
                fail(504, "DEADLINE_EXCEEDED", "Request processing time exceeded limit");
            } else {
                end(true, "timeout");
            }
        }

        /** The last piece of the upstream response was written to the client (or failed to be). */
        private void finish(final boolean broken) {
            if (done) {
                return;
            }
            if (broken || !upKeepAlive) {
                detach(true);
            } else {
                detach(false);
            }
            end(broken, broken ? "broken" : "forwarded");
        }

        /** Gives the upstream connection back (closed first when it cannot carry another request). */
        private void detach(final boolean close) {
            final Channel ch = up;
            if (ch == null) {
                return;
            }
            up = null;
            final UpstreamHandler uh = ch.pipeline().get(UpstreamHandler.class);
            if (uh != null) {
                uh.relay = null;
            }
            ch.config().setAutoRead(true);
            if (close) {
                ch.close();
            }
            pool.release(ch);
        }

        private void fail(final int code, final String errorCode, final String message) {
            if (done) {
                return;
            }
            done = true;
            cancelTimer();
            body.release();
            metrics.upstream(code == 504 ? "timeout" : "unavailable");
            handler.upstreamFailed(code, errorCode, message);
        }

        private void end(final boolean broken, final String outcome) {
            done = true;
            cancelTimer();
            body.release();
            metrics.upstream(outcome);
            handler.relayed(status == 0 ? HttpResponseStatus.BAD_GATEWAY.code() : status, bytesOut, broken);
        }

        private void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    private static String reason(final Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        final String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : V2Protocol.excerpt(m);
    }

    /** The last handler of an upstream connection: hands what the upstream sends to the current relay. */
    private static final class UpstreamHandler extends ChannelInboundHandlerAdapter {
        Relay relay;
        int uses;

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
            final Relay r = relay;
            if (r == null || !(msg instanceof HttpObject)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            r.onUpstream((HttpObject) msg);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) throws Exception {
            final Relay r = relay;
            if (r != null) {
                r.upstreamClosed();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            ctx.close();
        }
    }
}
