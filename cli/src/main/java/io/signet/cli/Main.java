package io.signet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code signet}: MLflow model signatures enforced on the JVM. */
@Command(name = "signet", mixinStandardHelpOptions = true, version = "signet 0.1.0",
    description = "Enforces MLflow model signatures on tensors, tables and scoring-server payloads.",
    subcommands = {DemoCommand.class, ValidateCommand.class, ShowCommand.class, InferCommand.class, ConformanceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Exit codes: 0 all valid, 1 some invalid, 2 usage or I/O error. */
    public static int execute(final String... args) {
        final CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("signet: " + ex.getMessage());
            return 2;
        });
        cl.setExitCodeExceptionMapper(t -> 2);
        return cl.execute(args);
    }

    public static void main(final String[] args) {
        final String problem = io.signet.AgronaAccess.problem();
        if (problem != null) {
            System.err.println("signet: " + problem);
            System.exit(2);
        }
        System.exit(execute(args));
    }
}
