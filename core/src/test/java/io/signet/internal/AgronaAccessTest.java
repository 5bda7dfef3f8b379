package io.signet.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JVM without the Agrona flag gets one message naming the flag, not an IllegalAccessError inside Agrona. */
class AgronaAccessTest {
    /** Run in a child JVM started without --add-exports: each line is what one build (or use) threw. */
    public static final class Probe {
        public static void main(final String[] args) {
            // inputs as lists (fromDict also takes them unquoted)
            final io.signet.schema.ModelSignature columns = io.signet.schema.ModelSignature.fromJson(
                "{\"inputs\": [{\"type\": \"long\", \"name\": \"x\"}]}");
            final io.signet.schema.ModelSignature tensors = io.signet.schema.ModelSignature.fromJson(
                "{\"inputs\": [{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}}]}");
            final Runnable[] builds = {
                () -> new io.signet.serving.ScoringServer(columns),
                () -> new io.signet.serving.ScoringServer(tensors),
                () -> io.signet.enforce.ColumnEnforcer.compile(columns.inputs(), io.signet.enforce.Mode.MLFLOW),
                () -> io.signet.enforce.TensorSchemaEnforcer.compile(tensors.inputs(), io.signet.enforce.Mode.MLFLOW),
                () -> new io.signet.tensor.TensorView(),
            };
            for (final Runnable b : builds) {
                try {
                    b.run();
                    System.out.println("built");
                } catch (final Throwable t) {
                    System.out.println(t.getClass().getName() + ": " + t.getMessage());
                }
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
        final List<String> lines = out.lines().collect(Collectors.toList());
        assertEquals(5, lines.size(), out);
        // servers (column and tensor models) and enforcers fail when BUILT, with one sentence naming the flag,
        // so a server without it never starts answering requests
        for (final String line : lines) {
            assertEquals(AgronaAccess.MissingFlagError.class.getName() + ": " + AgronaAccess.MISSING, line);
        }
        assertTrue(!out.contains("IllegalAccessError"), out);
    }
}
