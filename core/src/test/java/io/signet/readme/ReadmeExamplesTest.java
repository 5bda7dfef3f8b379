package io.signet.readme;

import io.signet.schema.SignatureRoundTripTestAccess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md's Java code, compiled and run as it stands in README: every {@code ```java} block is
 * read from the file. A block holding a {@code public final class} is compiled as it is; any other
 * block is a snippet, compiled as the body of a method with {@code modelDir} in scope and the
 * imports of {@link #SNIPPET_IMPORTS}, run, and each {@code // prints:} line checked against what it
 * printed. The embedding example's server is started on 127.0.0.1 and answers real requests.
 */
class ReadmeExamplesTest {
    /** What a README snippet may use without importing it. */
    static final String SNIPPET_IMPORTS = String.join("\n",
        "import io.signet.enforce.*;",
        "import io.signet.nd4j.Nd4jTensors;",
        "import io.signet.schema.ModelDirectory;",
        "import io.signet.schema.ModelSignature;",
        "import io.signet.serving.*;",
        "import io.signet.tensor.*;",
        "import org.agrona.concurrent.UnsafeBuffer;",
        "import org.nd4j.linalg.api.buffer.DataType;",
        "import org.nd4j.linalg.api.ndarray.INDArray;",
        "import org.nd4j.linalg.factory.Nd4j;",
        "import java.nio.ByteBuffer;",
        "import java.nio.charset.StandardCharsets;",
        "import java.nio.file.Path;",
        "import java.util.Arrays;");

    private static final Path MNIST = SignatureRoundTripTestAccess.data().resolve("models/mnist-uint8");
    private static List<String> blocks;
    private static ClassLoader compiled;

    /** The {@code ```java} blocks of README.md, in order. */
    static List<String> javaBlocks() throws IOException {
        final String readme = Files.readString(SignatureRoundTripTestAccess.data().getParent().resolve("README.md"),
            StandardCharsets.UTF_8);
        final List<String> r = new ArrayList<>();
        final Matcher m = Pattern.compile("(?s)```java\n(.*?)```").matcher(readme);
        while (m.find()) {
            r.add(m.group(1));
        }
        return r;
    }

    private static String className(final String block) {
        final Matcher m = Pattern.compile("public final class (\\w+)").matcher(block);
        return m.find() ? m.group(1) : null;
    }

    /** Compiles every block (snippets wrapped) in one javac run, against the test classpath. */
    @BeforeAll
    static void compileReadme() throws IOException {
        blocks = javaBlocks();
        final List<JavaFileObject> units = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            final String b = blocks.get(i);
            final String name = className(b) != null ? className(b) : "ReadmeSnippet" + i;
            final String src = className(b) != null ? b : SNIPPET_IMPORTS + "\n\npublic final class " + name
                + " {\n    public static void run(Path modelDir) throws Exception {\n" + b + "\n    }\n}\n";
            units.add(new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(final boolean ignoreEncodingErrors) {
                    return src;
                }
            });
        }
        final Path out = Files.createTempDirectory("readme-classes");
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8)) {
            final java.io.StringWriter javacOut = new java.io.StringWriter();
            final boolean ok = javac.getTask(javacOut, fm, diags, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none", "--release", "17"), null,
                units).call();
            final StringBuilder sb = new StringBuilder(javacOut.toString());
            for (final Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                sb.append(d).append('\n');
            }
            assertTrue(ok, "README's Java does not compile:\n" + sb);
        }
        compiled = new URLClassLoader(new URL[] {out.toUri().toURL()}, ReadmeExamplesTest.class.getClassLoader());
    }

    @Test
    void readmeHasTheLibrarySnippetAndTheEmbeddingServer() {
        assertEquals(2, blocks.size(), "README's java blocks: " + blocks.size());
        assertEquals(null, className(blocks.get(0)));
        assertEquals("SignetHttpServer", className(blocks.get(1)));
    }

    @Test
    void theLibrarySnippetPrintsWhatItSays() throws Exception {
        final String snippet = blocks.get(0);
        final List<String> expected = new ArrayList<>();
        final Matcher m = Pattern.compile("// prints: (.*)").matcher(snippet);
        while (m.find()) {
            expected.add(m.group(1).strip());
        }
        assertTrue(expected.size() >= 3, "the snippet says what it prints: " + expected);
        final Method run = compiled.loadClass("ReadmeSnippet0").getMethod("run", Path.class);
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream old = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.invoke(null, MNIST);
        } finally {
            System.setOut(old);
        }
        assertEquals(expected, captured.toString(StandardCharsets.UTF_8).lines().map(String::strip)
            .collect(java.util.stream.Collectors.toList()));
    }

    private static String image(final int value) {
        final String v = "[" + value + "]";
        final String row = "[" + (v + ", ").repeat(27) + v + "]";
        return "[" + (row + ", ").repeat(27) + row + "]";
    }

    private static HttpResponse<String> post(final HttpClient client, final String base, final String body,
                                             final String contentType) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/invocations")).timeout(Duration.ofSeconds(30))
            .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEmbeddingServerAnswersRealRequests() throws Exception {
        final Class<?> cls = compiled.loadClass("SignetHttpServer");
        final com.sun.net.httpserver.HttpServer http = (com.sun.net.httpserver.HttpServer) cls.getMethod("start",
            Path.class, InetSocketAddress.class, int.class).invoke(null, MNIST, new InetSocketAddress("127.0.0.1", 0), 3);
        final ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            final String base = "http://127.0.0.1:" + http.getAddress().getPort();
            final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
            final HttpResponse<String> ping = client.send(HttpRequest.newBuilder(URI.create(base + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());

            final String two = "{\"inputs\": [" + image(0) + ", " + image(255) + "]}";
            final HttpResponse<String> ok = post(client, base, two, "application/json");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("application/json", ok.headers().firstValue("Content-Type").orElse(null));
            assertEquals("{\"predictions\": [0.0, 255.0]}", ok.body());

            final HttpResponse<String> shape = post(client, base, "{\"inputs\": [[[[0], [255]]]]}",
                "application/json");
            assertEquals(400, shape.statusCode());
            assertEquals("{\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"Shape of input (1, 1, 2, 1) "
                + "does not match expected shape (-1, 28, 28, 1).\", \"path\": \"/inputs\"}", shape.body());

            final HttpResponse<String> over = post(client, base, "{\"inputs\": [" + image(300) + "]}",
                "application/json");
            assertEquals(400, over.statusCode());
            assertTrue(over.body().contains("\"deviation\": \"narrowing-overflow\""), over.body());

            final HttpResponse<String> text = post(client, base, "x", "text/plain");
            assertEquals(415, text.statusCode());
            assertEquals("text/plain", text.headers().firstValue("Content-Type").orElse(null));
            assertEquals("This predictor only supports the following content types: Types: ['text/csv', "
                + "'application/json']. Got 'text/plain'.", text.body());

            final HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(base + "/invocations"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());

            // several clients at once, each worker on its own context: every answer is its request's
            final List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                final int k = i;
                answers.add(clients.submit(() -> {
                    final HttpResponse<String> r = k % 2 == 0
                        ? post(client, base, "{\"inputs\": [" + image(k) + "]}", "application/json")
                        : post(client, base, "{\"inputs\": [[[[" + k + "]]]]}", "application/json");
                    return r.statusCode() + " " + r.body();
                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                final String a = answers.get(i).get(60, TimeUnit.SECONDS);
                if (i % 2 == 0) {
                    assertEquals("200 {\"predictions\": [" + (double) i + "]}", a);
                } else {
                    assertTrue(a.startsWith("400 {\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"Shape of "
                        + "input (1, 1, 1, 1)"), a);
                }
            }
        } finally {
            clients.shutdownNow();
            http.stop(0);
            final ExecutorService workers = (ExecutorService) http.getExecutor();
            workers.shutdown();
            assertTrue(workers.awaitTermination(30, TimeUnit.SECONDS), "the workers end, closing their contexts");
        }
    }
}
