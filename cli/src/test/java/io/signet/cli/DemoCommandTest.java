package io.signet.cli;

import io.signet.testdata.TestData;
import io.signet.validate.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code signet demo}: exit 0 exactly when every file got the verdict planted in it; paths from the repository. */
class DemoCommandTest {
    @Test
    void everyPlantedVerdictIsCheckedAndSaid(@TempDir final Path tmp) throws Exception {
        final Path batch = tmp.resolve("demo");
        final CliRun r = CliRun.run("demo", "--dir", batch.toString(), "--files", "3", "--images-per-file", "2", "-q");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.contains("files: 13 (4 valid, 6 invalid, 3 unreadable)   inputs: 209 (196 valid, 13 invalid)"), r.out);
        assertTrue(r.out.endsWith("demo: all 13 files got the verdict planted in them (4 valid, 6 invalid, 3 unreadable)\n"),
            r.out);
        // generated again with fewer files: the extra part files go, the verdicts still hold
        final CliRun fewer = CliRun.run("demo", "--dir", batch.toString(), "--files", "1", "--images-per-file", "2", "-q");
        assertEquals(0, fewer.exit, fewer.toString());
        final CliRun again = CliRun.run("demo", "--dir", batch.toString(), "--files", "3", "--images-per-file", "2", "-q");
        assertEquals(0, again.exit, again.toString());
        // a reject that no longer fails: the demo says which file and exits 1
        NpyWriter.write(batch.resolve("rejects/rgb.npy"), io.signet.tensor.DType.UINT8, new long[] {1, 28, 28, 1},
            ByteBuffer.allocate(28 * 28));
        final CliRun bad = CliRun.run("demo", "--dir", batch.toString(), "--files", "3", "--images-per-file", "2", "-q");
        assertEquals(1, bad.exit, bad.toString());
        assertTrue(bad.out.endsWith("demo: 1 file(s) did not get the verdict planted in them:\n"
            + "  rejects/rgb.npy: VALID, planted INVALID\n"), bad.out);
        // a request line that changed
        final Path jsonl = batch.resolve("requests/captured.jsonl");
        final java.util.List<String> lines = Files.readAllLines(jsonl);
        lines.set(9, lines.get(0)); // line 10 (valid) stays valid; line 8 becomes valid
        lines.set(7, lines.get(0));
        Files.write(jsonl, lines);
        final CliRun lines8 = CliRun.run("demo", "--dir", batch.toString(), "--files", "3", "--images-per-file", "2", "-q");
        assertTrue(lines8.out.contains("  requests/captured.jsonl: invalid lines [14, 58, 64, 108, 114, 158, 164], planted "
            + "[8, 14, 58, 64, 108, 114, 158, 164]\n"), lines8.out);
    }

    @Test
    void theModelAndBatchAreFoundFromTheRepositoryNotTheWorkingDirectory() {
        final Path repo = TestData.root().getParent();
        assertEquals(repo, Home.repository(), "from the classes folder under cli/target");
        System.setProperty("signet.home", "/somewhere/else");
        try {
            assertEquals(Path.of("/somewhere/else"), Home.repository(), "the launcher's -Dsignet.home wins");
        } finally {
            System.clearProperty("signet.home");
        }
    }
}
