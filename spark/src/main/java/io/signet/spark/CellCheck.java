package io.signet.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The library's verdict on one cell of one input, shipped to the executors (serializable; compiled
 * state is built there on first use, per deserialized copy, so per task and thread).
 */
interface CellCheck extends Serializable {
    /** The Spark column it reads. */
    String column();

    /** The cell's violations, empty when the library accepts it. Never throws. */
    List<Violation> check(Object cell);

    /** The check as a UDF returning the cell's violations, or null when there are none. */
    default UserDefinedFunction udf() {
        return functions.udf(new Udf(this), Violation.ARRAY).withName("signet_" + column().replaceAll("\\W", "_"));
    }

    /** {@link CellCheck#check} as a Spark UDF. */
    final class Udf implements UDF1<Object, List<Row>> {
        private static final long serialVersionUID = 1L;
        private final CellCheck check;

        Udf(final CellCheck check) {
            this.check = check;
        }

        @Override
        public List<Row> call(final Object value) {
            final List<Violation> vs = check.check(value);
            if (vs.isEmpty()) {
                return null;
            }
            final List<Row> rows = new ArrayList<>(vs.size());
            for (final Violation v : vs) {
                rows.add(v.toRow());
            }
            return rows;
        }
    }
}
