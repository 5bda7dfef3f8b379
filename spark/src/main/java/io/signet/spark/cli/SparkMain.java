package io.signet.spark.cli;

import io.signet.schema.ModelDirectory;
import io.signet.spark.CheckOptions;
import io.signet.spark.CheckResult;
import io.signet.spark.SignetSpark;
import io.signet.spark.Summary;
import io.signet.spark.Violation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code signet spark}: every row of a Parquet / JSON dataset or a directory of {@code .npy} /
 * {@code .npz} files checked against a model's signature on Spark; violations written as Parquet,
 * the summary as JSON. The same main class runs under {@code spark-submit}.
 */
@Command(name = "signet spark", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Checks every row of a dataset against an MLflow model signature on Spark.",
        "Writes OUTPUT/violations/ (Parquet: the row id under its own name, input, path, error_code, message,",
        "deviation) and OUTPUT/summary.json (rows_checked, rows_invalid, violations per error code).",
        "Exit codes: 0 all rows valid, 1 some invalid, 2 usage or I/O error."})
public final class SparkMain implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
        description = "model directory, MLmodel file or signature JSON")
    Path model;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
        description = "Parquet file or directory, JSON lines, or a directory of .npy / .npz files (Spark's binaryFile)")
    String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "where violations/ and summary.json go")
    String output;

    @Option(names = "--format", paramLabel = "parquet|json|binaryFile", description = "input format (default: from the files)")
    String format;

    @Option(names = "--id-column", paramLabel = "NAME",
        description = "column identifying a row (default: path for binaryFile, else a generated row_id)")
    String idColumn;

    @Option(names = "--mlflow", paramLabel = "2|3", description = "MLflow major version whose rules apply (default: the model's mlflow_version; 3 for a bare signature)")
    Integer mlflow;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[2])")
    String master;

    @Option(names = "--strict", description = "strict mode (ragged rows, lossy narrowing, NaN policy)")
    boolean strict;

    @Option(names = "--no-nan", description = "reject NaN (strict)")
    boolean noNan;

    @Option(names = "--no-inf", description = "reject +/-Infinity (strict)")
    boolean noInf;

    @Option(names = "--sample", paramLabel = "N", description = "also run MLflow's own check on the first N rows (limit(N), as MLflow does with 10)")
    int sample;

    @Option(names = "--engine", paramLabel = "expressions|partitions", description = "how rows are checked (default: ${DEFAULT-VALUE})")
    String engine = "expressions";

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        final PrintStream err = System.err;
        final ModelDirectory md;
        try {
            md = ModelDirectory.open(model, mlflow == null ? null : mlflow == 3 ? io.signet.enforce.Profile.MLFLOW_3
                : io.signet.enforce.Profile.MLFLOW_2);
        } catch (final ModelDirectory.ModelFileException e) {
            err.println("signet spark: " + e.getMessage());
            return 2;
        }
        if (md.signature() == null || md.signature().inputs() == null) {
            err.println("signet spark: " + model + " has no input signature: MLflow enforces nothing, so neither does Signet");
            return 2;
        }
        final int major = mlflow != null ? mlflow : md.profile() == io.signet.enforce.Profile.MLFLOW_3 ? 3 : 2;
        if (major != 2 && major != 3) {
            err.println("signet spark: --mlflow must be 2 or 3");
            return 2;
        }
        CheckOptions o = CheckOptions.defaults().mlflow(major);
        try {
            o = o.engine(CheckOptions.Engine.valueOf(engine.toUpperCase(Locale.ROOT)));
        } catch (final IllegalArgumentException e) {
            err.println("signet spark: --engine must be expressions or partitions");
            return 2;
        }
        if (strict) {
            o = o.strict();
        }
        if (noNan) {
            o = o.rejectNaN();
        }
        if (noInf) {
            o = o.rejectInf();
        }
        if (sample > 0) {
            o = o.sample(sample);
        }
        final String fmt = format != null ? format : detectFormat(input);
        if (fmt == null) {
            err.println("signet spark: cannot tell the format of " + input + " (no .parquet, .json/.jsonl, .npy or .npz "
                + "files): pass --format");
            return 2;
        }
        final SparkSession.Builder b = SparkSession.builder().appName("signet spark")
            .config("spark.ui.showConsoleProgress", String.valueOf(!quiet));
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[2]");
        }
        // a session the caller already runs (a test, a notebook) is used and left running
        final boolean own = SparkSession.getDefaultSession().isEmpty();
        final SparkSession spark = b.getOrCreate();
        try {
            final Dataset<Row> data = read(spark, fmt, input);
            final String id = idColumn != null ? idColumn : fmt.equals("binaryFile") ? "path" : null;
            if (id != null) {
                o = o.idColumn(id);
            }
            final CheckResult r;
            try {
                r = SignetSpark.check(data, md.signature(), o);
            } catch (final IllegalArgumentException e) {
                err.println("signet spark: " + e.getMessage());
                return 2;
            }
            r.violations().write().mode("overwrite").parquet(output + "/violations");
            final Summary s = r.summary();
            writeSummary(spark, output, s);
            print(System.out, s, output);
            return s.rowsInvalid() == 0 ? 0 : 1;
        } catch (final IOException | RuntimeException e) {
            err.println("signet spark: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 2;
        } finally {
            if (own) {
                spark.stop();
            }
        }
    }

    static String detectFormat(final String input) {
        final Path p = Path.of(input);
        if (!Files.exists(p)) {
            return input.contains("://") ? "parquet" : null;
        }
        if (Files.isRegularFile(p)) {
            return kind(p.getFileName().toString());
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).map(f -> kind(f.getFileName().toString()))
                .filter(k -> k != null).findFirst().orElse(null);
        } catch (final IOException e) {
            return null;
        }
    }

    private static String kind(final String name) {
        final String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet")) {
            return "parquet";
        }
        if (n.endsWith(".json") || n.endsWith(".jsonl")) {
            return "json";
        }
        if (n.endsWith(".npy") || n.endsWith(".npz")) {
            return "binaryFile";
        }
        return null;
    }

    static Dataset<Row> read(final SparkSession spark, final String fmt, final String input) {
        switch (fmt) {
            case "parquet":
                return spark.read().parquet(input);
            case "json":
                return spark.read().json(input);
            case "binaryFile":
                return SignetSpark.readTensorFiles(spark, input);
            default:
                throw new IllegalArgumentException("--format must be parquet, json or binaryFile, not '" + fmt + "'");
        }
    }

    /** OUTPUT/summary.json through Hadoop's file system (a local directory, HDFS, S3, ... as the violations). */
    private static void writeSummary(final SparkSession spark, final String output, final Summary s) throws IOException {
        final org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(output, "summary.json");
        final org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (java.io.OutputStream o = fs.create(p, true)) {
            o.write(s.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void print(final PrintStream out, final Summary s, final String output) {
        out.println("rows checked: " + s.rowsChecked() + "   invalid: " + s.rowsInvalid() + "   valid: " + s.rowsValid());
        for (final Map.Entry<String, Long> e : s.violationsPerErrorCode().entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue() + " violation(s)");
        }
        for (final Map.Entry<String, Long> e : s.violationsPerDeviation().entrySet()) {
            out.println("  deviation " + e.getKey() + ": " + e.getValue());
        }
        for (final Violation v : s.schemaViolations()) {
            out.println("  schema: " + v);
        }
        if (s.sample() != null) {
            out.println("MLflow's own check of limit(" + s.sample().rows + "): "
                + (s.sample().accepted ? "accepted; it misses " + s.missedBySample() + " invalid row(s)"
                : "rejected: " + s.sample().message));
        }
        out.println("violations: " + output + "/violations   summary: " + output + "/summary.json");
    }

    public static void main(final String[] args) {
        final String problem = io.signet.AgronaAccess.problem();
        if (problem != null) {
            System.err.println("signet spark: " + problem);
            System.exit(2);
        }
        final CommandLine cl = new CommandLine(new SparkMain());
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("signet spark: " + ex.getMessage());
            return 2;
        });
        cl.setExitCodeExceptionMapper(t -> 2);
        System.exit(cl.execute(args));
    }
}
