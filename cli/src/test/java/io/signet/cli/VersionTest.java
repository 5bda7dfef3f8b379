package io.signet.cli;

import io.signet.testdata.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version is written once, as {@code <revision>} in the root pom; everything else reads it. */
class VersionTest {
    private static Path repo() {
        return TestData.root().getParent();
    }

    static String revision() throws IOException {
        final Matcher m = Pattern.compile("<revision>([^<]+)</revision>")
            .matcher(Files.readString(repo().resolve("pom.xml"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "the root pom sets <revision>");
        return m.group(1);
    }

    @Test
    void versionOptionPrintsThePomsRevision() throws IOException {
        final CliRun r = CliRun.run("--version");
        assertEquals(0, r.exit, r.toString());
        assertEquals("signet " + revision() + "\n", r.out);
    }

    @Test
    void noOtherFileWritesTheVersion() throws IOException {
        final String rev = revision();
        final String release = rev.replace("-SNAPSHOT", "");
        // the revision anywhere, or its release number where a version would be written by hand
        final Pattern exact = Pattern.compile(Pattern.quote(rev));
        final Pattern number = Pattern.compile("(?<![\\d.])" + Pattern.quote(release) + "(?![\\d])");
        final List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repo())) {
            for (final Path f : (Iterable<Path>) files::iterator) {
                final Path rel = repo().relativize(f);
                final String top = rel.getNameCount() == 0 ? "" : rel.getName(0).toString();
                if (!Files.isRegularFile(f) || top.equals(".git") || top.equals("src-test-data")
                    || rel.toString().contains("target") || rel.equals(Path.of("pom.xml"))
                    || rel.getFileName().toString().equals(".flattened-pom.xml")) {
                    continue;
                }
                final String name = rel.getFileName().toString();
                final boolean text = name.endsWith(".java") || name.endsWith(".md") || name.endsWith(".xml")
                    || name.endsWith(".properties") || name.endsWith(".sh") || name.endsWith(".py")
                    || name.equals("signet") || name.equals("run");
                if (!text) {
                    continue;
                }
                final String s = Files.readString(f, StandardCharsets.UTF_8);
                if (exact.matcher(s).find() || number.matcher(s).find()) {
                    found.add(rel.toString());
                }
            }
        }
        assertEquals(List.of(), found, "files that write the version " + rev + " themselves (only pom.xml may)");
    }
}
