package io.signet.conformance;

import io.signet.enforce.TensorFrames;
import io.signet.tensor.DType;
import io.signet.tensor.TensorArena;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small pandas DataFrame model for the corpus' {@code {"dataframe": ...}} inputs on the tensor
 * path: column labels (String, or Long for a default RangeIndex), cells as Java values, and each
 * column's numpy dtype as pandas would infer it (bool, int64, float64, datetime64[ns], else object)
 * or as {@code dtypes} casts it. Cold path only; {@link TensorFrames} enforces it.
 */
public final class CaseFrame implements TensorFrames.Frame {
    final List<Object> columns = new ArrayList<>();
    final List<List<Object>> cells = new ArrayList<>();
    final List<DType> dtypes = new ArrayList<>();
    int rows;

    /** Builds the frame like {@code pd.DataFrame(data, columns, dtype)} then {@code astype} per {@code dtypes}. */
    static CaseFrame of(final Map<?, ?> spec, final TensorArena arena) {
        final CaseFrame f = new CaseFrame();
        final Object data = spec.get("data");
        final List<?> cols = (List<?>) spec.get("columns");
        if (data instanceof Map) {
            final Map<?, ?> m = (Map<?, ?>) data;
            final List<Object> keys = cols != null ? new ArrayList<>(cols) : new ArrayList<>(m.keySet());
            for (final Object k : keys) {
                final List<Object> col = new ArrayList<>();
                final Object raw = m.get(k);
                if (raw instanceof List) {
                    for (final Object x : (List<?>) raw) {
                        col.add(TypedInputs.decode(x, arena));
                    }
                }
                f.columns.add(String.valueOf(k));
                f.cells.add(col);
            }
        } else if (data instanceof List) {
            final List<List<Object>> rowsList = new ArrayList<>();
            int width = 0;
            for (final Object row : (List<?>) data) {
                final List<Object> r = new ArrayList<>();
                if (row instanceof List) {
                    for (final Object x : (List<?>) row) {
                        r.add(TypedInputs.decode(x, arena));
                    }
                } else {
                    r.add(TypedInputs.decode(row, arena));
                }
                width = Math.max(width, r.size());
                rowsList.add(r);
            }
            if (cols != null) {
                width = cols.size();
            }
            for (int c = 0; c < width; c++) {
                f.columns.add(cols != null ? String.valueOf(cols.get(c)) : (Object) (long) c);
                final List<Object> col = new ArrayList<>();
                for (final List<Object> r : rowsList) {
                    col.add(c < r.size() ? r.get(c) : null);
                }
                f.cells.add(col);
            }
        }
        f.rows = f.cells.isEmpty() ? 0 : f.cells.get(0).size();
        for (final List<Object> col : f.cells) {
            final DType dt = io.signet.column.ColumnBatch.inferDtype(col);
            if (dt == DType.FLOAT64) {
                // a numeric column with a float or None is float64: None is NaN and ints are floats
                for (int r = 0; r < col.size(); r++) {
                    final Object o = col.get(r);
                    col.set(r, o == null ? (Object) Double.NaN : o instanceof Long ? (Object) ((Long) o).doubleValue() : o);
                }
            }
            f.dtypes.add(dt);
        }
        final Object all = spec.get("dtype");
        if (all instanceof String) {
            for (int c = 0; c < f.columns.size(); c++) {
                f.cast(c, DType.parse((String) all));
            }
        }
        final Object per = spec.get("dtypes");
        if (per instanceof Map) {
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) per).entrySet()) {
                int c = f.columns.indexOf(String.valueOf(e.getKey()));
                if (c < 0) {
                    c = f.columns.indexOf(Long.valueOf(String.valueOf(e.getKey())));
                }
                if (c >= 0) {
                    f.cast(c, DType.parse(String.valueOf(e.getValue())));
                }
            }
        }
        return f;
    }

    private void cast(final int c, final DType dt) {
        final List<Object> col = cells.get(c);
        if (dt.kind() == DType.Kind.STR || dt.kind() == DType.Kind.BYTES || dt.kind() == DType.Kind.OBJECT) {
            dtypes.set(c, DType.OBJECT);
            return;
        }
        for (int i = 0; i < col.size(); i++) {
            final Object o = col.get(i);
            if (dt.kind() == DType.Kind.FLOAT && o instanceof Number) {
                col.set(i, ((Number) o).doubleValue());
            } else if ((dt.kind() == DType.Kind.INT || dt.kind() == DType.Kind.UINT) && o instanceof Number) {
                col.set(i, ((Number) o).longValue());
            } else if (dt.kind() == DType.Kind.BOOL && o instanceof Number) {
                col.set(i, ((Number) o).doubleValue() != 0);
            }
        }
        dtypes.set(c, dt);
    }

    @Override
    public int columnCount() {
        return columns.size();
    }

    @Override
    public int rowCount() {
        return rows;
    }

    @Override
    public Object label(final int c) {
        return columns.get(c);
    }

    @Override
    public DType dtype(final int c) {
        return dtypes.get(c);
    }

    @Override
    public List<Object> cells(final int c) {
        return cells.get(c);
    }

    /** Row-major cells ({@code to_numpy().tolist()}). */
    List<Object> rowMajor() {
        final List<Object> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            final List<Object> row = new ArrayList<>();
            for (final List<Object> col : cells) {
                row.add(col.get(r));
            }
            out.add(row);
        }
        return out;
    }
}
