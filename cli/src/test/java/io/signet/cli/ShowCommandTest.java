package io.signet.cli;

import io.signet.testdata.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code signet show} run in-process ({@link Main#execute}) on the real MLflow models and the broken ones. */
class ShowCommandTest {
    /** Exit code, stdout and stderr of one in-process run. */
    record Run(int code, String out, String err) {
    }

    static synchronized Run run(final String... args) {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final int code = Main.execute(args);
            System.out.flush();
            System.err.flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Path models() {
        return TestData.root().resolve("models");
    }

    private static Path broken() {
        return TestData.root().resolve("models-broken");
    }

    @TestFactory
    List<DynamicTest> everyModelShows() throws IOException {
        final List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(models())) {
            for (final Path dir : s.filter(p -> Files.isRegularFile(p.resolve("MLmodel"))).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                    final Run r = run("show", dir.toString());
                    assertEquals(0, r.code(), r.err());
                    assertEquals("", r.err());
                    assertTrue(r.out().startsWith("model: " + dir.resolve("MLmodel") + "\n  MLflow "), r.out());
                    if (dir.getFileName().toString().equals("no-signature")) {
                        assertTrue(r.out().contains("no signature: MLflow enforces nothing for this model"), r.out());
                        return;
                    }
                    assertTrue(r.out().contains("signature (as in MLmodel):\n  inputs: '["), r.out());
                    assertTrue(r.out().contains("signature (as MLflow prints it):\n  inputs: \n"), r.out());
                    assertTrue(r.out().contains("\ninputs ("), r.out());
                    assertTrue(r.out().contains("\nexamples:\n  input example:         " + dir.resolve("input_example.json")),
                        r.out());
                    // the same output from the MLmodel file itself
                    assertEquals(r.out(), run("show", dir.resolve("MLmodel").toString()).out());
                }));
            }
        }
        return tests;
    }

    @Test
    void mnistTableAndExampleShapes() {
        final Path dir = models().resolve("mnist-uint8");
        final String out = run("show", dir.toString()).out();
        assertTrue(out.contains("  inputs: '[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"uint8\", \"shape\": [-1, 28, 28, 1]}}]'\n"
            + "  outputs: '[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 10]}}]'\n"
            + "  params: null\n"), out);
        assertTrue(out.contains("  inputs: \n    [Tensor('uint8', (-1, 28, 28, 1))]\n"), out);
        assertTrue(out.contains("inputs (tensors):\n"
            + "  #  name  dtype  shape\n"
            + "  -  ----  -----  ---------------\n"
            + "  0  -     uint8  (-1, 28, 28, 1)\n"), out);
        assertTrue(out.contains("    ndarray: shape (2, 28, 28, 1)\n"), out);
        assertTrue(out.contains("  serving input example: " + dir.resolve("serving_input_example.json") + "\n"
            + "    inputs: shape (2, 28, 28, 1)\n"), out);
    }

    @Test
    void tabularTable() {
        final String out = run("show", models().resolve("tabular-optional").toString()).out();
        assertTrue(out.contains("  #  name     type                                                      required\n"), out);
        assertTrue(out.contains("  6  address  {city: string (required), zip: long (optional)}           no\n"), out);
        assertTrue(out.contains("  8  weights  Map(str -> DataType.double)                               no\n"), out);
        assertTrue(out.contains("    dataframe: 2 rows x 9 columns (id, name, score, active, seen, tags, address, items, weights)\n"),
            out);
        assertTrue(out.contains("    dataframe_split: 2 rows x 9 columns (id, name, score, active, seen, tags, address, items, "
            + "weights)\n"), out);
    }

    @Test
    void paramsTable() {
        final String out = run("show", models().resolve("with-params").toString()).out();
        assertTrue(out.contains("params:\n"
            + "  name         type      default                shape\n"
            + "  -----------  --------  ---------------------  ------\n"
            + "  temperature  float     0.7                    scalar\n"), out);
        assertTrue(out.contains("  stop         string    [\"\\n\", \"###\"]          (-1,)\n"), out);
        assertTrue(out.contains("  as_of        datetime  \"2024-01-02T03:04:05\"  scalar\n"), out);
        assertTrue(out.contains("    dataframe: 2 rows x 1 column (prompt); params: temperature, stop\n"), out);
        assertTrue(out.contains("    dataframe_split: 2 rows x 1 column (prompt); params: temperature, stop\n"), out);
    }

    @Test
    void multiTensorAndLegacyServingName() {
        final String out = run("show", models().resolve("legacy-serving-payload").toString()).out();
        assertTrue(out.contains("  MLflow 2.16.2, flavors: python_function\n"), out);
        assertTrue(out.contains("  0  features  float32  (-1, 3)\n"), out);
        assertTrue(out.contains("  2  labels    str      (-1, 2)\n"), out);
        assertTrue(out.contains("serving_input_payload.json\n    inputs: {features (2, 3), ids (2,), labels (2, 2)}\n"), out);
    }

    @Test
    void unreadableExampleIsReportedNotFatal() {
        final Path ex = broken().resolve("bad-example-json/input_example.json");
        final Run r = run("show", broken().resolve("bad-example-json").toString());
        assertEquals(0, r.code());
        assertTrue(r.out().contains("    unreadable: " + ex + ": malformed JSON (line 3, column 2)\n"), r.out());
    }

    private static void failsWithOneLine(final Path p, final String expected) {
        final Run r = run("show", p.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().endsWith("\n"), r.err());
        final String line = r.err().substring(0, r.err().length() - 1);
        assertFalse(line.contains("\n"), r.err());
        assertTrue(line.startsWith("signet show: " + expected), r.err());
    }

    @Test
    void brokenModelsExitTwoWithOneLine() {
        failsWithOneLine(broken().resolve("bad-yaml"), broken().resolve("bad-yaml/MLmodel")
            + ": malformed YAML (line 13, column 23): mapping values are not allowed here");
        failsWithOneLine(broken().resolve("bad-inputs-json"), broken().resolve("bad-inputs-json/MLmodel")
            + ": invalid signature: Malformed JSON in signature inputs: ");
        failsWithOneLine(broken().resolve("rejected-signature"), broken().resolve("rejected-signature/MLmodel")
            + ": invalid signature: Creating Schema with a combination of <class 'type'> and <class 'type'>");
        failsWithOneLine(broken().resolve("missing-mlmodel"), broken().resolve("missing-mlmodel")
            + ": not an MLflow model directory (no MLmodel file)");
        failsWithOneLine(broken().resolve("no-such-model"), broken().resolve("no-such-model") + ": no such file or directory");
    }
}
