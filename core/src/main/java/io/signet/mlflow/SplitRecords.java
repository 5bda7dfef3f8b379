package io.signet.mlflow;

import io.signet.internal.json.PayloadException;
import io.signet.py.DataFrame;
import io.signet.py.Pandas;
import io.signet.py.Py;
import io.signet.py.Excerpt;
import io.signet.py.PyRepr;
import io.signet.tensor.DType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code dataframe_from_parsed_json}: pandas' split and records orientations (cold path), built by
 * the value model's constructor ({@link Pandas}); labels are looked up by hash, so N columns cost N.
 */
public final class SplitRecords {
    private static final String SPLIT_ERROR = "Invalid input. Provided dataframe_split field is not a valid dataframe "
        + "representation in 'split' format. Error: '";

    private SplitRecords() {
    }

    public static DataFrame split(final Object v) {
        if (!(v instanceof Map)) {
            throw PayloadException.badRequest("Invalid input. Dataframe split format must be a dictionary. Got "
                + (v instanceof List ? "list" : "type " + Py.classRepr(v)) + ".", "/dataframe_split");
        }
        final Map<?, ?> m = (Map<?, ?>) v;
        int known = 0;
        for (final String k : new String[] {"columns", "data", "index"}) {
            known += m.containsKey(k) ? 1 : 0;
        }
        if (!m.containsKey("data") || known != m.size()) {
            final TreeSet<String> sorted = new TreeSet<>();
            for (final Object k : m.keySet()) {
                sorted.add(String.valueOf(k));
            }
            throw PayloadException.badRequest("Invalid input. Dataframe split format must have 'data' field and "
                + "optionally 'columns' and 'index' fields. Got " + Excerpt.set(sorted) + ".'", "/dataframe_split");
        }
        final Object data = m.get("data");
        final Object columns = m.get("columns");
        final Object index = m.get("index");
        DataFrame f;
        if (data == null) {
            f = new DataFrame(0);
        } else if (data instanceof List) {
            try {
                f = Pandas.fromList((List<?>) data);
            } catch (IllegalArgumentException e) {
                throw PayloadException.badRequest(SPLIT_ERROR + e.getMessage() + "'", "/dataframe_split/data");
            }
        } else if (data instanceof Map) {
            f = fromDict((Map<?, ?>) data);
        } else {
            throw PayloadException.badRequest(SPLIT_ERROR + "DataFrame constructor not properly called!'",
                "/dataframe_split/data");
        }
        if (columns != null) {
            if (!(columns instanceof List)) {
                throw PayloadException.badRequest(SPLIT_ERROR + "Index(...) must be called with a collection of some "
                    + "kind, " + Excerpt.text(PyRepr.str(columns), 100) + " was passed'", "/dataframe_split/columns");
            }
            f = labelled(f, (List<?>) columns, data instanceof Map);
        }
        return checkIndex(f, index);
    }

    /** {@code pd.DataFrame(data, columns=columns)}: dict data selects its columns, rows are relabelled. */
    private static DataFrame labelled(final DataFrame f, final List<?> cols, final boolean dictData) {
        if (dictData) {
            final DataFrame g = new DataFrame(f.rowCount());
            for (final Object c : cols) {
                // a label given twice selects the same data twice
                final int i = f.indexOf(c);
                g.append(c, i >= 0 ? f.dtype(i) : DType.OBJECT, i >= 0 ? f.cells(i).clone() : new Object[f.rowCount()]);
            }
            return g;
        }
        if (f.rowCount() == 0) {
            final DataFrame g = new DataFrame(0);
            for (final Object c : cols) {
                g.append(c, DType.OBJECT, new Object[0]);
            }
            return g;
        }
        if (cols.size() != f.columnCount()) {
            throw PayloadException.badRequest(SPLIT_ERROR + cols.size() + " columns passed, passed data had "
                + f.columnCount() + " columns'", "/dataframe_split/columns");
        }
        f.relabel(cols);
        return f;
    }

    private static DataFrame checkIndex(final DataFrame f, final Object index) {
        if (!(index instanceof List)) {
            return f;
        }
        final int n = ((List<?>) index).size();
        if (f.columnCount() == 0) {
            f.rowCount(n);
            return f;
        }
        if (n == f.rowCount()) {
            return f;
        }
        if (f.rowCount() > 1) {
            throw PayloadException.badRequest(SPLIT_ERROR + "Length of values (" + f.rowCount() + ") does not match "
                + "length of index (" + n + ")'", "/dataframe_split/index");
        }
        // pandas broadcasts a single row (or all-NaN for no rows) over the index
        final DataFrame g = new DataFrame(n);
        for (int c = 0; c < f.columnCount(); c++) {
            final Object[] col = new Object[n];
            Arrays.fill(col, f.rowCount() == 1 ? f.cells(c)[0] : Double.NaN);
            g.append(f.label(c), f.rowCount() == 0 ? DType.OBJECT : f.dtype(c), col);
        }
        return g;
    }

    /** Split data as a dict: every value a list of the same length (pandas' constructor). */
    private static DataFrame fromDict(final Map<?, ?> m) {
        for (final Object v : m.values()) {
            if (!(v instanceof List)) {
                throw PayloadException.badRequest(SPLIT_ERROR + "If using all scalar values, you must pass an index'",
                    "/dataframe_split/data");
            }
        }
        try {
            return Pandas.fromDict(m);
        } catch (IllegalArgumentException e) {
            throw PayloadException.badRequest(SPLIT_ERROR + e.getMessage() + "'", "/dataframe_split/data");
        }
    }

    public static DataFrame records(final Object v) {
        if (!(v instanceof List)) {
            throw PayloadException.badRequest("Invalid input. Dataframe records format must be a list of records. Got "
                + (v instanceof Map ? "dictionary" : "type " + Py.classRepr(v)) + ".", "/dataframe_records");
        }
        try {
            return Pandas.fromList((List<?>) v);
        } catch (IllegalArgumentException e) {
            throw PayloadException.badRequest("Invalid input. Provided dataframe_records field is not a valid dataframe "
                + "representation in 'records' format. Error: '" + e.getMessage() + "'", "/dataframe_records");
        }
    }
}
