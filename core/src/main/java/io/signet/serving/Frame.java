package io.signet.serving;

import io.signet.tensor.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * A pandas DataFrame on the scoring server's cold path: named columns (String or Long labels, as
 * pandas keeps them) each with its pandas dtype and cells as Java values. Built by the
 * {@code dataframe_split}/{@code dataframe_records} readers and by MLflow's dict/array to frame
 * conversions; cast by {@code cast_df_types_according_to_schema}.
 */
public final class Frame implements io.signet.enforce.TensorFrames.Frame {
    final List<Object> names = new ArrayList<>();
    final List<DType> dtypes = new ArrayList<>();
    final List<Object[]> cells = new ArrayList<>();
    int rows;

    int indexOf(final Object name) {
        for (int i = 0; i < names.size(); i++) {
            if (java.util.Objects.equals(names.get(i), name)) {
                return i;
            }
        }
        return -1;
    }

    void add(final Object name, final DType dtype, final Object[] col) {
        final int i = indexOf(name);
        if (i >= 0) {
            dtypes.set(i, dtype);
            cells.set(i, col);
        } else {
            names.add(name);
            dtypes.add(dtype);
            cells.add(col);
        }
    }

    /** Adds a column even when its label is already there (pandas allows repeated labels). */
    void append(final Object name, final DType dtype, final Object[] col) {
        names.add(name);
        dtypes.add(dtype);
        cells.add(col);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return names.size();
    }

    public List<Object> columnNames() {
        return names;
    }

    @Override
    public DType dtype(final int c) {
        return dtypes.get(c);
    }

    @Override
    public int columnCount() {
        return names.size();
    }

    @Override
    public int rowCount() {
        return rows;
    }

    @Override
    public Object label(final int c) {
        return names.get(c);
    }

    /** Column {@code c}'s cells as a list view over the array (writes go through). */
    @Override
    public List<Object> cells(final int c) {
        return java.util.Arrays.asList(cells.get(c));
    }

    public boolean isEmpty() {
        return rows == 0 || names.isEmpty();
    }

    /** pandas' dtype inference for a column of Python values ({@link io.signet.py.Pandas#infer}). */
    static DType infer(final Object[] col) {
        return io.signet.py.Pandas.infer(java.util.Arrays.asList(col));
    }

    /** Cells of a column as pandas would hold them for its dtype ({@link io.signet.py.Pandas#normalize}). */
    static Object[] normalize(final Object[] col, final DType dt) {
        return io.signet.py.Pandas.normalize(col, dt);
    }

    /** The server's frame of a value-model frame (phase 1: until the server holds {@link io.signet.py.DataFrame}s). */
    static Frame of(final io.signet.py.DataFrame d) {
        final Frame f = new Frame();
        for (int c = 0; c < d.columnCount(); c++) {
            f.append(d.label(c), d.dtype(c), d.cells(c));
        }
        f.rows = d.rowCount();
        return f;
    }

    /** The value-model frame of this one (cells shared). */
    io.signet.py.DataFrame toPy() {
        final io.signet.py.DataFrame d = new io.signet.py.DataFrame(rows);
        for (int c = 0; c < names.size(); c++) {
            final Object[] col = cells.get(c);
            final Object[] py = new Object[col.length];
            for (int r = 0; r < col.length; r++) {
                py[r] = Enforcement.toPy(col[r]);
            }
            d.append(names.get(c), dtypes.get(c), py);
        }
        return d;
    }
}
