package io.signet.serve;

import io.signet.json.Limits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MLflow's endpoints, /metrics, the request log, body limits and graceful shutdown, on a real server. */
class ServerTest {
    static final String U8 = "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
        + "{\\\"dtype\\\": \\\"uint8\\\", \\\"shape\\\": [-1, 3]}}]\"}";
    static final String FRAME = "{\"inputs\": \"[{\\\"type\\\": \\\"long\\\", \\\"name\\\": \\\"a\\\"}, "
        + "{\\\"type\\\": \\\"string\\\", \\\"name\\\": \\\"b\\\"}]\"}";

    private static Servers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new Servers();
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void mlflowsEndpoints() throws Exception {
        try (SignetServer s = servers.start(servers.model("m", U8))) {
            for (final String p : new String[] {"/ping", "/health"}) {
                final HttpResponse<String> r = servers.get(s, p);
                assertEquals(200, r.statusCode());
                assertEquals("\n", r.body());
                assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(null));
            }
            assertEquals("2.17.2", servers.get(s, "/version").body());
            final HttpResponse<String> ok = servers.post(s, "/invocations", "{\"inputs\": [[1, 2, 3]]}");
            assertEquals(200, ok.statusCode());
            assertEquals("{\"conforms\": true}", ok.body());
            final HttpResponse<String> nf = servers.get(s, "/nothing");
            assertEquals(404, nf.statusCode());
            assertEquals("{\"error_code\": \"ENDPOINT_NOT_FOUND\", \"message\": \"No endpoint /nothing on this server\"}",
                nf.body());
            assertEquals(405, servers.get(s, "/invocations").statusCode());
            // a request without Content-Type is judged as application/json
            assertEquals(200, servers.post(s, "/invocations", "{\"inputs\": [[1, 2, 3]]}"
                .getBytes(StandardCharsets.UTF_8), null).statusCode());
        }
    }

    @Test
    void metricsCountWhatHappened() throws Exception {
        try (SignetServer s = servers.start(servers.model("m", FRAME))) {
            assertEquals(0, s.service().contextCount());
            final String good = "{\"dataframe_split\": {\"columns\": [\"a\", \"b\"], \"data\": [[1, \"x\"], [2, \"y\"]]}}";
            for (int i = 0; i < 3; i++) {
                assertEquals(200, servers.post(s, "/invocations", good).statusCode());
            }
            assertEquals(400, servers.post(s, "/invocations", "{\"dataframe_split\": {\"columns\": [\"a\"], "
                + "\"data\": [[1]]}}").statusCode());
            assertEquals(400, servers.post(s, "/invocations", "{").statusCode());
            assertEquals(415, servers.post(s, "/invocations", new byte[] {1}, "text/plain").statusCode());
            final String m = servers.get(s, "/metrics").body();
            assertTrue(m.contains("signet_requests_total{endpoint=\"/invocations\",status=\"200\",error_code=\"\"} 3\n"), m);
            assertTrue(m.contains("signet_requests_total{endpoint=\"/invocations\",status=\"400\",error_code=\"BAD_REQUEST\"} 1\n"), m);
            assertTrue(m.contains("signet_requests_total{endpoint=\"/invocations\",status=\"400\","
                + "error_code=\"INVALID_PARAMETER_VALUE\"} 1\n"), m);
            assertTrue(m.contains("signet_requests_total{endpoint=\"/invocations\",status=\"415\",error_code=\"\"} 1\n"), m);
            final long in = 3L * good.length() + "{\"dataframe_split\": {\"columns\": [\"a\"], \"data\": [[1]]}}".length() + 1 + 1;
            assertTrue(m.contains("signet_request_bytes_total " + in + "\n"), m);
            assertTrue(m.contains("signet_request_duration_seconds_count 6\n"), m);
            assertTrue(m.contains("signet_request_duration_seconds_bucket{le=\"+Inf\"} 6\n"), m);
            // the accepted frames handed their columns out; the broken one went to the exact path as MALFORMED
            assertTrue(m.contains("signet_inputs_decoded_total{kind=\"columns\"} 3\n"), m);
            assertTrue(m.contains("signet_fastpath_fallbacks_total{cause=\"malformed\"} 1\n"), m);
            assertTrue(m.contains("signet_fastpath_fallbacks_total{cause=\"unexpected\"} 0\n"), m);
            // one context per worker that judged a request: at most the test's two event loops
            assertTrue(s.service().contextCount() >= 1 && s.service().contextCount() <= 2);
            assertTrue(m.contains("signet_requests_in_flight 1\n"), m); // this scrape itself
            assertTrue(m.contains("# TYPE signet_request_duration_seconds histogram\n"), m);
            // the scrape is counted after it is written
            final String again = servers.get(s, "/metrics").body();
            assertTrue(again.contains("signet_requests_total{endpoint=\"/metrics\",status=\"200\",error_code=\"\"} 1\n"));
        }
    }

    @Test
    void oneLogLinePerRequestNeverTheBody() throws Exception {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final ServeOptions o = new ServeOptions().port(0);
        try (PrintStream log = new PrintStream(captured, true, StandardCharsets.UTF_8);
             SignetServer s = SignetServer.start(new SignetService(servers.model("m", U8), o, log), o, servers.boss,
                 servers.workers)) {
            assertEquals(400, servers.post(s, "/invocations?token=SECRET", "{\"inputs\": [[7777777, 2]]}").statusCode());
            assertEquals(200, servers.post(s, "/invocations", "{\"inputs\": [[1, 2, 3]]}").statusCode());
        }
        final String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, captured.toString(StandardCharsets.UTF_8));
        assertTrue(lines[0].matches("signet POST /invocations 400 INVALID_PARAMETER_VALUE in=26 out=\\d+ us=\\d+"),
            lines[0]);
        assertTrue(lines[1].matches("signet POST /invocations 200 - in=23 out=18 us=\\d+"), lines[1]);
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("7777777"));
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("SECRET"));
    }

    @Test
    void bodiesPastTheLimitAre413AndNotKept() throws Exception {
        final ServeOptions o = new ServeOptions().limits(Limits.DEFAULT.withMaxDocumentBytes(1000));
        try (SignetServer s = servers.start(servers.model("m", U8), o)) {
            // declared too long: answered before a body byte is sent
            try (Socket sock = new Socket("127.0.0.1", s.port())) {
                sock.getOutputStream().write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                final String resp = readResponse(sock.getInputStream());
                assertTrue(resp.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), resp);
                assertTrue(resp.contains("connection: close"), resp);
                assertTrue(resp.endsWith("{\"error_code\": \"BAD_REQUEST\", \"message\": \"Payload exceeds limit "
                    + "maxDocumentBytes=1000\"}"), resp);
            }
            // streamed (chunked, no length): cut off when it passes the limit, the client still reads the answer
            try (Socket sock = new Socket("127.0.0.1", s.port())) {
                final OutputStream out = sock.getOutputStream();
                out.write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                final byte[] piece = "[1, 2, 3], ".repeat(30).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 20; i++) {
                    out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(piece);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                final String resp = readResponse(sock.getInputStream());
                assertTrue(resp.startsWith("HTTP/1.1 413 "), resp);
                assertTrue(resp.endsWith("maxDocumentBytes=1000\"}"), resp);
            }
            // counted once each response is written (the client may read it a moment before)
            waitFor(() -> s.service().metrics().count(Metrics.Endpoint.INVOCATIONS, 413, "BAD_REQUEST") == 2);
            // a body at the limit is judged
            final String ok = "{\"inputs\": [[1, 2, 3]]}";
            final String padded = ok + " ".repeat(1000 - ok.length());
            assertEquals(200, servers.post(s, "/invocations", padded).statusCode());
            assertEquals(413, servers.post(s, "/invocations", padded + " ").statusCode());
        }
    }

    @Test
    void shutdownFinishesTheRequestInFlightThenStops() throws Exception {
        final SignetServer s = servers.start(servers.model("m", U8));
        final int port = s.port();
        final byte[] body = "{\"inputs\": [[1, 2, 3], [4, 5, 6]]}".getBytes(StandardCharsets.US_ASCII);
        try (Socket sock = new Socket("127.0.0.1", port); Socket idle = new Socket("127.0.0.1", port)) {
            final OutputStream out = sock.getOutputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            // the head is in: the request is in flight
            waitFor(() -> s.service().metrics().inFlight() == 1);
            final CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
            // no new connections, and the idle one is closed
            waitFor(() -> refused(port));
            assertEquals(-1, idle.getInputStream().read());
            assertFalse(closing.isDone());
            out.write(body, 10, body.length - 10);
            out.flush();
            final String resp = readResponse(sock.getInputStream());
            assertTrue(resp.startsWith("HTTP/1.1 200 OK\r\n"), resp);
            assertTrue(resp.contains("connection: close"), resp);
            assertTrue(resp.endsWith("{\"conforms\": true}"), resp);
            closing.get(10, TimeUnit.SECONDS);
            // one scoring context was made for the worker that served the request, and closed with the service
            assertEquals(0, s.service().contextCount());
            assertEquals(0, s.service().metrics().inFlight());
            assertEquals(1, s.service().metrics().count(Metrics.Endpoint.INVOCATIONS, 200, null));
        }
    }

    private static boolean refused(final int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void waitFor(final java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 2000 && !c.getAsBoolean(); i++) {
            Thread.sleep(5);
        }
        assertTrue(c.getAsBoolean(), "condition not reached in 10 s");
    }

    /** Reads one HTTP response (head, then Content-Length bytes) from a raw socket. */
    static String readResponse(final InputStream in) throws IOException {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            head.write(c);
            final byte[] h = head.toByteArray();
            if (h.length >= 4 && h[h.length - 4] == '\r' && h[h.length - 3] == '\n' && h[h.length - 2] == '\r'
                && h[h.length - 1] == '\n') {
                break;
            }
        }
        final String text = head.toString(StandardCharsets.US_ASCII);
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
        assertTrue(m.find(), text);
        final byte[] b = in.readNBytes(Integer.parseInt(m.group(1)));
        return text + new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void anUnusedBodyReadOnGetIsIgnored() throws Exception {
        try (SignetServer s = servers.start(servers.model("m", U8));
             Socket sock = new Socket("127.0.0.1", s.port())) {
            final OutputStream out = sock.getOutputStream();
            // two pipelined requests in one write: answered in order on one connection
            out.write(("GET /ping HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 23\r\n\r\n"
                + "{\"inputs\": [[1, 2, 3]]}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(readResponse(sock.getInputStream()).endsWith("\r\n\r\n\n"));
            assertTrue(readResponse(sock.getInputStream()).endsWith("{\"conforms\": true}"));
        }
    }

    @Test
    void noSignatureEnforcesNothing() throws Exception {
        try (SignetServer s = servers.start(servers.model("m", null))) {
            assertEquals(200, servers.post(s, "/invocations", "{\"inputs\": [[1, 2], [3, 4]], \"params\": {\"x\": 1}}")
                .statusCode());
            assertEquals(400, servers.post(s, "/invocations", "[1]").statusCode());
        }
        assertThrows(IllegalArgumentException.class, () -> new ServeOptions().upstream(java.net.URI.create("ftp://x")));
    }
}
