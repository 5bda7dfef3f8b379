package io.signet.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the real CLI in process and captures what it prints. */
final class CliRun {
    final int exit;
    final String out;
    final String err;

    private CliRun(final int exit, final String out, final String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static CliRun run(final String... args) {
        return run(new byte[0], null, args);
    }

    /** With {@code stdin} as standard input. */
    static CliRun withStdin(final byte[] stdin, final String... args) {
        return run(stdin, null, args);
    }

    /** With standard output going to {@code stdout} (to make writes fail); {@link #out} is then empty. */
    static CliRun withStdout(final PrintStream stdout, final String... args) {
        return run(new byte[0], stdout, args);
    }

    private static synchronized CliRun run(final byte[] stdin, final PrintStream stdout, final String... args) {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final InputStream oldIn = System.in;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code;
        try (PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(stdout != null ? stdout : po);
            System.setErr(pe);
            System.setIn(new ByteArrayInputStream(stdin));
            code = Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
