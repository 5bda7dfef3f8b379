package io.signet.py;

import io.signet.tensor.DType;

/**
 * A {@code pandas.Series}: a name, a dtype and cells in the package's model (see {@link DataFrame}).
 * A column of a frame, or what a rule makes of one.
 */
public final class Series {
    private final Object name;
    private final DType dtype;
    private final Object[] cells;

    public Series(final Object name, final DType dtype, final Object[] cells) {
        this.name = name;
        this.dtype = dtype;
        this.cells = cells;
    }

    /** Column {@code c} of a frame (its cells, not a copy). */
    public static Series of(final DataFrame f, final int c) {
        return new Series(f.label(c), f.dtype(c), f.cells(c));
    }

    public Object name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    /** The cells (the series' own array). */
    public Object[] cells() {
        return cells;
    }

    public int length() {
        return cells.length;
    }

    /** Cell {@code r} as iterating the series hands it out ({@link DataFrame#item(DType, Object)}). */
    public Object item(final int r) {
        return DataFrame.item(dtype, cells[r]);
    }

    /** The same cells under another dtype. */
    public Series withDtype(final DType d, final Object[] newCells) {
        return new Series(name, d, newCells);
    }
}
