package io.signet.internal;

/**
 * Agrona 2.x (Signet's off-heap buffers) reads {@code jdk.internal.misc.Unsafe}, which the JVM only
 * allows with {@value #FLAG}. Servers and enforcers call {@link #check()} when they are built, and
 * classes that touch Agrona in their static initializer, so a JVM started without the flag fails
 * before any request, with one sentence that names the flag, instead of an
 * {@code IllegalAccessError} deep inside Agrona.
 */
public final class AgronaAccess {
    /** The JVM option every process that runs Signet needs. */
    public static final String FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    /** Thrown (once, from a static initializer) when the JVM lacks {@link #FLAG}. */
    public static final class MissingFlagError extends LinkageError {
        private static final long serialVersionUID = 1L;

        MissingFlagError(final String message) {
            super(message);
        }
    }

    /** The sentence a JVM without {@link #FLAG} gets. */
    static final String MISSING = "Signet needs the JVM option " + FLAG + " (Agrona 2.x, its off-heap buffer "
        + "library, reads jdk.internal.misc.Unsafe). Add it to the java command line (or JAVA_TOOL_OPTIONS); the signet "
        + "launcher and 'java -jar' on the CLI jar add it for you.";

    private AgronaAccess() {
    }

    /**
     * null when Agrona can reach jdk.internal.misc.Unsafe, else the message naming the flag. Asked of
     * Agrona's own module: the unnamed module on the classpath ({@link #FLAG}); {@code org.agrona} on the
     * module path, where the flag's target is that module.
     */
    public static String problem() {
        final Module agrona = org.agrona.DirectBuffer.class.getModule(); // an interface: nothing initialised
        if (Object.class.getModule().isExported("jdk.internal.misc", agrona)) {
            return null;
        }
        return agrona.isNamed() ? MISSING.replace("=ALL-UNNAMED", "=" + agrona.getName()) : MISSING;
    }

    /** @throws MissingFlagError when the JVM lacks {@link #FLAG} */
    public static void check() {
        final String p = problem();
        if (p != null) {
            throw new MissingFlagError(p);
        }
    }
}
