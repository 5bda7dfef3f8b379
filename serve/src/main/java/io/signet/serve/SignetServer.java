package io.signet.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A listening Signet server: Netty's HTTP/1.1 codec and a {@link SignetHttpHandler} per
 * connection, on its own event loops (or on loops the caller lends, which {@link #close()} then
 * leaves running). Binds the configured address only.
 *
 * <p>{@link #close()} is the graceful shutdown: stop accepting, let requests in flight finish (up
 * to the drain timeout) while idle connections close, then stop the loops and free the service.
 */
public final class SignetServer implements AutoCloseable {
    /** Request line and header limits of the HTTP decoder (bytes). */
    static final int MAX_INITIAL_LINE = 8192;
    static final int MAX_HEADERS = 16384;
    static final int MAX_CHUNK = 64 * 1024;

    private final SignetService service;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final boolean ownsGroups;
    private final Channel listener;
    private volatile boolean closed;

    private SignetServer(final SignetService service, final EventLoopGroup boss, final EventLoopGroup workers,
                         final boolean ownsGroups, final ServeOptions o) throws InterruptedException {
        this.service = service;
        this.boss = boss;
        this.workers = workers;
        this.ownsGroups = ownsGroups;
        final ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(Transports.serverChannel(boss))
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel ch) {
                    ch.pipeline().addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK))
                        .addLast("signet", new SignetHttpHandler(service));
                }
            });
        this.listener = b.bind(o.host, o.port).sync().channel();
    }

    /** Starts a server on its own event loops: one acceptor thread, {@code options.workers()} workers. */
    public static SignetServer start(final SignetService service, final ServeOptions options)
        throws InterruptedException {
        final EventLoopGroup boss = Transports.group(1, "signet-accept");
        final EventLoopGroup workers = Transports.group(options.workers, "signet-worker");
        try {
            return new SignetServer(service, boss, workers, true, options);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts a server on the caller's event loops (epoll or NIO); close() leaves them running. */
    public static SignetServer start(final SignetService service, final ServeOptions options,
                                     final EventLoopGroup boss, final EventLoopGroup workers)
        throws InterruptedException {
        return new SignetServer(service, boss, workers, false, options);
    }

    /** Event loops of the transport this server uses (epoll on Linux, NIO elsewhere). */
    public static EventLoopGroup eventLoops(final int threads, final String name) {
        return Transports.group(threads, name);
    }

    /** The bound port (useful after asking for port 0). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public SignetService service() {
        return service;
    }

    /** Blocks until the listener is closed. */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
    }

    /** Graceful shutdown; see the class comment. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().syncUninterruptibly();
        service.drain();
        final long deadline = System.nanoTime() + service.drainTimeout().toNanos();
        while ((service.metrics().inFlight() > 0 || service.openConnections() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        service.close();
        if (ownsGroups) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
