package io.signet.py;

import io.signet.column.Column;
import io.signet.column.ColumnBatch;
import io.signet.column.NestedVector;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.tensor.DType;

import java.util.Arrays;
import java.util.Map;

/**
 * The one seam between the hot path's off-heap {@link ColumnBatch} and the value model's
 * {@link DataFrame}: a batch read into a frame (cells as Java values of the model) and a frame
 * written into a new batch (Array / Object / Map columns as offset trees where the schema says so).
 */
public final class Batches {
    private Batches() {
    }

    /** The batch as a frame (labels, dtypes and every cell copied out). */
    public static DataFrame frame(final ColumnBatch b) {
        final DataFrame f = new DataFrame(Math.max(b.rowCount(), 0));
        for (int c = 0; c < b.columnCount(); c++) {
            final Column col = b.column(c);
            f.append(col.name(), col.dtype(), cells(col));
        }
        return f;
    }

    /**
     * A column's cells in the model: numbers and bools as they are, uint64 past int64 as BigInteger,
     * datetime64/timedelta64 as Long counts of the unit (NaT {@link Long#MIN_VALUE}), str, bytes, and the
     * Java values of object and nested columns.
     */
    public static Object[] cells(final Column c) {
        final Object[] r = new Object[c.length()];
        final boolean counts = c.storage() == Column.Storage.FIXED
            && (c.dtype().kind() == DType.Kind.DATETIME || c.dtype().kind() == DType.Kind.TIMEDELTA);
        for (int i = 0; i < r.length; i++) {
            r[i] = counts ? (Object) c.getLong(i) : c.get(i);
        }
        return r;
    }

    /** A nested value with its numpy scalars as their plain values (an offset tree stores typed leaves). */
    public static Object plain(final Object v) {
        if (v instanceof io.signet.internal.tensor.NpScalar) {
            return ((io.signet.internal.tensor.NpScalar) v).value();
        }
        if (v instanceof java.util.List) {
            final java.util.List<Object> r = new java.util.ArrayList<>(((java.util.List<?>) v).size());
            for (final Object x : (java.util.List<?>) v) {
                r.add(plain(x));
            }
            return r;
        }
        if (v instanceof Map) {
            final Map<Object, Object> r = new java.util.LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                r.put(e.getKey(), plain(e.getValue()));
            }
            return r;
        }
        return v;
    }

    /**
     * The frame as a new batch the caller owns. {@code nested} (label to type, may be null) names the
     * Array / Object / Map columns to hold as offset trees; other object columns keep their Java values.
     */
    public static ColumnBatch batch(final DataFrame f, final Map<?, ? extends ColumnType> nested) {
        final ColumnBatch b = new ColumnBatch();
        try {
            for (int c = 0; c < f.columnCount(); c++) {
                final Object label = f.label(c);
                final ColumnType t = nested == null ? null : nested.get(DataFrame.key(label));
                final DType d = f.dtype(c);
                final Object[] cells = f.cells(c);
                if (t != null && !(t instanceof DataType) && NestedVector.supports(t) && d.kind() == DType.Kind.OBJECT) {
                    final Object[] plain = new Object[cells.length];
                    for (int r = 0; r < plain.length; r++) {
                        plain[r] = plain(cells[r]);
                    }
                    b.addValues(label, t, Arrays.asList(plain));
                } else {
                    b.addValues(label, d, Arrays.asList(cells));
                }
            }
            return b;
        } catch (final RuntimeException e) {
            b.close();
            throw e;
        }
    }
}
