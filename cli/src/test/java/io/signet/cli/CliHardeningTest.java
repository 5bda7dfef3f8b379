package io.signet.cli;

import io.signet.schema.PyJson;
import io.signet.tensor.DType;
import io.signet.validate.BatchRun;
import io.signet.validate.FileResult;
import io.signet.validate.FileValidator;
import io.signet.validate.NpyWriter;
import io.signet.validate.Report;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17's command-line family: each a hostile input that used to be lost, skipped, hung or exhausted memory. */
class CliHardeningTest {
    @TempDir
    Path dir;

    private Path uint8Model() throws Exception {
        final Path m = dir.resolve("uint8.json");
        Files.writeString(m, "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
            + "{\\\"dtype\\\": \\\"uint8\\\", \\\"shape\\\": [-1, 2]}}]\"}", StandardCharsets.UTF_8);
        return m;
    }

    private static Map<String, Map<?, ?>> byName(final CliRun r) throws Exception {
        final Map<String, Map<?, ?>> m = new java.util.TreeMap<>();
        for (final String s : r.out.split("\n")) {
            if (!s.isBlank()) {
                final Map<?, ?> o = (Map<?, ?>) PyJson.loads(s);
                m.put("file".equals(o.get("type")) ? Path.of((String) o.get("path")).getFileName().toString()
                    : (String) o.get("type"), o);
            }
        }
        return m;
    }

    @Test
    void symlinkedFilesInADirectoryAreFollowedInsideOrReported() throws Exception {
        final Path batch = Files.createDirectories(dir.resolve("batch"));
        final Path outside = Files.createDirectories(dir.resolve("outside"));
        NpyWriter.write(batch.resolve("real.npy"), DType.UINT8, new long[] {2, 2}, ByteBuffer.allocate(4));
        NpyWriter.write(outside.resolve("bad.npy"), DType.FLOAT32, new long[] {2, 2}, ByteBuffer.allocate(16));
        Files.createSymbolicLink(batch.resolve("inside-link.npy"), batch.resolve("real.npy"));
        Files.createSymbolicLink(batch.resolve("outside-link.npy"), outside.resolve("bad.npy"));
        Files.createSymbolicLink(batch.resolve("broken-link.npy"), dir.resolve("gone.npy"));
        Files.createSymbolicLink(batch.resolve("out-dir"), outside);
        // before: the links were skipped silently, and a directory of links to invalid files exited 0
        final CliRun r = CliRun.run("validate", "-m", uint8Model().toString(), "-q", "--format", "json", batch.toString());
        assertEquals(1, r.exit, r.toString());
        final Map<String, Map<?, ?>> m = byName(r);
        assertEquals("valid", m.get("inside-link.npy").get("status"), r.out);
        assertEquals("valid", m.get("real.npy").get("status"));
        assertEquals("symbolic link to a file outside " + batch + ", not followed", problem(m.get("outside-link.npy")));
        assertEquals("broken symbolic link", problem(m.get("broken-link.npy")));
        assertEquals("symbolic link to a directory outside " + batch + ", not followed", problem(m.get("out-dir")));
        assertEquals(3L, m.get("summary").get("unreadable_files"));
    }

    private static String problem(final Map<?, ?> file) {
        assertEquals("unreadable", file.get("status"), file.toString());
        return String.valueOf(((Map<?, ?>) ((List<?>) file.get("problems")).get(0)).get("message"));
    }

