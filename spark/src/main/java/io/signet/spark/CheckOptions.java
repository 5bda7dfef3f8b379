package io.signet.spark;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;

import java.io.Serializable;

/**
 * How {@link SignetSpark#check} judges, immutable: each method returns a changed copy.
 *
 * <ul>
 *   <li>{@link #mlflow(int)}: the MLflow major version whose rules apply (2 or 3): the library's
 *       {@link Profile} ({@link #profile()}) for signatures and enforcers.</li>
 *   <li>{@link #strict()}: Signet's strict mode; {@link #rejectNaN()}, {@link #rejectInf()} and
 *       {@link #range(double, double)} are strict value policies (asking for one turns strict on,
 *       as {@code signet validate --no-nan} does).</li>
 *   <li>{@link #idColumn(String)}: the column that identifies a row in the violations table; without
 *       one a {@code row_id} is generated ({@code monotonically_increasing_id()}).</li>
 *   <li>{@link #sample(int)}: also run MLflow's own check, {@code _enforce_schema} on
 *       {@code limit(n)} as one frame, for comparison (off by default; MLflow uses 10).</li>
 *   <li>{@link #engine(Engine)}: how the rows are checked (see {@link Engine}).</li>
 * </ul>
 */
public final class CheckOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How rows are checked. */
    public enum Engine {
        /**
         * Column expressions in the query plan (Deequ's row-level style): verdicts that depend only
         * on a cell being null are decided by Catalyst's generated code; only the cells whose verdict
         * depends on their value reach the library (through a UDF). The default: see README.
         */
        EXPRESSIONS,
        /** {@code mapPartitions} over rows: every cell of every row through the library. */
        PARTITIONS
    }

    final int mlflowMajor;
    final Mode mode;
    final boolean rejectNaN;
    final boolean rejectInf;
    final double min;
    final double max;
    final String idColumn;
    final int sample;
    final Engine engine;
    final int maxPerCell;

    private CheckOptions(final int mlflowMajor, final Mode mode, final boolean rejectNaN, final boolean rejectInf,
                         final double min, final double max, final String idColumn, final int sample,
                         final Engine engine, final int maxPerCell) {
        this.mlflowMajor = mlflowMajor;
        this.mode = mode;
        this.rejectNaN = rejectNaN;
        this.rejectInf = rejectInf;
        this.min = min;
        this.max = max;
        this.idColumn = idColumn;
        this.sample = sample;
        this.engine = engine;
        this.maxPerCell = maxPerCell;
    }

    /** MLflow 2 rules, MLflow-compatible mode, generated row ids, no sample, the expression engine. */
    public static CheckOptions defaults() {
        return new CheckOptions(2, Mode.MLFLOW, false, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            null, 0, Engine.EXPRESSIONS, 10);
    }

    public CheckOptions mlflow(final int major) {
        if (major != 2 && major != 3) {
            throw new IllegalArgumentException("MLflow major version must be 2 or 3, not " + major);
        }
        return new CheckOptions(major, mode, rejectNaN, rejectInf, min, max, idColumn, sample, engine, maxPerCell);
    }

    public CheckOptions strict() {
        return new CheckOptions(mlflowMajor, Mode.STRICT, rejectNaN, rejectInf, min, max, idColumn, sample, engine,
            maxPerCell);
    }

    public CheckOptions rejectNaN() {
        return new CheckOptions(mlflowMajor, Mode.STRICT, true, rejectInf, min, max, idColumn, sample, engine,
            maxPerCell);
    }

    public CheckOptions rejectInf() {
        return new CheckOptions(mlflowMajor, Mode.STRICT, rejectNaN, true, min, max, idColumn, sample, engine,
            maxPerCell);
    }

    /** Tensor values must lie in {@code [lo, hi]} (core's {@code TensorPolicy.range}; strict). */
    public CheckOptions range(final double lo, final double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        }
        return new CheckOptions(mlflowMajor, Mode.STRICT, rejectNaN, rejectInf, lo, hi, idColumn, sample, engine,
            maxPerCell);
    }

    public CheckOptions idColumn(final String name) {
        return new CheckOptions(mlflowMajor, mode, rejectNaN, rejectInf, min, max, name, sample, engine, maxPerCell);
    }

    /** Also run MLflow's own check on the first {@code n} rows as one frame ({@code limit(n)}); 0 turns it off. */
    public CheckOptions sample(final int n) {
        if (n < 0) {
            throw new IllegalArgumentException("sample size must be >= 0");
        }
        return new CheckOptions(mlflowMajor, mode, rejectNaN, rejectInf, min, max, idColumn, n, engine, maxPerCell);
    }

    public CheckOptions engine(final Engine e) {
        return new CheckOptions(mlflowMajor, mode, rejectNaN, rejectInf, min, max, idColumn, sample, e, maxPerCell);
    }

    /** Violations kept per cell in strict mode (MLflow mode keeps MLflow's first). */
    public CheckOptions maxPerCell(final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxPerCell must be >= 1");
        }
        return new CheckOptions(mlflowMajor, mode, rejectNaN, rejectInf, min, max, idColumn, sample, engine, n);
    }

    /** The library's profile for {@link #mlflowMajor()}. */
    public Profile profile() {
        return mlflowMajor == 3 ? Profile.MLFLOW_3 : Profile.MLFLOW_2;
    }

    public int mlflowMajor() {
        return mlflowMajor;
    }

    public Mode mode() {
        return mode;
    }

    public String idColumn() {
        return idColumn;
    }

    public int sampleSize() {
        return sample;
    }

    public Engine engine() {
        return engine;
    }

    boolean hasRange() {
        return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
    }
}
