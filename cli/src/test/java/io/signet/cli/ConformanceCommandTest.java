package io.signet.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConformanceCommandTest {
    /** Line 2 of MLflow's corpus (MLflow accepted it; so does Signet), and the same case with the verdict flipped. */
    private static String[] cases() throws java.io.IOException {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("src-test-data"))) {
            p = p.getParent();
        }
        final String line = Files.readAllLines(p.resolve("src-test-data/conformance/mlflow-2.17.2-cases.jsonl"),
            StandardCharsets.UTF_8).get(1);
        assertTrue(line.contains("\"ok\": true"), line);
        return new String[] {line, line.replace("\"ok\": true", "\"ok\": false")};
    }

    @Test
    void severalFilesGiveOneSummaryEachAndATotal(@TempDir final Path dir) throws Exception {
        final Path one = dir.resolve("one.jsonl");
        final Path two = dir.resolve("two.jsonl");
        final String[] c = cases();
        Files.writeString(one, c[0] + "\n", StandardCharsets.UTF_8);
        Files.writeString(two, c[0] + "\n" + c[1] + "\n", StandardCharsets.UTF_8);
        final CliRun single = CliRun.run("conformance", one.toString());
        assertEquals(0, single.exit, single.toString());
        assertEquals("1 passed, 0 failed, 0 skipped", single.err.strip(), single.toString());
        final CliRun both = CliRun.run("conformance", one.toString(), two.toString());
        assertEquals(1, both.exit, both.toString());
        assertTrue(both.err.contains("== " + one + "\n1 passed, 0 failed, 0 skipped"), both.toString());
        assertTrue(both.err.contains("== " + two + "\n1 passed, 1 failed, 0 skipped"), both.toString());
        assertTrue(both.err.strip().endsWith("total: 2 passed, 1 failed, 0 skipped"), both.toString());
        assertEquals(3, both.out.strip().split("\n").length, both.toString());
    }
}
