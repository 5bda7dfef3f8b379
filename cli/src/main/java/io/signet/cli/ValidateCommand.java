package io.signet.cli;

import io.signet.enforce.Mode;
import io.signet.schema.ModelDirectory;
import io.signet.validate.BatchRun;
import io.signet.validate.FileResult;
import io.signet.validate.FileWalker;
import io.signet.validate.FileValidator;
import io.signet.validate.ModelValidators;
import io.signet.validate.Progress;
import io.signet.validate.Report;
import io.signet.validate.ValidationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code signet validate --model MODEL PATH...}: batch validation on all cores. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Validates tensor files and scoring-server payloads against a model's signature, on all cores.",
        "Reads .npy and .npz (checked in place) and .json / .jsonl payloads (one request body per line);",
        "directories are walked recursively.",
        "With no PATH, validates the model's own input_example.json / serving_input_example.json.",
        "Exit codes: 0 all valid, 1 some invalid or unreadable, 2 usage or I/O error."})
public final class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
        description = "model directory, MLmodel file or signature JSON")
    Path model;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = ".npy, .npz, .json, .jsonl files or directories")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--strict", description = "strict mode: ragged elements, lossy narrowing, NaN policy, UTF-8 (default: MLflow-compatible)")
    boolean strict;

    @Option(names = "--format", paramLabel = "text|json", description = "report format (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "threads (default: all cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-errors", paramLabel = "N", description = "problems kept per file (default: ${DEFAULT-VALUE})")
    int maxErrors = 10;

    @Option(names = "--fail-fast", description = "stop at the first invalid or unreadable file")
    boolean failFast;

    @Option(names = "--no-nan", description = "reject NaN in float tensors")
    boolean noNan;

    @Option(names = "--no-inf", description = "reject +/-Infinity in float tensors")
    boolean noInf;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "list valid files too (text format)")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        if (!format.equals("text") && !format.equals("json")) {
            err.println("signet validate: --format must be text or json, not '" + format + "'");
            return 2;
        }
        if (jobs < 1 || maxErrors < 0) {
            err.println("signet validate: --jobs must be at least 1 and --max-errors at least 0");
            return 2;
        }
        final ModelDirectory md;
        try {
            md = ModelDirectory.open(model);
        } catch (final ModelDirectory.ModelFileException e) {
            err.println("signet validate: " + e.getMessage());
            return 2;
        }
        if (md.signature() == null || md.signature().inputs() == null) {
            err.println("signet validate: " + model + " has no input signature: MLflow enforces nothing, so neither does Signet");
            return 2;
        }
        final ValidationOptions opts = new ValidationOptions(strict ? Mode.STRICT : Mode.MLFLOW, noNan, noInf, maxErrors);
        final List<FileValidator> validators = ModelValidators.create(md, opts);
        final List<Path> roots = new ArrayList<>(paths);
        if (roots.isEmpty()) {
            if (md.inputExample() != null) {
                roots.add(md.inputExample());
            }
            if (md.servingInputExample() != null) {
                roots.add(md.servingInputExample());
            }
            if (roots.isEmpty()) {
                err.println("signet validate: no PATH given and " + model + " has no input_example.json or serving_input_example.json");
                return 2;
            }
        }
        final FileWalker.Found found = FileWalker.walk(roots);
        for (final String w : found.walkErrors) {
            err.println("signet validate: " + w);
        }
        long totalBytes = 0;
        for (final Path p : found.files) {
            try {
                totalBytes += Files.isRegularFile(p) ? Files.size(p) : 0;
            } catch (final java.io.IOException ignored) {
                // the file is reported as unreadable by the run
            }
        }
        final BatchRun.Totals totals = new BatchRun.Totals();
        totals.otherFiles = found.otherFiles;
        final List<FileResult> results;
        final boolean terminal = System.console() != null && System.getenv("TERM") != null
            && !"dumb".equals(System.getenv("TERM"));
        try (Progress progress = new Progress(err, terminal, quiet, found.files.size(), totalBytes)) {
            results = new BatchRun(validators, jobs, maxErrors, failFast).run(found.files, progress::fileDone, totals);
        }
        if (format.equals("json")) {
            Report.json(out, results, totals);
        } else {
            Report.text(out, results, totals, verbose);
        }
        out.flush();
        final boolean allValid = totals.invalidFiles == 0 && totals.unreadableFiles == 0 && found.walkErrors.isEmpty();
        return allValid ? 0 : 1;
    }
}
