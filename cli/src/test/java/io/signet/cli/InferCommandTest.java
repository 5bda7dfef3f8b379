package io.signet.cli;

import io.signet.py.PyJson;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code signet infer} end to end: output forms and exit codes (fixtures from src-test-data/infer). */
class InferCommandTest {
    private static Path files() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("src-test-data"))) {
            p = p.getParent();
        }
        return p.resolve("src-test-data").resolve("infer").resolve("files");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        final int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String f(final String name) {
        return files().resolve(name).toString();
    }

    @Test
    void npyPrintsMlflowJson() throws Exception {
        final Run r = run("infer", f("f32-2x3.npy"));
        assertEquals(0, r.code, r.err);
        assertEquals("{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": {\\\"dtype\\\": \\\"float32\\\", "
            + "\\\"shape\\\": [-1, 3]}}]\", \"outputs\": null, \"params\": null}\n", r.out);
        final Map<?, ?> parsed = (Map<?, ?>) PyJson.loads(r.out);
        assertEquals(null, parsed.get("outputs"));
    }

    @Test
    void mlmodelBlockWithParamsAndOutput() {
        final Run r = run("infer", "--mlmodel", "--params", f("params-mixed-list.json"), "--output", f("out-list.json"),
            f("i8-1d.npy"));
        assertEquals(0, r.code, r.err);
        assertEquals("signature:\n"
            + "  inputs: '[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int8\", \"shape\": [-1]}}]'\n"
            + "  outputs: '[{\"type\": \"double\", \"required\": true}]'\n"
            + "  params: '[{\"name\": \"l\", \"type\": \"double\", \"default\": [1.0, 2.5], \"shape\": [-1]}]'\n", r.out);
    }

    @Test
    void mlflowRefusalExitsOneWithItsMessage() {
        final Run r = run("infer", f("records-mixed.json"));
        assertEquals(1, r.code);
        assertEquals("signet infer: " + f("records-mixed.json") + ": Expected all values in list to be of same type\n",
            r.err);
        assertEquals("", r.out);
    }

    @Test
    void disagreeingFilesNameTheOneThatDiffers() {
        final Run r = run("infer", f("f32-2x3.npy"), f("f32-5x3.npy"), f("f64-5x4.npy"));
        assertEquals(1, r.code);
        assertTrue(r.err.startsWith("signet infer: " + f("f64-5x4.npy") + ": infers a different signature than "
            + f("f32-2x3.npy")), r.err);
    }

    @Test
    void missingAndCorruptFilesExitTwoOnOneLine() {
        for (final String name : new String[] {"nope.npy", "corrupt.npy", "corrupt.json", "corrupt.npz", "bad-entry.npz"}) {
            final Run r = run("infer", f(name));
            assertEquals(2, r.code, name);
            assertTrue(r.err.startsWith("signet infer: " + f(name) + ": "), r.err);
            assertEquals(1, r.err.split("\n").length, r.err);
        }
        final Run p = run("infer", "--params", f("nope.json"), f("f32-2x3.npy"));
        assertEquals(2, p.code);
        assertTrue(p.err.contains("nope.json: no such file"), p.err);
    }

    @Test
    void noPathIsAUsageError() {
        assertEquals(2, run("infer").code);
    }
}
