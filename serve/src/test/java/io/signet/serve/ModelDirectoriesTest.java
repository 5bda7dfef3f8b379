package io.signet.serve;

import io.signet.schema.ModelDirectory;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code signet serve} starts on every model directory of src-test-data/models: the server's main
 * (what the launcher runs) in its own JVM on a free port, then /ping, the model's own serving
 * example through /invocations (answered as MLflow 2.17.2 answers it), and SIGTERM, which drains and
 * exits.
 */
class ModelDirectoriesTest {
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+),");

    @Test
    void servesEveryModelDirectory() throws Exception {
        final List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Paths.get("..", "src-test-data", "models"))) {
            s.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        assertTrue(dirs.size() >= 6, "model directories: " + dirs);
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (final Path dir : dirs) {
            final Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ServeMain.class.getName(), "--model", dir.toString(),
                "--port", "0", "--workers", "1").redirectErrorStream(true).start();
            try {
                final BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
                final String first = out.readLine();
                final Matcher m = LISTENING.matcher(String.valueOf(first));
                assertTrue(m.find(), dir + ": " + first);
                final String base = "http://127.0.0.1:" + m.group(1);
                assertEquals("\n", client.send(HttpRequest.newBuilder(URI.create(base + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
                final Path example = ModelDirectory.open(dir).servingInputExample();
                if (example != null) {
                    final HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/invocations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofFile(example)).build(), HttpResponse.BodyHandlers.ofString());
                    if (dir.endsWith("tabular-optional")) {
                        // MLflow 2.17.2 rejects the example it wrote itself (its oracle, run on this body: 400
                        // BAD_REQUEST "... Failed to enforce schema for key `qty`. Expected type integer, received
                        // type int"): an int inside an Object inside an Array column; Signet answers the same
                        assertEquals(400, r.statusCode(), dir + ": " + r.body());
                        assertTrue(r.body().startsWith("{\"error_code\": \"BAD_REQUEST\", \"message\": \"Invalid input. "
                            + "Data is not compatible with model signature. Failed to convert column items to type "
                            + "'Array({qty: integer (required), sku: string (required)})'."), r.body());
                    } else {
                        assertEquals(200, r.statusCode(), dir + ": " + r.body());
                        assertEquals("{\"conforms\": true}", r.body());
                    }
                }
                p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), dir + ": still running 30 s after SIGTERM");
                assertEquals(143, p.exitValue(), dir + ": exit status after SIGTERM");
                // (the count is read at the signal: a response the client already has may not be counted done yet)
                final String last = out.readLine();
                assertTrue(String.valueOf(last).matches("signet serve: stopped \\([01] requests were in flight\\)"),
                    dir + ": " + last);
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
