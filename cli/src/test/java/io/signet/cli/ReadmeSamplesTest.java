package io.signet.cli;

import io.signet.testdata.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * README's sample outputs ({@code <!-- sample: NAME ... -->} before a code block) against real
 * runs of the same commands, so that they cannot go stale. In a sample, a line "..." stands for
 * lines left out; times, sizes and rates are compared as numbers of some value; a line starting
 * with "$ " is the command. On a mismatch the failure prints the real output to paste.
 */
class ReadmeSamplesTest {
    @TempDir
    static Path tmp;

    static List<String> sample(final String name) throws IOException {
        final List<String> readme = Files.readAllLines(TestData.root().getParent().resolve("README.md"), StandardCharsets.UTF_8);
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).startsWith("<!-- sample: " + name + " ") || readme.get(i).equals("<!-- sample: " + name + " -->")) {
                assertTrue(readme.get(i + 1).startsWith("```"), "a code block follows the sample marker " + name);
                final List<String> block = new ArrayList<>();
                for (int j = i + 2; !readme.get(j).startsWith("```"); j++) {
                    if (!readme.get(j).startsWith("$ ")) {
                        block.add(readme.get(j));
                    }
                }
                return block;
            }
        }
        fail("README has no sample " + name);
        return null;
    }

    /** Times, sizes, rates and seconds as placeholders: they differ run to run and with the batch size. */
    static String mask(final String line) {
        return line.replaceAll("\\d+(\\.\\d+)? (B|kB|MB|GB|TB)\\b", "SIZE")
            .replaceAll("in \\d+\\.\\d+ s", "in T s")
            .replaceAll("\\d+\\.\\d+ GB/s", "R GB/s")
            .replaceAll("\"seconds\": [0-9.eE-]+", "\"seconds\": T")
            .replaceAll("\"gb_per_second\": [0-9.eE-]+", "\"gb_per_second\": R");
    }

    /** Whether the sample's lines appear in the output in order, "..." skipping any number of lines. */
    static void check(final String name, final List<String> sample, final List<String> actual) {
        int a = 0;
        boolean skipping = false;
        for (final String s : sample) {
            if (s.equals("...")) {
                skipping = true;
                continue;
            }
            while (skipping && a < actual.size() && !mask(actual.get(a)).equals(mask(s))) {
                a++;
            }
            if (a >= actual.size() || !mask(actual.get(a)).equals(mask(s))) {
                fail("README sample '" + name + "' differs from a real run at:\n  " + s + "\nexpected here: "
                    + (a < actual.size() ? actual.get(a) : "(end of output)") + "\nthe real output:\n"
                    + String.join("\n", actual));
            }
            a++;
            skipping = false;
        }
        if (!skipping && a != actual.size()) {
            fail("README sample '" + name + "' ends before the real output (add '...' or the lines):\n"
                + String.join("\n", actual.subList(a, actual.size())));
        }
    }

    static List<String> lines(final String out, final Path batch) {
        return Arrays.asList(out.replace(batch.toString(), "target/demo").split("\n", -1)).subList(0,
            out.endsWith("\n") ? out.split("\n", -1).length - 1 : out.split("\n", -1).length);
    }

    @Test
    void demoAndJsonSamples() throws IOException {
        final Path batch = tmp.resolve("demo");
        // the README's demo, with 1 image per file instead of 1,024: the same files and verdicts, smaller
        final CliRun demo = CliRun.run("demo", "--dir", batch.toString(), "--images-per-file", "1", "-q");
        assertEquals(0, demo.exit, demo.toString());
        check("demo", sample("demo"), lines(demo.out, batch));
        final Path mnist = TestData.root().resolve("models/mnist-uint8");
        final CliRun json = CliRun.run("validate", "--format", "json", "-m", mnist.toString(), "-q",
            batch.resolve("requests/wrong-key.json").toString());
        assertEquals(1, json.exit, json.toString());
        check("json", sample("json"), lines(json.out, batch));
    }
}
