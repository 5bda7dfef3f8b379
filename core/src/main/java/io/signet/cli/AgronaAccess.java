package io.signet.cli;

/** Detects a JVM started without the flag Agrona 2.x needs, to say so in one clear line. */
final class AgronaAccess {
    static final String FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    private AgronaAccess() {
    }

    /** null when Agrona can reach jdk.internal.misc.Unsafe, else the message naming the flag. */
    static String problem() {
        final Module base = Object.class.getModule();
        if (base.isExported("jdk.internal.misc", AgronaAccess.class.getModule())) {
            return null;
        }
        return "signet: this JVM was started without " + FLAG + ", which Agrona 2.x (Signet's off-heap buffers) "
            + "needs. Run the jar with java -jar (its manifest adds it), use ./signet, or add the flag to the java "
            + "command line.";
    }
}
