package io.signet.testing;

import com.fasterxml.jackson.core.json.PackageVersion;

/** What differs between the jackson-core versions Signet supports, for tests that run on each (jackson-range profile). */
public final class JacksonVersions {
    /**
     * Before 2.16 jackson-core reports many syntax errors one character after the offending one
     * (jackson-core #1173): column and byte offset are one larger. Verdicts do not change.
     */
    public static final int SYNTAX_ERROR_SHIFT =
        PackageVersion.VERSION.getMajorVersion() == 2 && PackageVersion.VERSION.getMinorVersion() < 16 ? 1 : 0;

    private JacksonVersions() {
    }
}
