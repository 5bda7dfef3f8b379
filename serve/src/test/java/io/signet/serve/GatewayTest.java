package io.signet.serve;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gateway mode against a stub upstream (the JDK's HTTP server on a free loopback port, recording
 * what it receives): valid requests arrive byte for byte with their URI and headers, invalid ones
 * never arrive, the upstream's answer (streamed in pieces) comes back whole, and a down or slow
 * upstream is answered 503 / 504 as MLflow words them.
 */
class GatewayTest {
    private static final String SIG = "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
        + "{\\\"dtype\\\": \\\"uint8\\\", \\\"shape\\\": [-1, 3]}}]\"}";
    /** A valid body with odd spacing and a trailing newline: forwarded as sent, never re-serialised. */
    private static final String VALID = "{ \"inputs\" : [[1, 2,3 ], [4,5,6]] , \"params\": {} }\n";

    /** What the stub received. */
    record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {
    }

    private static Servers servers;
    private static ServedModel model;
    private HttpServer stub;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile long stubDelayMillis;

    @BeforeAll
    static void startLoops() throws Exception {
        servers = new Servers();
        model = servers.model("gw", SIG);
    }

    @AfterAll
    static void stopLoops() throws Exception {
        servers.close();
    }

    @BeforeEach
    void startStub() throws Exception {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        stub.setExecutor(Executors.newFixedThreadPool(4));
        stub.createContext("/", ex -> {
            final byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
                Map.copyOf(ex.getRequestHeaders()), body));
            if (stubDelayMillis > 0) {
                try {
                    Thread.sleep(stubDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("X-Upstream", "mlflow");
            ex.sendResponseHeaders(200, 0); // chunked: written in pieces below
            try (OutputStream out = ex.getResponseBody()) {
                out.write("{\"predictions\": [".getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (int i = 0; i < 200; i++) {
                    out.write(((i == 0 ? "" : ", ") + "[0.1, 0.2, 0.7]").getBytes(StandardCharsets.UTF_8));
                    if (i % 50 == 0) {
                        out.flush();
                    }
                }
                out.write("], \"echo\": ".getBytes(StandardCharsets.UTF_8));
                out.write(String.valueOf(body.length).getBytes(StandardCharsets.UTF_8));
                out.write('}');
            }
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private SignetServer gateway(final URI upstream, final Duration readTimeout) throws Exception {
        return servers.start(model, new ServeOptions().upstream(upstream).readTimeout(readTimeout)
            .connectTimeout(Duration.ofSeconds(2)).upstreamConnections(4));
    }

    private URI stubUri() {
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    }

    private static String expectedUpstreamBody(final int echo) {
        final StringBuilder sb = new StringBuilder("{\"predictions\": [");
        for (int i = 0; i < 200; i++) {
            sb.append(i == 0 ? "" : ", ").append("[0.1, 0.2, 0.7]");
        }
        return sb.append("], \"echo\": ").append(echo).append('}').toString();
    }

    @Test
    void validRequestsAreForwardedUnchangedAndTheAnswerRelayed() throws Exception {
        try (SignetServer s = gateway(stubUri(), Duration.ofSeconds(10))) {
            final byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
            final HttpResponse<String> r = servers.client.send(HttpRequest.newBuilder(
                    Servers.uri(s, "/invocations?x=1&y=%20two"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Request-Id", "abc-123")
                .header("Authorization", "Bearer token")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(expectedUpstreamBody(body.length), r.body());
            assertEquals("mlflow", r.headers().firstValue("X-Upstream").orElse(null));
            assertEquals(1, received.size());
            final Received got = received.get(0);
            assertEquals("POST", got.method());
            assertEquals("/invocations?x=1&y=%20two", got.uri());
            assertArrayEquals(body, got.body());
            assertEquals(List.of("application/json; charset=utf-8"), got.headers().get("Content-type"));
            assertEquals(List.of("abc-123"), got.headers().get("X-request-id"));
            assertEquals(List.of("Bearer token"), got.headers().get("Authorization"));
            assertEquals(List.of(String.valueOf(body.length)), got.headers().get("Content-length"));

            // the same connection pool carries the next ones
            for (int i = 0; i < 5; i++) {
                assertEquals(200, servers.post(s, "/invocations", VALID).statusCode());
            }
            assertEquals(6, received.size());
            ServerTest.waitFor(() -> s.service().metrics().count(Metrics.Endpoint.INVOCATIONS, 200, null) == 6);
        }
    }

    @Test
    void aChunkedRequestBodyArrivesWithItsLength() throws Exception {
        try (SignetServer s = gateway(stubUri(), Duration.ofSeconds(10))) {
            final byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
            // a publisher of unknown length: the JDK client sends it chunked
            final HttpResponse<String> r = servers.client.send(HttpRequest.newBuilder(Servers.uri(s, "/invocations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(1, received.size());
            assertArrayEquals(body, received.get(0).body());
            assertNull(received.get(0).headers().get("Transfer-encoding"));
            assertEquals(List.of(String.valueOf(body.length)), received.get(0).headers().get("Content-length"));
        }
    }

    @Test
    void invalidRequestsNeverReachTheUpstream() throws Exception {
        try (SignetServer s = gateway(stubUri(), Duration.ofSeconds(10))) {
            final HttpResponse<String> shape = servers.post(s, "/invocations", "{\"inputs\": [[1, 2]]}");
            assertEquals(400, shape.statusCode());
            assertEquals("{\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"Shape of input (1, 2) does not "
                + "match expected shape (-1, 3).\", \"path\": \"/inputs\"}", shape.body());
            final HttpResponse<String> broken = servers.post(s, "/invocations", "{\"inputs\": [[1, 2, 3]");
            assertEquals(400, broken.statusCode());
            assertTrue(broken.body().contains("\"error_code\": \"BAD_REQUEST\""), broken.body());
            final HttpResponse<String> wrap = servers.post(s, "/invocations", "{\"inputs\": [[1, 2, 300]]}");
            assertEquals(400, wrap.statusCode());
            final HttpResponse<String> ct = servers.post(s, "/invocations", "a,b\n1,2".getBytes(StandardCharsets.UTF_8),
                "text/plain");
            assertEquals(415, ct.statusCode());
            assertEquals(0, received.size(), "the upstream saw: " + received);
            ServerTest.waitFor(() -> s.service().metrics().count(Metrics.Endpoint.INVOCATIONS, 415, null) == 1);
        }
    }

    @Test
    void unknownPathsAndVersionAreTheUpstreams() throws Exception {
        try (SignetServer s = gateway(stubUri(), Duration.ofSeconds(10))) {
            assertEquals(200, servers.get(s, "/version").statusCode());
            assertEquals(200, servers.get(s, "/something/else?q=1").statusCode());
            assertEquals(2, received.size());
            assertEquals("/version", received.get(0).uri());
            assertEquals("/something/else?q=1", received.get(1).uri());
            // Signet's own endpoints are answered here
            assertEquals("\n", servers.get(s, "/ping").body());
            assertEquals(2, received.size());
        }
    }

    @Test
    void aDownUpstreamIs503() throws Exception {
        final int free;
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = ss.getLocalPort();
        }
        try (SignetServer s = gateway(URI.create("http://127.0.0.1:" + free), Duration.ofSeconds(10))) {
            final HttpResponse<String> r = servers.post(s, "/invocations", VALID);
            assertEquals(503, r.statusCode());
            assertTrue(r.body().startsWith("{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"The model "
                + "server at http://127.0.0.1:" + free + " is unavailable: "), r.body());
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(null));
            // invalid requests are still answered by Signet
            assertEquals(400, servers.post(s, "/invocations", "{\"inputs\": [[1]]}").statusCode());
            ServerTest.waitFor(() -> s.service().metrics().count(Metrics.Endpoint.INVOCATIONS, 503,
                "TEMPORARILY_UNAVAILABLE") == 1);
        }
    }

    @Test
    void aSlowUpstreamIs504() throws Exception {
        stubDelayMillis = 6000;
        try (SignetServer s = gateway(stubUri(), Duration.ofMillis(1500))) {
            final HttpResponse<String> r = servers.post(s, "/invocations", VALID);
            assertEquals(504, r.statusCode());
            assertEquals("{\"error_code\": \"DEADLINE_EXCEEDED\", \"message\": \"Request processing time exceeded "
                + "limit\"}", r.body());
            assertEquals(1, received.size());
            // the timed-out connection was dropped, not reused: the next request gets a fresh one
            stubDelayMillis = 0;
            final HttpResponse<String> next = servers.post(s, "/invocations", VALID);
            assertEquals(200, next.statusCode());
            assertFalse(next.body().isEmpty());
            assertTrue(s.service().metrics().render().contains("signet_upstream_total{outcome=\"timeout\"} 1"));
        }
    }
}
