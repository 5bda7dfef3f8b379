package io.signet.json;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.PackageVersion;

/**
 * The jackson-core versions Signet runs on, checked before any Jackson API newer than 2.0 is
 * touched. Signet subclasses Jackson's UTF-8 byte parser ({@link RawJsonParser}) and uses
 * {@code StreamReadConstraints} (2.15), so older versions would fail later with a
 * {@code NoClassDefFoundError} or {@code NoSuchMethodError}; versions newer than the last one tested
 * may change that parser. Both are refused when a JSON factory (and so a {@code ScoringServer}) is
 * built, with one sentence. {@code -Dio.signet.jackson.allowNewer=true} lets a newer, untested
 * version through.
 */
final class JacksonSupport {
    /** The oldest and newest minor versions of jackson-core 2.x tested (CI runs both ends). */
    static final int MIN_MINOR = 15;
    static final int MAX_MINOR = 21;
    static final String RANGE = "2." + MIN_MINOR + " through 2." + MAX_MINOR;

    /**
     * Whether jackson-core has StreamReadConstraints' name and document limits (2.16). Before 2.16
     * Jackson also places many syntax errors one character late (jackson-core #1173): on 2.15 a
     * malformed body's column and char offset can be one past MLflow's; the verdict is the same.
     */
    static final boolean HAS_DOCUMENT_LIMITS;

    static {
        final Version v = PackageVersion.VERSION;
        HAS_DOCUMENT_LIMITS = v.getMajorVersion() > 2 || v.getMajorVersion() == 2 && v.getMinorVersion() >= 16;
    }

    private JacksonSupport() {
    }

    /** Throws {@link IllegalStateException} (one sentence) unless the jackson-core on the classpath is supported. */
    static void check() {
        final String problem = problem(PackageVersion.VERSION, Boolean.getBoolean("io.signet.jackson.allowNewer"));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** The sentence for an unsupported version, or null. */
    static String problem(final Version v, final boolean allowNewer) {
        final int major = v.getMajorVersion();
        final int minor = v.getMinorVersion();
        final boolean older = major < 2 || major == 2 && minor < MIN_MINOR;
        final boolean newer = major > 2 || major == 2 && minor > MAX_MINOR;
        if (!older && !(newer && !allowNewer)) {
            return null;
        }
        return "Signet supports jackson-core " + RANGE + " but found jackson-core " + v.getMajorVersion() + "."
            + v.getMinorVersion() + "." + v.getPatchLevel() + " on the classpath (" + where() + ")"
            + (older ? "; align Jackson to 2." + MIN_MINOR + " or later, for example with jackson-bom."
                : "; use 2." + MAX_MINOR + ".x, or set -Dio.signet.jackson.allowNewer=true to try it untested.");
    }

    private static String where() {
        try {
            final java.security.CodeSource cs = PackageVersion.class.getProtectionDomain().getCodeSource();
            return cs == null || cs.getLocation() == null ? "location unknown" : cs.getLocation().toString();
        } catch (final SecurityException e) {
            return "location unknown";
        }
    }
}
