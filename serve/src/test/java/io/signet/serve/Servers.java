package io.signet.serve;

import io.netty.channel.EventLoopGroup;
import io.signet.json.Limits;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Real servers on free loopback ports for the tests, on event loops shared by one test class. */
final class Servers implements AutoCloseable {
    final EventLoopGroup boss = SignetServer.eventLoops(1, "test-accept");
    final EventLoopGroup workers = SignetServer.eventLoops(2, "test-worker");
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path tmp;

    Servers() throws IOException {
        tmp = Files.createTempDirectory("signet-serve-test");
    }

    /** A model from a signature JSON text ({"inputs": ..., "outputs": ..., "params": ...}; null: none). */
    ServedModel model(final String name, final String signatureJson) throws Exception {
        // the oracle cases carry MLflow 2.17.2's verdicts; a bare signature file alone would mean MLflow 3
        return model(name, signatureJson, io.signet.enforce.Profile.MLFLOW_2);
    }

    /** A model from a signature JSON text, enforced with the profile's rules. */
    ServedModel model(final String name, final String signatureJson, final io.signet.enforce.Profile profile)
        throws Exception {
        if (signatureJson == null) {
            return new ServedModel(name, null, null, Limits.DEFAULT);
        }
        final Path f = Files.createTempFile(tmp, "sig", ".json");
        Files.writeString(f, signatureJson);
        try {
            return ServedModel.open(f, name, Limits.DEFAULT, profile);
        } finally {
            Files.delete(f);
        }
    }

    SignetServer start(final ServedModel model, final ServeOptions o) throws InterruptedException {
        o.port(0);
        return SignetServer.start(new SignetService(model, o), o, boss, workers);
    }

    SignetServer start(final ServedModel model) throws InterruptedException {
        return start(model, new ServeOptions());
    }

    static URI uri(final SignetServer s, final String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    HttpResponse<String> post(final SignetServer s, final String path, final byte[] body, final String contentType)
        throws IOException, InterruptedException {
        final HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, path)).timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(final SignetServer s, final String path, final String json)
        throws IOException, InterruptedException {
        return post(s, path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    HttpResponse<String> get(final SignetServer s, final String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(s, path)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        try (var s = Files.list(tmp)) {
            s.forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(tmp);
    }
}
