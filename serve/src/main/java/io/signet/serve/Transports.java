package io.signet.serve;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** epoll where the native transport loads (Linux x86-64), NIO elsewhere. */
final class Transports {
    private Transports() {
    }

    static boolean epoll() {
        return Epoll.isAvailable() && !Boolean.getBoolean("signet.nio");
    }

    static MultiThreadIoEventLoopGroup group(final int threads, final String name) {
        final IoHandlerFactory f = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), f);
    }

    /** The listening socket type that can live on those loops (the caller's own included). */
    static Class<? extends ServerSocketChannel> serverChannel(final EventLoopGroup group) {
        return group instanceof IoEventLoopGroup && Epoll.isAvailable()
            && ((IoEventLoopGroup) group).isIoType(EpollIoHandler.class)
            ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The client socket type that can live on that loop (an embedding application's loops included). */
    static Class<? extends SocketChannel> socketChannel(final EventLoop loop) {
        if (loop instanceof IoEventLoop && Epoll.isAvailable() && ((IoEventLoop) loop).isIoType(EpollIoHandler.class)) {
            return EpollSocketChannel.class;
        }
        return NioSocketChannel.class;
    }
}
