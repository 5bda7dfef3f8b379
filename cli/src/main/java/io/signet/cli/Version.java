package io.signet.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Signet's version as the build wrote it: {@code signet-version.properties} is filtered by Maven
 * from the root pom's {@code <revision>}, the one place the version is written.
 */
final class Version implements CommandLine.IVersionProvider {
    private static final String RESOURCE = "signet-version.properties";

    /** The version as the pom gives it; "unknown" only when the resource is missing (a broken build). */
    static String get() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            final Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (final IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"signet " + get()};
    }
}