    @Test
    void aWorkerErrorFailsOneFileAndTheRunGoesOn() throws Exception {
        final List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(Files.writeString(dir.resolve("f" + i + ".x"), "x"));
        }
        final FileValidator v = new FileValidator() {
            @Override
            public boolean accepts(final Path file) {
                return true;
            }

            @Override
            public void validate(final Path file, final FileResult result) {
                if (file.getFileName().toString().equals("f2.x")) {
                    throw new StackOverflowError("deep");
                }
                if (file.getFileName().toString().equals("f4.x")) {
                    throw new OutOfMemoryError("Java heap space");
                }
                result.valid();
            }
        };
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        final Report report = Report.of("json", ps, false);
        final BatchRun.Totals t = new BatchRun.Totals();
        // before: an IllegalStateException out of run(), and not one JSON line
        new BatchRun(List.of(v), 2, 10, false).run(files, r -> { }, t, report::file);
        report.summary(t);
        final String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(7, lines.length, out.toString(StandardCharsets.UTF_8));
        final Map<?, ?> f2 = (Map<?, ?>) PyJson.loads(lines[2]);
        assertEquals("unreadable", f2.get("status"));
        assertEquals("Signet failed on this file: java.lang.StackOverflowError: deep",
            ((Map<?, ?>) ((List<?>) f2.get("problems")).get(0)).get("message"));
        assertEquals("Signet failed on this file: java.lang.OutOfMemoryError: Java heap space",
            ((Map<?, ?>) ((List<?>) ((Map<?, ?>) PyJson.loads(lines[4])).get("problems")).get(0)).get("message"));
        assertEquals(4L, t.validFiles);
        assertEquals(2L, t.unreadableFiles);
    }

    @Test
    void aFullDiskExitsTwo() throws Exception {
        final Path devFull = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(devFull), "/dev/full (Linux)");
        Files.writeString(dir.resolve("a.json"), "{\"inputs\": [[1, 2]]}");
        final String m = uint8Model().toString();
        // before: exit 0 (PrintStream swallowed ENOSPC)
        try (PrintStream full = new PrintStream(new FileOutputStream(devFull.toFile()), true, StandardCharsets.UTF_8)) {
            final CliRun r = CliRun.withStdout(full, "validate", "-m", m, "-q", dir.resolve("a.json").toString());
            assertEquals(2, r.exit, r.toString());
            assertTrue(r.err.contains("cannot write the report to standard output"), r.err);
            assertEquals(2, CliRun.withStdout(full, "show", m).exit, "every command's output is checked");
            assertEquals(2, CliRun.withStdout(full, "validate", "-m", m, "-q", "--format", "json",
                dir.resolve("a.json").toString()).exit);
        }
        final OutputStream broken = new OutputStream() {
            @Override
            public void write(final int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        assertEquals(2, CliRun.withStdout(new PrintStream(broken, true, StandardCharsets.UTF_8), "validate", "-m", m,
            "-q", dir.resolve("a.json").toString()).exit);
    }

    @Test
    void hugeMaxErrorsDoesNotSizeMemory() throws Exception {
        final Path f32 = dir.resolve("f32.json");
        Files.writeString(f32, "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
            + "{\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, 2]}}]\"}", StandardCharsets.UTF_8);
        final ByteBuffer nan = ByteBuffer.allocate(4 * 2 * 20_000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (nan.hasRemaining()) {
            nan.putFloat(Float.NaN);
        }
        nan.flip();
        NpyWriter.write(dir.resolve("nan.npy"), DType.FLOAT32, new long[] {20_000, 2}, nan);
        // before: TensorViolations allocated its 100,000,000 slots up front (6.4 GB)
        final CliRun r = CliRun.run("validate", "-m", f32.toString(), "-q", "--strict", "--no-nan", "--format", "json",
            "--max-errors", "100000000", dir.resolve("nan.npy").toString());
        assertEquals(1, r.exit, r.toString());
        assertEquals("invalid", byName(r).get("nan.npy").get("status"), r.toString());
        // a file with more problems than the cap keeps the cap and counts the rest
        final StringBuilder many = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            many.append("{\"inputs\": [[1]]}\n");
        }
        Files.writeString(dir.resolve("many.jsonl"), many);
        final CliRun j = CliRun.run("validate", "-m", uint8Model().toString(), "-q", "--format", "json",
            "--max-errors", "100000000", dir.resolve("many.jsonl").toString());
        final Map<?, ?> file = byName(j).get("many.jsonl");
        assertEquals(10_000, ((List<?>) file.get("problems")).size(), "kept: at most MAX_KEPT_PROBLEMS");
        assertEquals(2_000L, file.get("problems_dropped"));
        assertEquals(12_000L, file.get("invalid"));
    }
}
