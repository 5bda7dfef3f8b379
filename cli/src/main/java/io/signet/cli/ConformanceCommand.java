package io.signet.cli;

import io.signet.conformance.ConformanceRunner;
import io.signet.enforce.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code signet conformance FILE.jsonl...}: runs MLflow conformance cases through Signet. */
@Command(name = "conformance", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs conformance cases (the shared MLflow corpus format) in MLflow-compatible mode. Prints one "
        + "JSON line per case on stdout, and 'N passed, N failed, N skipped' on stderr (after a '== FILE' line per "
        + "file, then a 'total:' line, when several files are given).",
        "",
        "Exit codes: 0 no case failed, 1 some case failed, 2 usage or I/O error."})
final class ConformanceCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "cases, one JSON object per line ('-' for stdin)")
    List<String> files;

    @Option(names = "--mlflow", paramLabel = "2|3", converter = MlflowOption.Generation.class,
        description = "run the cases with MLflow 2.17.2's rules and compare with their 'mlflow' verdicts (2, the "
            + "default), or with MLflow 3.6's (numpy 2.3, pandas 2.3) and compare with 'mlflow3' where a case has it (3)")
    Profile profile = Profile.MLFLOW_2;


    @Override
    public Integer call() throws IOException {
        final ConformanceRunner.Summary total = new ConformanceRunner.Summary();
        for (final String file : files) {
            final BufferedReader in;
            if ("-".equals(file)) {
                in = new BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
            } else {
                final Path p = Path.of(file);
                if (!Files.isRegularFile(p)) {
                    System.err.println("signet conformance: " + file + ": no such file");
                    return 2;
                }
                in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
            }
            if (files.size() > 1) {
                System.err.println("== " + file);
            }
            try (in) {
                final ConformanceRunner.Summary s = ConformanceRunner.run(in, System.out, System.err, profile);
                total.passed += s.passed;
                total.failed += s.failed;
                total.skipped += s.skipped;
            }
        }
        if (files.size() > 1) {
            System.err.println("total: " + total);
        }
        return total.failed == 0 ? 0 : 1;
    }
}
