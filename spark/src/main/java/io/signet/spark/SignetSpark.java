package io.signet.spark;

import io.signet.schema.ModelSignature;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * Every row of a Spark Dataset checked against an MLflow model signature, in the style of Deequ's
 * verification suites:
 *
 * <pre>
 *   CheckResult r = SignetSpark.check(df, signature, CheckOptions.defaults().idColumn("id"));
 *   r.violations().write().parquet("violations");   // id, input, path, error_code, message, deviation
 *   Summary s = r.summary();                          // rows checked / invalid, counts per error code
 * </pre>
 *
 * <p>MLflow itself checks a Spark DataFrame on {@code limit(10)}, and {@code spark_udf} stops a job
 * at the first bad batch; here each row is checked as MLflow's {@code _enforce_schema} checks a frame
 * holding that row alone (for tensor signatures: as {@code signet validate} checks an array), and
 * every violating input of every row is reported. Nothing is collected to the driver (except the
 * sample rows when {@link CheckOptions#sample} asks for MLflow's own check).
 */
public final class SignetSpark {
    private SignetSpark() {
    }

    /** {@link #check(Dataset, ModelSignature, CheckOptions)} with {@link CheckOptions#defaults()}. */
    public static CheckResult check(final Dataset<Row> data, final ModelSignature signature) {
        return check(data, signature, CheckOptions.defaults());
    }

    /**
     * Compiles the signature against the data's schema (on the driver, once) and returns the lazy
     * result.
     *
     * @throws IllegalArgumentException when the signature has no inputs or the id column is not in the data
     */
    public static CheckResult check(final Dataset<Row> data, final ModelSignature signature, final CheckOptions o) {
        if (signature == null || signature.inputs() == null) {
            throw new IllegalArgumentException("the signature has no inputs: MLflow enforces nothing, so neither does "
                + "Signet");
        }
        final StructType schema = data.schema();
        final int dataCols = schema.size();
        final Dataset<Row> base;
        final String id;
        if (o.idColumn != null) {
            if (!Arrays.asList(schema.fieldNames()).contains(o.idColumn)) {
                throw new IllegalArgumentException("id column '" + o.idColumn + "' is not in the data (columns: "
                    + String.join(", ", schema.fieldNames()) + ")");
            }
            id = o.idColumn;
            base = data;
        } else {
            id = unique("row_id", schema);
            base = data.withColumn(id, functions.monotonically_increasing_id());
        }
        final ColumnPlan plan = signature.inputs().isTensorSpec()
            ? TensorPlan.compile(schema, dataCols, signature, o)
            : ColumnPlan.compile(schema, dataCols, signature, o);
        if (o.sample > 0 && plan.sample == null && !signature.inputs().isTensorSpec()) {
            plan.sample = new ColumnSample(signature.inputs(), schema, dataCols, o.profile());
        }
        Dataset<Row> annotated = null;
        if (plan.schemaViolations.isEmpty()) {
            annotated = o.engine == CheckOptions.Engine.PARTITIONS
                ? base.mapPartitions(new RowsEngine(plan.items),
                    Encoders.row(base.schema().add(CheckResult.VIOLATIONS, Violation.ARRAY, false)))
                : base.withColumn(CheckResult.VIOLATIONS, expression(plan, schema));
        }
        return new CheckResult(data, base, annotated, id, o.idColumn == null, plan.schemaViolations,
            o.sample > 0 ? plan.sample : null, o.sample);
    }

    /** The row's violations: each checked column's (an array or null), concatenated. */
    private static Column expression(final ColumnPlan plan, final StructType schema) {
        final Column empty = functions.array().cast(Violation.ARRAY);
        Column all = null;
        for (final ColumnPlan.Item it : plan.items) {
            final Column e = ColumnPlan.expression(it, schema);
            if (e == null) {
                continue;
            }
            final Column one = functions.coalesce(e, empty);
            all = all == null ? one : functions.concat(all, one);
        }
        return all == null ? empty : all;
    }

    /**
     * A directory of {@code .npy} / {@code .npz} files (walked recursively) as Spark's {@code binaryFile}
     * source reads it: one row per file ({@code path}, {@code modificationTime}, {@code length},
     * {@code content}), ready for {@link #check} with a tensor signature (id column {@code path}).
     */
    public static Dataset<Row> readTensorFiles(final org.apache.spark.sql.SparkSession spark, final String dir) {
        return spark.read().format("binaryFile").option("recursiveFileLookup", "true")
            .option("pathGlobFilter", "*.{npy,npz}").load(dir);
    }

    private static String unique(final String name, final StructType schema) {
        String n = name;
        while (Arrays.asList(schema.fieldNames()).contains(n)) {
            n = "_" + n;
        }
        return n;
    }
}
