package io.signet.cli;

import io.signet.validate.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code signet}: MLflow model signatures enforced on the JVM. */
@Command(name = "signet", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Enforces MLflow model signatures on tensors, tables and scoring-server payloads.",
    subcommands = {DemoCommand.class, ValidateCommand.class, ShowCommand.class, InferCommand.class, ConformanceCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Help text width when the terminal's is unknown (not a terminal: a pipe, a file, a test). */
    static final int HELP_WIDTH = 80;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code signet} alone: the usage on stderr, exit 2 (nothing was asked). */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** Exit codes: 0 all valid, 1 some invalid, 2 usage, I/O or output error. */
    public static int execute(final String... args) {
        final boolean json = jsonFormat(args);
        final CommandLine cl = new CommandLine(new Main());
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setUsageHelpAutoWidth(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            final CommandLine c = ex.getCommandLine();
            c.getErr().println("signet: " + ex.getMessage());
            c.getErr().println("Try 'signet " + (c == cl ? "" : c.getCommandName() + " ") + "--help' for more information.");
            c.getErr().flush();
            fatalJson(json, "signet: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("signet: " + ex.getMessage());
            cmd.getErr().flush();
            fatalJson(json, "signet: " + ex.getMessage());
            return 2;
        });
        cl.setExitCodeExceptionMapper(t -> 2);
        final int code = cl.execute(args);
        if (System.out.checkError()) { // PrintStream swallows write errors: a full disk, a closed pipe
            if (code != 2) { // validate says so itself, and exits 2
                System.err.println("signet: cannot write to standard output (disk full or pipe closed?)");
            }
            return 2;
        }
        return code;
    }

    /** Whether the command line asks for JSON output ({@code --format json} or {@code --format=json}). */
    private static boolean jsonFormat(final String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--format=json") || args[i].equals("--format") && i + 1 < args.length
                && args[i + 1].equals("json")) {
                return true;
            }
        }
        return false;
    }

    private static void fatalJson(final boolean json, final String message) {
        if (json) {
            System.out.println(Report.fatalJson(message, 2));
            System.out.flush();
        }
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
