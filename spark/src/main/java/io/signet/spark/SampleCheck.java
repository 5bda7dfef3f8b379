package io.signet.spark;

import org.apache.spark.sql.Row;

import java.util.List;

/** MLflow's own check of a Spark DataFrame: {@code _enforce_schema} of {@code limit(n).toPandas()} as one frame. */
interface SampleCheck {
    /** The verdict on the first rows (collected: at most the sample size), with MLflow's first sentence. */
    Summary.Sample check(List<Row> rows);
}
