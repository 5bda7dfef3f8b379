package io.signet.spark;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code mapPartitions} engine: every cell of every row through the library (no class
 * shortcuts), each row emitted with its violations appended as the last field.
 */
final class RowsEngine implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final CellCheck[] checks;
    private final int[] fields;
    private final int[] paths;

    RowsEngine(final List<ColumnPlan.Item> items) {
        checks = new CellCheck[items.size()];
        fields = new int[items.size()];
        paths = new int[items.size()];
        for (int i = 0; i < checks.length; i++) {
            checks[i] = items.get(i).check;
            fields[i] = items.get(i).field;
            paths[i] = items.get(i).pathField;
        }
    }

    @Override
    public Iterator<Row> call(final Iterator<Row> rows) {
        return new Iterator<Row>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                final Row r = rows.next();
                final List<Row> vs = new ArrayList<>(0);
                for (int i = 0; i < checks.length; i++) {
                    final Object cell = paths[i] < 0 || r.isNullAt(fields[i]) ? r.get(fields[i])
                        : RowFactory.create(r.get(paths[i]), r.get(fields[i]));
                    for (final Violation v : checks[i].check(cell)) {
                        vs.add(v.toRow());
                    }
                }
                final Object[] out = new Object[r.length() + 1];
                for (int k = 0; k < r.length(); k++) {
                    out[k] = r.get(k);
                }
                out[r.length()] = scala.jdk.javaapi.CollectionConverters.asScala(vs).toSeq();
                return RowFactory.create(out);
            }
        };
    }
}
