package io.signet.cli;

import io.signet.schema.PyJson;
import io.signet.tensor.DType;
import io.signet.testdata.TestData;
import io.signet.validate.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16's command-line papercuts, each run through the real CLI in process. */
class CliPapercutsTest {
    @TempDir
    Path dir;

    private static Path models() {
        return TestData.root().resolve("models");
    }

    private Path uint8Model() throws Exception {
        final Path m = dir.resolve("uint8.json");
        Files.writeString(m, "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
            + "{\\\"dtype\\\": \\\"uint8\\\", \\\"shape\\\": [-1, 2]}}]\"}", StandardCharsets.UTF_8);
        return m;
    }

    private Path columnModel() throws Exception {
        final Path m = dir.resolve("columns.json");
        Files.writeString(m, "{\"inputs\": \"[{\\\"type\\\": \\\"long\\\", \\\"name\\\": \\\"id\\\", \\\"required\\\": true}, "
            + "{\\\"type\\\": \\\"double\\\", \\\"name\\\": \\\"x\\\", \\\"required\\\": true}]\"}", StandardCharsets.UTF_8);
        return m;
    }

    private Path write(final String name, final String text) throws Exception {
        final Path p = dir.resolve("batch").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Path npy(final String name, final DType dtype, final long[] shape, final int bytes) throws Exception {
        final Path p = dir.resolve("batch").resolve(name);
        Files.createDirectories(p.getParent());
        NpyWriter.write(p, dtype, shape, ByteBuffer.allocate(bytes));
        return p;
    }

    /** Every line of a --format json run, parsed. */
    private static List<Map<?, ?>> lines(final CliRun r) throws Exception {
        final List<Map<?, ?>> l = new ArrayList<>();
        for (final String s : r.out.split("\n")) {
            if (!s.isBlank()) {
                l.add((Map<?, ?>) PyJson.loads(s));
            }
        }
        return l;
    }

    @Test
    void noArgumentsIsAUsageErrorExitTwo() {
        final CliRun r = CliRun.run();
        assertEquals(2, r.exit, r.toString());
        assertTrue(r.err.startsWith("Usage: signet "), r.err);
        assertEquals("", r.out);
    }

    @Test
    void jobsZeroBlamesOnlyJobs() throws Exception {
        final CliRun r = CliRun.run("validate", "-m", uint8Model().toString(), "--jobs", "0", dir.toString());
        assertEquals(2, r.exit, r.toString());
        assertEquals("signet validate: --jobs must be at least 1, not 0\n", r.err);
        final CliRun m = CliRun.run("validate", "-m", uint8Model().toString(), "--max-errors", "-1", dir.toString());
        assertEquals("signet validate: --max-errors must be at least 0, not -1\n", m.err);
    }

    @Test
    void aBodyOnStandardInput() throws Exception {
        final String m = uint8Model().toString();
        CliRun r = CliRun.withStdin("{\"inputs\": [[1, 2]]}".getBytes(StandardCharsets.UTF_8), "validate", "-m", m, "-q", "-");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("files: 1 (1 valid, 0 invalid, 0 unreadable)   inputs: 1 (1 valid, 0 invalid)"), r.out);
        r = CliRun.withStdin("{\"inputs\": [[1, 2, 3]]}".getBytes(StandardCharsets.UTF_8), "validate", "-m", m, "-q", "-");
        assertEquals(1, r.exit, r.toString());
        assertTrue(r.out.startsWith("INVALID  -\n    /inputs: HTTP 400 INVALID_PARAMETER_VALUE: Shape of input (1, 3) does not "
            + "match expected shape (-1, 2)."), r.out);
        r = CliRun.withStdin("id,x\n1,0.5\n".getBytes(StandardCharsets.UTF_8), "validate", "-m", columnModel().toString(),
            "-q", "--content-type", "text/csv", "-");
        assertEquals(0, r.exit, r.toString());
        assertEquals(2, CliRun.run("validate", "-m", m, "-", "-").exit, "stdin can be read once");
    }

