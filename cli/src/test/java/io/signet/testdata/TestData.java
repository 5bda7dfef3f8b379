package io.signet.testdata;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code src-test-data} folder, found upwards from the working directory. */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("src-test-data"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("src-test-data not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("src-test-data");
    }
}
