package io.signet.spark;

import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnViolations;
import io.signet.enforce.Mode;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.Schema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * MLflow's {@code _enforce_schema(spark_df)} for a column signature: the first rows as one pandas
 * frame (every data column, as {@code toPandas()} builds it), checked by the library in MLflow mode,
 * which stops at the first violation as MLflow does.
 */
final class ColumnSample implements SampleCheck {
    private final Schema schema;
    private final io.signet.enforce.Profile profile;
    private final StructType data;
    private final int dataCols;

    ColumnSample(final Schema schema, final StructType data, final int dataCols, final io.signet.enforce.Profile profile) {
        this.profile = profile;
        this.schema = schema;
        this.data = data;
        this.dataCols = dataCols;
    }

    @Override
    public Summary.Sample check(final List<Row> rows) {
        final int n = rows.size();
        try (ColumnBatch b = new ColumnBatch()) {
            for (int c = 0; c < dataCols; c++) {
                final StructField f = data.fields()[c];
                if (SparkCells.dtypeOf(f.dataType()) == null) {
                    continue;
                }
                final Object[] cells = new Object[n];
                for (int r = 0; r < n; r++) {
                    cells[r] = rows.get(r).get(c);
                }
                try {
                    SparkCells.addColumn(b, f.name(), f.dataType(), cells, n, nested(f.name(), c));
                } catch (final SparkCells.SeamException e) {
                    return new Summary.Sample(n, false, e.getMessage());
                }
            }
            final ColumnViolations v = new ColumnViolations(1);
            if (ColumnEnforcer.compile(schema, Mode.MLFLOW, profile).check(b, v)) {
                return new Summary.Sample(n, true, null);
            }
            return new Summary.Sample(n, false, v.message(0));
        }
    }

    /** The signature's Array / Object / Map type for a data column, or null. */
    private ColumnType nested(final String name, final int position) {
        for (int i = 0; i < schema.size(); i++) {
            final ColSpec s = (ColSpec) schema.input(i);
            final boolean match = schema.hasInputNames() ? name.equals(s.name()) : i == position;
            if (match && !(s.type() instanceof DataType)) {
                return s.type();
            }
        }
        return null;
    }
}