    @Test
    void csvRequestBodies() throws Exception {
        write("good.csv", "id,x\n1,0.5\n2,1.5\n");
        write("bad.csv", "id,x\nnot-a-number,0.5\n");
        final CliRun r = CliRun.run("validate", "-m", columnModel().toString(), "-q", "--format", "json",
            dir.resolve("batch").toString());
        assertEquals(1, r.exit, r.toString());
        final List<Map<?, ?>> l = lines(r);
        assertEquals("invalid", l.get(0).get("status"), r.toString()); // bad.csv sorts first
        final Map<?, ?> p = (Map<?, ?>) ((List<?>) l.get(0).get("problems")).get(0);
        assertEquals(400L, p.get("http_status"), r.toString());
        assertEquals("valid", l.get(1).get("status"), r.toString());
        assertEquals(0L, l.get(2).get("other_files_left_out"), ".csv is read inside directories now");
    }

    @Test
    void failFastStopsAtTheFirstInvalidFileInInputOrder() throws Exception {
        final List<String> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(write(String.format("p%02d.json", i), i == 5 ? "{\"inputs\": [[1]]}" : "{\"inputs\": [[1, 2]]}")
                .toString());
        }
        // the invalid file is small and fast: on another thread it fails before p04 starts (a race once lost p04)
        for (int round = 0; round < 20; round++) {
            final List<String> args = new ArrayList<>(List.of("validate", "-m", uint8Model().toString(), "-q", "-j",
                round % 2 == 0 ? "2" : "4", "--fail-fast", "--format", "json"));
            args.addAll(files);
            final CliRun r = CliRun.run(args.toArray(new String[0]));
            assertEquals(1, r.exit, r.toString());
            final List<Map<?, ?>> l = lines(r);
            assertEquals(7, l.size(), "files p00..p05, then the summary: " + r.out);
            for (int i = 0; i < 6; i++) {
                assertTrue(String.valueOf(l.get(i).get("path")).endsWith(String.format("p%02d.json", i)), r.out);
            }
            assertEquals("invalid", l.get(5).get("status"));
            assertEquals(6L, l.get(6).get("files"));
            assertEquals(Boolean.TRUE, l.get(6).get("stopped_early"));
        }
    }

    @Test
    void headerOnlyRunsPrintNoThroughput() throws Exception {
        npy("a.npy", DType.UINT8, new long[] {4, 2}, 8);
        npy("b.npy", DType.UINT8, new long[] {4, 2}, 8);
        write("c.json", "{\"inputs\": [[1, 2]]}");
        final String m = uint8Model().toString();
        final CliRun t = CliRun.run("validate", "-m", m, "-q", dir.resolve("batch").toString());
        assertEquals(0, t.exit, t.toString());
        assertFalse(t.out.contains("GB/s"), t.out);
        assertTrue(t.out.matches("(?s).*checked in [0-9.]+ s: 20 B read in full; 2 tensor files \\(\\d+ B\\) checked by "
            + "header only, as MLflow looks only at dtype and shape \\(--strict --no-nan reads every value\\)\n"), t.out);
        final CliRun j = CliRun.run("validate", "-m", m, "-q", "--format", "json", dir.resolve("batch").toString());
        final Map<?, ?> s = lines(j).get(3);
        assertNull(s.get("gb_per_second"), s.toString());
        assertEquals(2L, s.get("header_only_files"));
        assertEquals(20L, s.get("bytes_read"));
        final Path f32 = dir.resolve("f32.json");
        Files.writeString(f32, "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
            + "{\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, 2]}}]\"}", StandardCharsets.UTF_8);
        npy("f.npy", DType.FLOAT32, new long[] {4, 2}, 32);
        final CliRun strict = CliRun.run("validate", "-m", f32.toString(), "-q", "--strict", "--no-nan",
            dir.resolve("batch/f.npy").toString());
        assertTrue(strict.out.matches("(?s).*\nread \\d+ B in [0-9.]+ s: [0-9.]+ GB/s\n"), strict.out);
    }

    @Test
    void aModelWithoutSignatureIsReportedAlikeByShowAndValidate() throws Exception {
        final Path none = models().resolve("no-signature");
        final String sentence = none.resolve("MLmodel") + ": no signature: MLflow enforces nothing for this model";
        final CliRun show = CliRun.run("show", none.toString());
        assertEquals(0, show.exit, show.toString());
        assertTrue(show.out.contains("\n" + sentence + "\n"), show.out);
        final CliRun validate = CliRun.run("validate", "-m", none.toString(), dir.toString());
        assertEquals(2, validate.exit, validate.toString());
        assertEquals("signet validate: " + sentence + "\n", validate.err);
    }

    @Test
    void helpTextFitsEightyColumns() {
        for (final String cmd : new String[] {"", "validate", "show", "infer", "conformance", "demo"}) {
            final CliRun r = cmd.isEmpty() ? CliRun.run("--help") : CliRun.run(cmd, "--help");
            assertEquals(0, r.exit, r.toString());
            for (final String line : r.out.split("\n")) {
                assertTrue(line.length() <= Main.HELP_WIDTH, cmd + ": " + line.length() + " columns: " + line);
            }
        }
    }

    @Test
    void jsonLinesCarrySchemaVersionAndSeparateProblemFields() throws Exception {
        write("two.jsonl", "{\"inputs\": [[1, 2]]}\n{\"inputs\": [[1, 2],, [3]]}\n");
        final CliRun r = CliRun.run("validate", "-m", uint8Model().toString(), "-q", "--format", "json",
            dir.resolve("batch").toString());
        assertEquals(1, r.exit, r.toString());
        final List<Map<?, ?>> l = lines(r);
        for (final Map<?, ?> o : l) {
            assertEquals(1L, o.get("schema_version"), o.toString());
        }
        final Map<?, ?> p = (Map<?, ?>) ((List<?>) l.get(0).get("problems")).get(0);
        assertEquals(List.of("location", "line", "column", "pointer", "http_status", "error_code", "message", "deviation"),
            new ArrayList<>(p.keySet()));
        assertEquals(400L, p.get("http_status"));
        assertEquals("BAD_REQUEST", p.get("error_code"));
        assertEquals(2L, p.get("line"), "the .jsonl line");
        assertEquals(20L, p.get("column"), "the second comma: " + p);
        assertTrue(String.valueOf(p.get("message")).startsWith("Invalid input. Ensure that input is a valid JSON"), p.toString());
        assertEquals("/inputs/1", p.get("pointer"));
    }

    @Test
    void aFatalErrorIsAlsoAJsonLine() throws Exception {
        final CliRun r = CliRun.run("validate", "-m", dir.resolve("nope").toString(), "--format", "json", dir.toString());
        assertEquals(2, r.exit, r.toString());
        final List<Map<?, ?>> l = lines(r);
        assertEquals(1, l.size(), r.out);
        assertEquals("fatal", l.get(0).get("type"));
        assertEquals(2L, l.get(0).get("exit_code"));
        assertEquals("signet validate: " + dir.resolve("nope") + ": no such file or directory", l.get(0).get("message"));
        final CliRun parse = CliRun.run("validate", "-m", uint8Model().toString(), "--format", "json", "--jobs", "many");
        assertEquals(2, parse.exit, parse.toString());
        assertEquals("fatal", lines(parse).get(0).get("type"), parse.toString());
    }

    @Test
    void mlflowOptionIsParsedByEveryCommand() throws Exception {
        final String m = uint8Model().toString();
        final CliRun bad = CliRun.run("validate", "-m", m, "--mlflow", "4", dir.toString());
        assertEquals(2, bad.exit, bad.toString());
        assertTrue(bad.err.startsWith("signet: Invalid value for option '--mlflow': must be 2 or 3, not '4'"), bad.err);
        final CliRun show = CliRun.run("show", models().resolve("mnist-uint8").toString());
        assertTrue(show.out.contains("\n  rules: MLflow 2.17.2 (numpy 1.24, pandas 1.5), from mlflow_version 2.17.2\n"), show.out);
        final CliRun show3 = CliRun.run("show", "--mlflow", "3", models().resolve("mnist-uint8").toString());
        assertTrue(show3.out.contains("\n  rules: MLflow 3.6 (numpy 2.3, pandas 2.3), from --mlflow\n"), show3.out);
        final CliRun bare = CliRun.run("show", m);
        assertTrue(bare.out.contains("\n  rules: MLflow 3.6 (numpy 2.3, pandas 2.3), from a bare signature JSON file"), bare.out);
        assertEquals(2, CliRun.run("infer", "--mlflow", "1", "x.npy").exit);
        assertEquals(2, CliRun.run("conformance", "--mlflow", "x", "x.jsonl").exit);
    }
}
