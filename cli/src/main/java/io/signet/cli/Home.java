package io.signet.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Signet repository the CLI runs from, so that {@code signet demo} finds its model and writes
 * its batch there from any working directory: {@code -Dsignet.home} (the launcher sets it, through
 * symlinks), else the folder above the CLI jar ({@code cli/target/signet.jar}) or classes, else the
 * working directory.
 */
final class Home {
    private Home() {
    }

    static Path repository() {
        final String prop = System.getProperty("signet.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        try {
            final java.security.CodeSource cs = Home.class.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                Path p = Path.of(cs.getLocation().toURI()).toAbsolutePath();
                for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
                    if (Files.isDirectory(p.resolve("src-test-data")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                        return p;
                    }
                }
            }
        } catch (final URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
