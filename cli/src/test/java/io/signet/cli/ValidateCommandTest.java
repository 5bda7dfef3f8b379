package io.signet.cli;

import io.signet.py.PyJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real {@code signet validate} on good, bad, corrupt and missing files: reports and exit codes. */
class ValidateCommandTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void model() throws Exception {
        model = dir.resolve("signature.json");
        Files.writeString(model, "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
            + "{\\\"dtype\\\": \\\"uint8\\\", \\\"shape\\\": [-1, 2]}}]\"}", StandardCharsets.UTF_8);
    }

    private Path write(final String name, final String text) throws Exception {
        final Path p = dir.resolve("batch").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** The JSON report: the file lines by path, then the summary under the key "summary". */
    private static Map<String, Map<?, ?>> report(final CliRun r) throws Exception {
        final Map<String, Map<?, ?>> m = new HashMap<>();
        for (final String line : r.out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            final Map<?, ?> o = (Map<?, ?>) PyJson.loads(line);
            if ("summary".equals(o.get("type"))) {
                m.put("summary", o);
            } else {
                m.put(Path.of((String) o.get("path")).getFileName().toString(), o);
            }
        }
        return m;
    }

    @Test
    void mixedBatchIsReportedFileByFileAndExitsOne() throws Exception {
        write("good.json", "{\"inputs\": [[1, 2], [3, 4]]}");
        write("bad-shape.json", "{\"inputs\": [[1, 2, 3]]}");
        write("not-json.json", "{\"inputs\": [[1, 2]");
        write("lines.jsonl", "{\"inputs\": [[1, 2]]}\n\n{\"instances\": [[1]]}\n{\"inputs\": [[5, 6]]}\n");
        write("notes.txt", "left out, but counted");
        final CliRun r = CliRun.run("validate", "--model", model.toString(), "--format", "json", "--quiet",
            dir.resolve("batch").toString(), dir.resolve("missing.npy").toString());
        assertEquals(1, r.exit, r.toString());
        final Map<String, Map<?, ?>> rep = report(r);
        assertEquals("valid", rep.get("good.json").get("status"));
        assertEquals("invalid", rep.get("bad-shape.json").get("status"));
        final List<?> problems = (List<?>) rep.get("bad-shape.json").get("problems");
        assertTrue(String.valueOf(((Map<?, ?>) problems.get(0)).get("message"))
            .contains("Shape of input (1, 3) does not match expected shape (-1, 2)."), r.toString());
        assertEquals("invalid", rep.get("not-json.json").get("status"));
        assertEquals("BAD_REQUEST", ((Map<?, ?>) ((List<?>) rep.get("not-json.json").get("problems")).get(0)).get("error_code"));
        final Map<?, ?> lines = rep.get("lines.jsonl");
        assertEquals(3L, lines.get("inputs"), "blank lines are not payloads");
        assertEquals(2L, lines.get("valid"));
        assertEquals("line 3", ((Map<?, ?>) ((List<?>) lines.get("problems")).get(0)).get("location").toString().substring(0, 6));
        assertEquals("unreadable", rep.get("missing.npy").get("status"));
        final Map<?, ?> s = rep.get("summary");
        assertEquals(5L, s.get("files"));
        assertEquals(1L, s.get("valid_files"));
        assertEquals(3L, s.get("invalid_files"));
        assertEquals(1L, s.get("unreadable_files"));
        assertEquals(1L, s.get("other_files_left_out"));
        assertEquals(6L, s.get("inputs"));
    }

    @Test
    void allValidExitsZeroWithATextSummary() throws Exception {
        write("a.json", "{\"inputs\": [[1, 2]]}");
        write("b.jsonl", "{\"inputs\": [[1, 2]]}\n{\"inputs\": [[3, 4]]}\n");
        final CliRun r = CliRun.run("validate", "-m", model.toString(), "-q", "-j", "2", dir.resolve("batch").toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("files: 2 (2 valid, 0 invalid, 0 unreadable)   inputs: 3 (3 valid, 0 invalid)"), r.out);
        assertEquals("", r.err, "--quiet prints nothing on stderr");
    }

    @Test
    void failFastStopsAfterTheFirstFailure() throws Exception {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add(write(String.format("p%02d.json", i), i == 0 ? "{\"inputs\": [[1]]}" : "{\"inputs\": [[1, 2]]}").toString());
        }
        final CliRun r = CliRun.run("validate", "-m", model.toString(), "-q", "-j", "1", "--fail-fast", names.get(0),
            names.get(1), names.get(2));
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.out.contains("stopped early"), r.out);
    }

    @Test
    void usageAndModelErrorsExitTwo() throws Exception {
        write("a.json", "{\"inputs\": [[1, 2]]}");
        assertEquals(2, CliRun.run("validate", "-m", dir.resolve("nope").toString(), dir.toString()).exit);
        assertEquals(2, CliRun.run("validate", "-m", model.toString(), "--format", "xml", dir.toString()).exit);
        assertEquals(2, CliRun.run("validate", dir.toString()).exit, "--model is required");
        final CliRun r = CliRun.run("validate", "-m", dir.resolve("nope").toString(), dir.toString());
        assertTrue(r.err.contains("nope"), "the error names the model path: " + r.err);
    }

    @Test
    void maxErrorsBoundsTheProblemsKeptPerFile() throws Exception {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            sb.append("{\"inputs\": [[1, 2, 3]]}\n");
        }
        write("many.jsonl", sb.toString());
        final CliRun r = CliRun.run("validate", "-m", model.toString(), "-q", "--format", "json", "--max-errors", "2",
            dir.resolve("batch").toString());
        final Map<?, ?> f = report(r).get("many.jsonl");
        assertEquals(2, ((List<?>) f.get("problems")).size());
        assertEquals(5L, f.get("problems_dropped"));
        assertEquals(7L, f.get("invalid"));
    }

    private Path npy(final String name, final io.signet.tensor.DType dtype, final long[] shape, final byte[] data)
        throws Exception {
        final Path p = dir.resolve("batch").resolve(name);
        Files.createDirectories(p.getParent());
        io.signet.validate.NpyWriter.write(p, dtype, shape, java.nio.ByteBuffer.wrap(data));
        return p;
    }

    @Test
    void tensorFilesAreCheckedInPlaceWithPreciseErrors() throws Exception {
        npy("ok.npy", io.signet.tensor.DType.UINT8, new long[] {3, 2}, new byte[6]);
        npy("wide.npy", io.signet.tensor.DType.UINT8, new long[] {3, 3}, new byte[9]);
        npy("float.npy", io.signet.tensor.DType.FLOAT32, new long[] {1, 2}, new byte[8]);
        final byte[] h = io.signet.validate.NpyWriter.header(io.signet.tensor.DType.UINT8, new long[] {100, 2}, false);
        Files.write(dir.resolve("batch/short.npy"), h);
        write("garbage.npy", "not numpy");
        final CliRun r = CliRun.run("validate", "-m", model.toString(), "-q", "--format", "json", dir.resolve("batch").toString());
        assertEquals(1, r.exit, r.toString());
        final Map<String, Map<?, ?>> rep = report(r);
        assertEquals("valid", rep.get("ok.npy").get("status"));
        assertEquals("Shape of input (3, 3) does not match expected shape (-1, 2).",
            ((Map<?, ?>) ((List<?>) rep.get("wide.npy").get("problems")).get(0)).get("message"));
        assertEquals("dtype of input float32 does not match expected dtype uint8",
            ((Map<?, ?>) ((List<?>) rep.get("float.npy").get("problems")).get(0)).get("message"));
        assertEquals("unreadable", rep.get("short.npy").get("status"));
        final String shortMsg = String.valueOf(((Map<?, ?>) ((List<?>) rep.get("short.npy").get("problems")).get(0)).get("message"));
        assertTrue(shortMsg.contains("short.npy") && shortMsg.contains("byte"), shortMsg);
        assertEquals("unreadable", rep.get("garbage.npy").get("status"));
    }

    @Test
    void noNanScansFloatTensorsAndNamesTheElement() throws Exception {
        final Path m = dir.resolve("f32.json");
        Files.writeString(m, "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
            + "{\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, 2]}}]\"}", StandardCharsets.UTF_8);
        final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putFloat(1f).putFloat(2f).putFloat(3f).putFloat(Float.NaN);
        npy("nan.npy", io.signet.tensor.DType.FLOAT32, new long[] {2, 2}, b.array());
        final CliRun plain = CliRun.run("validate", "-m", m.toString(), "-q", dir.resolve("batch").toString());
        assertEquals(0, plain.exit, "MLflow does not look at values: " + plain);
        final CliRun r = CliRun.run("validate", "-m", m.toString(), "-q", "--no-nan", "--format", "json",
            dir.resolve("batch").toString());
        assertEquals(1, r.exit, r.toString());
        final Map<?, ?> p = (Map<?, ?>) ((List<?>) report(r).get("nan.npy").get("problems")).get(0);
        assertEquals("inputs[1][1]", p.get("location"), r.toString());
    }

    @Test
    void withNoPathTheModelsOwnExamplesAreValidated() throws Exception {
        final Path models = io.signet.testdata.TestData.root().resolve("models");
        final CliRun r = CliRun.run("validate", "-m", models.resolve("with-params").toString(), "-q", "-v");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("input_example.json") && r.out.contains("serving_input_example.json"), r.out);
        final CliRun t = CliRun.run("validate", "-m", models.resolve("mnist-uint8").toString(), "-q");
        assertEquals(0, t.exit, t.toString());
        assertTrue(t.out.contains("files: 2 (2 valid"), t.out);
    }
}
