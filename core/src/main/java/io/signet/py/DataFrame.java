package io.signet.py;

import io.signet.py.Excerpt;
import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpDatetime;
import io.signet.internal.tensor.NpScalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one {@code pandas.DataFrame} of the value model: columns in order, each with a label (any
 * value: str, int, None, ...; labels may repeat, as pandas allows), a pandas dtype and its cells as
 * Java values of the package's model (typed columns hold plain values, see {@link NdArray}; object
 * columns hold Python values). Labels are looked up by hash with Python's equality for numbers
 * ({@code 1 == 1.0}), so a lookup costs the same for 100,000 columns as for 4.
 *
 * <p>Mutable while MLflow's rules build and cast it (the cold path's working copy); the hot path
 * meets it only at {@link io.signet.column.ColumnBatch} conversions.
 */
public final class DataFrame implements PyRepr.PyTyped {
    private static final Object NULL_LABEL = new Object();

    private final List<Object> labels = new ArrayList<>();
    private final List<DType> dtypes = new ArrayList<>();
    private final List<Object[]> cells = new ArrayList<>();
    /** Label key to the first column carrying it. */
    private final Map<Object, Integer> first = new HashMap<>();
    /** Label key to the number of columns carrying it, for labels that repeat (usually empty). */
    private final Map<Object, Integer> repeats = new HashMap<>();
    private int rows;

    /** An empty frame of {@code rows} rows and no columns. */
    public DataFrame(final int rows) {
        this.rows = rows;
    }

    /** Python's label equality as a hash key: integral numbers as Long, other numbers as Double, None as a marker. */
    public static Object key(final Object label) {
        if (label == null) {
            return NULL_LABEL;
        }
        if (label instanceof Number && !(label instanceof Long)) {
            if (label instanceof java.math.BigInteger) {
                final java.math.BigInteger b = (java.math.BigInteger) label;
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            final double d = ((Number) label).doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p63 ? (Object) (long) d : (Object) d;
        }
        if (label instanceof NpScalar) {
            return key(((NpScalar) label).value());
        }
        return label;
    }

    public int rowCount() {
        return rows;
    }

    /** Sets the row count (pandas' index length) of a frame being built. */
    public void rowCount(final int n) {
        this.rows = n;
    }

    public int columnCount() {
        return labels.size();
    }

    /** Whether the frame is empty as pandas says {@code df.empty}: no rows or no columns. */
    public boolean isEmpty() {
        return rows == 0 || labels.isEmpty();
    }

    public Object label(final int c) {
        return labels.get(c);
    }

    /** The labels in column order (a read-only view). */
    public List<Object> labels() {
        return Collections.unmodifiableList(labels);
    }

    public DType dtype(final int c) {
        return dtypes.get(c);
    }

    /** Column {@code c}'s cells (the frame's own array: writes go through). */
    public Object[] cells(final int c) {
        return cells.get(c);
    }

    /** Index of the first column with that label, or -1. */
    public int indexOf(final Object label) {
        final Integer i = first.get(key(label));
        return i == null ? -1 : i;
    }

    /** Whether a column carries that label ({@code label in df.columns}). */
    public boolean contains(final Object label) {
        return first.containsKey(key(label));
    }

    /** How many columns carry that label (more than one makes {@code df[label]} a DataFrame). */
    public int count(final Object label) {
        final Object k = key(label);
        if (!first.containsKey(k)) {
            return 0;
        }
        final Integer n = repeats.get(k);
        return n == null ? 1 : n;
    }

    /** The indices of every column carrying that label, in order (scans only when the label repeats). */
    public int[] indicesOf(final Object label) {
        final int n = count(label);
        if (n <= 1) {
            return n == 0 ? new int[0] : new int[] {indexOf(label)};
        }
        final Object k = key(label);
        final int[] r = new int[n];
        int at = 0;
        for (int c = indexOf(label); c < labels.size() && at < n; c++) {
            if (key(labels.get(c)).equals(k)) {
                r[at++] = c;
            }
        }
        return r;
    }

    /** Adds a column at the end, even when its label is already there (pandas allows repeated labels). */
    public DataFrame append(final Object label, final DType dtype, final Object[] col) {
        final Object k = key(label);
        final Integer at = first.putIfAbsent(k, labels.size());
        if (at != null) {
            repeats.merge(k, 2, (a, b) -> a + 1);
        }
        labels.add(label);
        dtypes.add(dtype);
        cells.add(col);
        return this;
    }

    /** {@code df[label] = col}: replaces the first column with that label, or appends one. */
    public DataFrame put(final Object label, final DType dtype, final Object[] col) {
        final int i = indexOf(label);
        if (i < 0) {
            return append(label, dtype, col);
        }
        set(i, dtype, col);
        return this;
    }

    /** Replaces column {@code c}'s dtype and cells (its label stays). */
    public void set(final int c, final DType dtype, final Object[] col) {
        dtypes.set(c, dtype);
        cells.set(c, col);
    }

    /** Replaces column {@code c}'s cells (its label and dtype stay). */
    public void setCells(final int c, final Object[] col) {
        cells.set(c, col);
    }

    /** Replaces column {@code c}'s dtype (its label and cells stay). */
    public void setDtype(final int c, final DType dtype) {
        dtypes.set(c, dtype);
    }

    /** Gives the columns new labels ({@code df.columns = labels}); the count must match. */
    public void relabel(final List<?> newLabels) {
        if (newLabels.size() != labels.size()) {
            throw new IllegalArgumentException(newLabels.size() + " labels for " + labels.size() + " columns");
        }
        first.clear();
        repeats.clear();
        final List<Object> old = new ArrayList<>(newLabels);
        labels.clear();
        final List<DType> d = new ArrayList<>(dtypes);
        final List<Object[]> x = new ArrayList<>(cells);
        dtypes.clear();
        cells.clear();
        for (int c = 0; c < old.size(); c++) {
            append(old.get(c), d.get(c), x.get(c));
        }
    }

    /**
     * Cell {@code (c, r)} as iterating the column's Series hands it out: a numpy scalar for numeric and
     * bool columns, a {@link Timestamp} for datetime64 ones, the Python value for object columns.
     */
    public Object item(final int c, final int r) {
        final Object v = cells.get(c)[r];
        return item(dtypes.get(c), v);
    }

    /** A cell of a column of dtype {@code d} as a Series hands it out (see {@link #item(int, int)}). */
    public static Object item(final DType d, final Object v) {
        switch (d.kind()) {
            case OBJECT:
            case STR:
            case BYTES:
                return v;
            case DATETIME:
                if (v instanceof Long) {
                    final long x = (Long) v;
                    return x == NpDatetime.NAT ? Timestamp.NAT : Timestamp.ofNanos(NpDatetime.convert(x, d.unit(), "ns"));
                }
                return v;
            default:
                if (v == null || v instanceof NpScalar) {
                    return v;
                }
                return new NpScalar(d, v instanceof java.math.BigInteger ? ((java.math.BigInteger) v).longValue() : v);
        }
    }

    @Override
    public String pyTypeName() {
        return "DataFrame";
    }

    @Override
    public String pyRepr() {
        return "DataFrame(shape=(" + rows + ", " + labels.size() + "))";
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("DataFrame(").append(rows).append(" rows){");
        for (int c = 0; c < labels.size(); c++) {
            sb.append(c > 0 ? ", " : "").append(Excerpt.repr(labels.get(c))).append(": ").append(dtypes.get(c));
        }
        return sb.append('}').toString();
    }
}
