package io.signet.serve;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 260 KB tensor body costs the event loop that reads it no garbage of its size: bytes allocated on the
 * (single) worker thread per accepted request, measured with the JVM's per-thread allocation counter, from 8
 * concurrent connections. Netty 4.2's default (adaptive) allocator pools buffers up to 256 KiB when the heap is
 * 512 MiB or less (1 MiB otherwise) and gives anything larger a fresh array: about 259 KB of garbage a request
 * here. serve/pom.xml runs these tests with {@code io.netty.allocator.lowMemory=true}, the allocator's mode
 * under such a heap; bodies live in the pooled arena now.
 */
class BodyAllocationTest {
    private static final int ROWS = 16;
    private static final int COLS = 784;
    private static final int CLIENTS = 8;
    private static final String F32 = "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
        + "{\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, 784]}}]\"}";

    /** The bench's float32 body: 16 rows of 784 float64 literals (seed 7), about 259 KB. */
    static byte[] body() {
        final Random r = new Random(7);
        final StringBuilder b = new StringBuilder(ROWS * COLS * 22).append("{\"inputs\": [");
        for (int i = 0; i < ROWS; i++) {
            b.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < COLS; j++) {
                b.append(j == 0 ? "" : ", ").append(r.nextGaussian());
            }
            b.append(']');
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} requests from 8 concurrent clients (8 connections, as in bench/serve-load.sh), all answered 200. */
    private static void send(final Servers servers, final SignetServer s, final byte[] body, final int n)
        throws Exception {
        final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            final List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = 0; i < n / CLIENTS; i++) {
                        final HttpResponse<String> r = servers.post(s, "/invocations", body, "application/json");
                        assertEquals(200, r.statusCode(), r.body());
                    }
                    return n / CLIENTS;
                }));
            }
            for (final Future<Integer> f : done) {
                assertEquals(n / CLIENTS, f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aLargeBodyIsNotGarbage() throws Exception {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertEquals("true", System.getProperty("io.netty.allocator.lowMemory"), "see serve/pom.xml");
        final byte[] body = body();
        assertTrue(body.length > 250_000, "body of " + body.length + " bytes");
        final EventLoopGroup boss = SignetServer.eventLoops(1, "alloc-accept");
        final EventLoopGroup worker = SignetServer.eventLoops(1, "alloc-worker");
        try (Servers servers = new Servers()) {
            final ServedModel model = servers.model("m", F32);
            final ServeOptions o = new ServeOptions();
            o.port(0);
            try (SignetServer s = SignetServer.start(new SignetService(model, o), o, boss, worker)) {
                final long loop = worker.next().submit(() -> Thread.currentThread().getId()).get(10, TimeUnit.SECONDS);
                send(servers, s, body, 300); // warm-up: the JIT, the allocator's first chunks, Jackson's tables
                final int n = 400;
                final long before = threads.getThreadAllocatedBytes(loop);
                send(servers, s, body, n);
                final long perRequest = (threads.getThreadAllocatedBytes(loop) - before) / n;
                assertTrue(perRequest < 16 * 1024, "bytes allocated by the event loop per 259 KB request: " + perRequest);
            }
        } finally {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
            worker.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
