package io.signet.cli;

import io.signet.enforce.Mode;
import io.signet.schema.ModelDirectory;
import io.signet.validate.BatchRun;
import io.signet.validate.FileResult;
import io.signet.validate.FileValidator;
import io.signet.validate.FileWalker;
import io.signet.validate.ModelValidators;
import io.signet.validate.Progress;
import io.signet.validate.Report;
import io.signet.validate.ValidationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    description = {"Validates tensor files and scoring-server request bodies against a model's signature, on all "
        + "cores: .npy and .npz files (checked in place), .json and .csv files (one request body each), .jsonl files "
        + "(one JSON body per line), directories (walked recursively), and - (one body read from standard input). "
        + "With no PATH, validates the model's own input_example.json and serving_input_example.json.",
        "",
        "Exit codes: 0 all valid, 1 some invalid or unreadable, 2 usage, model or output error."})
public final class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
        description = "model directory, MLmodel file or signature JSON file")
    Path model;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = ".npy, .npz, .json, .jsonl, .csv files, "
        + "directories, or - for standard input")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--strict", description = "strict mode: ragged elements, lossy narrowing, NaN policy, UTF-8 "
        + "(default: MLflow-compatible)")
    boolean strict;

    @Mixin
    MlflowOption mlflow = new MlflowOption();

    @Option(names = "--format", paramLabel = "text|json", description = "report format: text, or json for JSON "
        + "Lines (one object per file, then a summary; README documents the fields) (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Option(names = "--content-type", paramLabel = "TYPE", description = "content type of the body read from "
        + "standard input (PATH -): application/json or text/csv (default: ${DEFAULT-VALUE})")
    String contentType = "application/json";

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "threads (default: all cores)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-errors", paramLabel = "N", description = "problems kept per file, at most "
        + ValidationOptions.MAX_KEPT_PROBLEMS + "; the rest are counted (default: ${DEFAULT-VALUE})")
    int maxErrors = 10;

    @Option(names = "--fail-fast", description = "stop at the first file that is not valid")
    boolean failFast;

    @Option(names = "--no-nan", description = "reject NaN in float tensors")
    boolean noNan;

    @Option(names = "--no-inf", description = "reject +/-Infinity in float tensors")
    boolean noInf;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "list valid files too (text format)")
    boolean verbose;

    /** What a run did: its exit code, its totals, and every result when the caller collects them. */
    static final class Outcome {
        int exit;
        BatchRun.Totals totals;
        final List<FileResult> results = new ArrayList<>();
    }

    @Override
    public Integer call() throws InterruptedException {
        return run(false).exit;
    }

    /** Validates and reports; {@code collect}: also keep every result in the outcome (the demo checks them). */
    Outcome run(final boolean collect) throws InterruptedException {
        final PrintStream out = System.out;
        final Outcome o = new Outcome();
        if (!format.equals("text") && !format.equals("json")) {
            return fatal(o, "--format must be text or json, not '" + format + "'");
        }
        if (jobs < 1) {
            return fatal(o, "--jobs must be at least 1, not " + jobs);
        }
        if (maxErrors < 0) {
            return fatal(o, "--max-errors must be at least 0, not " + maxErrors);
        }
        if (!contentType.equals("application/json") && !contentType.equals("text/csv")) {
            return fatal(o, "--content-type must be application/json or text/csv, not '" + contentType + "'");
        }
        if (paths.stream().filter(BatchRun.STDIN::equals).count() > 1) {
            return fatal(o, "standard input (-) can be read only once");
        }
        final ModelDirectory md;
        try {
            md = mlflow.open(model);
        } catch (final ModelDirectory.ModelFileException e) {
            return fatal(o, e.getMessage());
        }
        final String none = Models.noSignature(md);
        if (none != null) {
            return fatal(o, none);
        }
        final ValidationOptions opts = new ValidationOptions(strict ? Mode.STRICT : Mode.MLFLOW, noNan, noInf, maxErrors,
            md.profile());
        final List<Path> roots = new ArrayList<>(paths);
        if (roots.isEmpty()) {
            if (md.inputExample() != null) {
                roots.add(md.inputExample());
            }
            if (md.servingInputExample() != null) {
                roots.add(md.servingInputExample());
            }
            if (roots.isEmpty()) {
                return fatal(o, "no PATH given and " + model + " has no input_example.json or serving_input_example.json");
            }
        }
        final FileWalker.Found found = FileWalker.walk(roots);
        for (final String w : found.walkErrors) {
            System.err.println("signet validate: " + w);
        }
        final List<FileValidator> validators = new ArrayList<>();
        validators.add(FileWalker.refusedValidator(found));
        validators.addAll(ModelValidators.create(md, opts, System.in, contentType));
        long totalBytes = 0;
        for (final Path p : found.files) {
            try {
                totalBytes += !p.equals(BatchRun.STDIN) && Files.isRegularFile(p) ? Files.size(p) : 0;
            } catch (final java.io.IOException ignored) {
                // the file is reported as unreadable by the run
            }
        }
        final BatchRun.Totals totals = new BatchRun.Totals();
        totals.otherFiles = found.otherFiles;
        o.totals = totals;
        final Report report = Report.of(format, out, verbose);
        final boolean terminal = System.console() != null && System.getenv("TERM") != null
            && !"dumb".equals(System.getenv("TERM"));
        try (Progress progress = new Progress(System.err, terminal, quiet, found.files.size(), totalBytes)) {
            new BatchRun(validators, jobs, opts.maxErrors, failFast).run(found.files, progress::fileDone, totals, r -> {
                report.file(r);
                if (collect) {
                    o.results.add(r);
                }
            });
            report.summary(totals);
        } catch (final Report.OutputFailed e) {
            System.err.println("signet validate: " + e.getMessage());
            o.exit = 2;
            return o;
        }
        final boolean allValid = totals.invalidFiles == 0 && totals.unreadableFiles == 0 && found.walkErrors.isEmpty();
        o.exit = allValid ? 0 : 1;
        return o;
    }

    /** A run that cannot start: one line on stderr, and in JSON format one "fatal" JSON line on stdout. */
    private Outcome fatal(final Outcome o, final String message) {
        System.err.println("signet validate: " + message);
        if ("json".equals(format)) {
            System.out.println(Report.fatalJson("signet validate: " + message, 2));
            System.out.flush();
        }
        o.exit = 2;
        return o;
    }

    boolean json() {
        return "json".equals(format);
    }
}
