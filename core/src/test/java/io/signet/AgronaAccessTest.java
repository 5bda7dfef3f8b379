package io.signet;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JVM without the Agrona flag gets one message naming the flag, not an IllegalAccessError inside Agrona. */
class AgronaAccessTest {
    /** Run in a child JVM started without --add-exports. */
    public static final class Probe {
        public static void main(final String[] args) {
            try {
                new io.signet.tensor.TensorView();
                System.out.println("no error");
            } catch (final Throwable t) {
                System.out.println(t.getClass().getName() + ": " + t.getMessage());
            }
        }
    }

    @Test
    void thisJvmHasTheFlag() {
        assertNull(AgronaAccess.problem(), "surefire passes the flag");
    }

    @Test
    void aJvmWithoutTheFlagIsToldWhichFlagToAdd() throws Exception {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
            Probe.class.getName())).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith(AgronaAccess.MissingFlagError.class.getName() + ": Signet needs the JVM option "
            + AgronaAccess.FLAG), out);
        assertTrue(!out.contains("IllegalAccessError"), out);
    }
}
