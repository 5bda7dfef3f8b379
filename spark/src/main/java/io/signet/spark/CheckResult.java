package io.signet.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link SignetSpark#check}: lazy Datasets over the checked rows (each action is a pass
 * over the data; cache the input if several are needed) and an eager {@link #summary()}.
 *
 * <p>When the schema itself fails (a missing required column, a Spark type MLflow never converts
 * to the declared one) every row is invalid: {@link #violations()} then holds the schema violations
 * once each, with a null row id, instead of one copy per row.
 */
public final class CheckResult {
    /** The column of a row's violations in {@link #annotated()}. */
    public static final String VIOLATIONS = "_signet_violations";

    private final Dataset<Row> base;
    private final Dataset<Row> annotated;
    private final String id;
    private final boolean generatedId;
    private final List<Violation> schemaViolations;
    private final SampleCheck sampleCheck;
    private final Dataset<Row> data;
    private final int sampleSize;

    CheckResult(final Dataset<Row> data, final Dataset<Row> base, final Dataset<Row> annotated, final String id,
                final boolean generatedId, final List<Violation> schemaViolations, final SampleCheck sampleCheck,
                final int sampleSize) {
        this.data = data;
        this.base = base;
        this.annotated = annotated;
        this.id = id;
        this.generatedId = generatedId;
        this.schemaViolations = Collections.unmodifiableList(new ArrayList<>(schemaViolations));
        this.sampleCheck = sampleCheck;
        this.sampleSize = sampleSize;
    }

    /** The row id column's name: the caller's, or the generated {@code row_id}. */
    public String idColumn() {
        return id;
    }

    /** Whether the row id was generated ({@code monotonically_increasing_id()}, stable for a stable input). */
    public boolean generatedId() {
        return generatedId;
    }

    /** Violations of the dataset as a whole (every row is invalid when there are any). */
    public List<Violation> schemaViolations() {
        return schemaViolations;
    }

    /** The rows with their row id and an array column {@value #VIOLATIONS} (empty for a valid row); null when the schema fails. */
    public Dataset<Row> annotated() {
        return annotated;
    }

    /** One row per violation: the row id (under its own name), input, path, error_code, message, deviation. */
    public Dataset<Row> violations() {
        if (annotated == null) {
            final SparkSession s = base.sparkSession();
            final StructType schema = new StructType().add(base.schema().apply(id).name(),
                base.schema().apply(id).dataType(), true).add("input", "string").add("path", "string")
                .add("error_code", "string").add("message", "string").add("deviation", "string");
            final List<Row> rows = new ArrayList<>();
            for (final Violation v : schemaViolations) {
                rows.add(RowFactory.create(null, v.input, v.path, v.errorCode, v.message, v.deviation));
            }
            return s.createDataFrame(rows, schema);
        }
        final Column idc = ColumnPlan.column(id);
        return annotated.select(idc, functions.explode(functions.col(VIOLATIONS)).as("v"))
            .select(idc, functions.col("v.input"), functions.col("v.path"), functions.col("v.error_code"),
                functions.col("v.message"), functions.col("v.deviation"));
    }

    /** The rows every check accepts (with the generated row id, if any). */
    public Dataset<Row> validRows() {
        if (annotated == null) {
            return base.where(functions.lit(false));
        }
        return annotated.where(functions.size(functions.col(VIOLATIONS)).equalTo(0)).drop(VIOLATIONS);
    }

    /** The rows with at least one violation (with the generated row id, if any). */
    public Dataset<Row> invalidRows() {
        if (annotated == null) {
            return base;
        }
        return annotated.where(functions.size(functions.col(VIOLATIONS)).gt(0)).drop(VIOLATIONS);
    }

    /**
     * Counts rows and violations in one pass over the data (a small aggregation: one row per error
     * code and deviation); with the sample switch, also MLflow's own check of the first rows.
     */
    public Summary summary() {
        final Summary.Sample sample = sampleCheck == null ? null
            : sampleCheck.check(data.limit(sampleSize).collectAsList());
        final Map<String, Long> perCode = new HashMap<>();
        final Map<String, Long> perDeviation = new HashMap<>();
        if (annotated == null) {
            for (final Violation v : schemaViolations) {
                perCode.merge(v.errorCode, 1L, Long::sum);
                if (v.deviation != null) {
                    perDeviation.merge(v.deviation, 1L, Long::sum);
                }
            }
            final long n = base.count();
            return new Summary(n, n, perCode, perDeviation, schemaViolations, sample);
        }
        final Column e = functions.explode_outer(functions.transform(functions.col(VIOLATIONS),
            (x, i) -> functions.struct(x.getField("error_code").as("code"), x.getField("deviation").as("deviation"),
                i.equalTo(0).as("first")))).as("e");
        final List<Row> groups = annotated.select(e)
            .groupBy(functions.col("e.code").as("code"), functions.col("e.deviation").as("deviation"))
            .agg(functions.count(functions.lit(1)).as("n"),
                functions.sum(functions.when(functions.col("e.first"), 1L).otherwise(0L)).as("rows"))
            .collectAsList();
        long valid = 0;
        long invalid = 0;
        for (final Row g : groups) {
            final String code = g.getString(0);
            final long n = g.getLong(2);
            if (code == null) {
                valid += n;
                continue;
            }
            invalid += g.getLong(3);
            perCode.merge(code, n, Long::sum);
            if (!g.isNullAt(1)) {
                perDeviation.merge(g.getString(1), n, Long::sum);
            }
        }
        return new Summary(valid + invalid, invalid, perCode, perDeviation, schemaViolations, sample);
    }
}
