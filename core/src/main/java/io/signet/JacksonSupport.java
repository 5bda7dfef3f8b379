package io.signet;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.PackageVersion;

/**
 * The jackson-core versions Signet runs on, checked before any Jackson API newer than 2.0 is
 * touched (JSON factories, so every {@code ScoringServer}, and model files). Not API: Signet's own
 * check, public for its packages. Signet subclasses Jackson's UTF-8 byte parser ({@link RawJsonParser}) and uses
 * {@code StreamReadConstraints} (2.15), so older versions would fail later with a
 * {@code NoClassDefFoundError} or {@code NoSuchMethodError}; versions newer than the last one tested
 * may change that parser. Both are refused when a JSON factory (and so a {@code ScoringServer}) is
 * built, with one sentence. {@code -Dio.signet.jackson.allowNewer=true} lets a newer, untested
 * version through.
 */
public final class JacksonSupport {
    /** The oldest and newest minor versions of jackson-core 2.x tested (CI runs both ends). */
    public static final int MIN_MINOR = 15;
    /** See {@link #MIN_MINOR}. */
    public static final int MAX_MINOR = 21;
    /** "2.15 through 2.21". */
    public static final String RANGE = "2." + MIN_MINOR + " through 2." + MAX_MINOR;

    /**
     * Whether jackson-core has StreamReadConstraints' name and document limits (2.16). Before 2.16
     * Jackson also places many syntax errors one character late (jackson-core #1173): on 2.15 a
     * malformed body's column and char offset can be one past MLflow's; the verdict is the same.
     */
    public static final boolean HAS_DOCUMENT_LIMITS;

    static {
        final Version v = PackageVersion.VERSION;
        HAS_DOCUMENT_LIMITS = v.getMajorVersion() > 2 || v.getMajorVersion() == 2 && v.getMinorVersion() >= 16;
    }

    private JacksonSupport() {
    }

    /**
     * Checks the jackson-core on the classpath.
     *
     * @throws IllegalStateException (one sentence naming the version found, its jar and the range) unless supported
     */
    public static void check() {
        final String problem = problem(PackageVersion.VERSION, Boolean.getBoolean("io.signet.jackson.allowNewer"));
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /**
     * The sentence for an unsupported version, or null.
     *
     * @param v          a jackson-core version
     * @param allowNewer whether versions after the range are let through
     * @return null when {@code v} is supported
     */
    public static String problem(final Version v, final boolean allowNewer) {
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
