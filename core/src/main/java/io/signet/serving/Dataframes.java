package io.signet.serving;

import io.signet.json.PayloadException;
import io.signet.schema.PyRepr;
import io.signet.tensor.DType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code dataframe_from_parsed_json}: pandas' split and records orientations (cold path). */
final class Dataframes {
    private Dataframes() {
    }

    static Frame split(final Object v) {
        if (!(v instanceof Map)) {
            throw PayloadException.badRequest("Invalid input. Dataframe split format must be a dictionary. Got "
                + (v instanceof List ? "list" : "type " + Numpy.typeRepr(v)) + ".", "/dataframe_split");
        }
        final Map<?, ?> m = (Map<?, ?>) v;
        final Set<Object> keys = new LinkedHashSet<>(m.keySet());
        final Set<Object> extra = new LinkedHashSet<>(keys);
        extra.remove("columns");
        extra.remove("data");
        extra.remove("index");
        if (!keys.contains("data") || !extra.isEmpty()) {
            final Set<String> sorted = new TreeSet<>();
            for (final Object k : keys) {
                sorted.add(String.valueOf(k));
            }
            final StringBuilder sb = new StringBuilder("{");
            for (final String k : sorted) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                PyRepr.appendRepr(sb, k);
            }
            sb.append('}');
            throw PayloadException.badRequest("Invalid input. Dataframe split format must have 'data' field and "
                + "optionally 'columns' and 'index' fields. Got " + (keys.isEmpty() ? "set()" : sb) + ".'",
                "/dataframe_split");
        }
        final Object data = m.get("data");
        final Object columns = m.get("columns");
        final Object index = m.get("index");
        final String err = "Invalid input. Provided dataframe_split field is not a valid dataframe representation in "
            + "'split' format. Error: '";
        final Frame f;
        if (data == null) {
            f = new Frame();
        } else if (data instanceof List) {
            try {
                f = Enforcement.frameFromList((List<?>) data);
            } catch (IllegalArgumentException e) {
                throw PayloadException.badRequest(err + e.getMessage() + "'", "/dataframe_split/data");
            }
        } else if (data instanceof Map) {
            f = fromDict((Map<?, ?>) data, err);
        } else {
            throw PayloadException.badRequest(err + "DataFrame constructor not properly called!'",
                "/dataframe_split/data");
        }
        if (columns != null) {
            if (!(columns instanceof List)) {
                throw PayloadException.badRequest(err + "Index(...) must be called with a collection of some kind, "
                    + Json3.s(columns) + " was passed'", "/dataframe_split/columns");
            }
            final List<?> cols = (List<?>) columns;
            if (data instanceof Map) {
                // dict data with columns: select those columns
                final Frame g = new Frame();
                g.rows = f.rows;
                for (final Object c : cols) {
                    // a label given twice selects the same data twice
                    final int i = f.indexOf(c);
                    final Object[] cells = i >= 0 ? f.cells.get(i).clone() : new Object[f.rows];
                    g.append(c, i >= 0 ? f.dtypes.get(i) : DType.OBJECT, cells);
                }
                return checkIndex(g, index, err);
            }
            if (f.rows == 0) {
                final Frame g = new Frame();
                for (final Object c : cols) {
                    g.append(c, DType.OBJECT, new Object[0]);
                }
                return checkIndex(g, index, err);
            }
            if (cols.size() != f.columns()) {
                throw PayloadException.badRequest(err + cols.size() + " columns passed, passed data had " + f.columns()
                    + " columns'", "/dataframe_split/columns");
            }
            final List<Object> names = new ArrayList<>(cols);
            f.names.clear();
            f.names.addAll(names);
        }
        return checkIndex(f, index, err);
    }

    private static Frame checkIndex(final Frame f, final Object index, final String err) {
        if (index instanceof List && f.columns() > 0 && f.rows <= 1 && ((List<?>) index).size() != f.rows) {
            // pandas broadcasts a single row (or all-NaN for no rows) over the index
            final int n = ((List<?>) index).size();
            for (int c = 0; c < f.columns(); c++) {
                final Object[] old = f.cells.get(c);
                final Object[] col = new Object[n];
                for (int r = 0; r < n; r++) {
                    col[r] = f.rows == 1 ? old[0] : Double.NaN;
                }
                f.cells.set(c, col);
                if (f.rows == 0) {
                    f.dtypes.set(c, DType.OBJECT);
                }
            }
            f.rows = n;
            return f;
        }
        if (index instanceof List && ((List<?>) index).size() != f.rows && f.columns() > 0) {
            throw PayloadException.badRequest(err + "Length of values (" + f.rows + ") does not match length of index ("
                + ((List<?>) index).size() + ")'", "/dataframe_split/index");
        }
        if (index instanceof List && f.columns() == 0) {
            f.rows = ((List<?>) index).size();
        }
        return f;
    }

    private static Frame fromDict(final Map<?, ?> m, final String err) {
        final Frame f = new Frame();
        int len = -1;
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof List)) {
                throw PayloadException.badRequest(err + "If using all scalar values, you must pass an index'",
                    "/dataframe_split/data");
            }
            final Object[] col = ((List<?>) e.getValue()).toArray();
            if (len >= 0 && col.length != len) {
                throw PayloadException.badRequest(err + "All arrays must be of the same length'", "/dataframe_split/data");
            }
            len = col.length;
            final DType dt = Frame.infer(col);
            f.add(e.getKey(), dt, Frame.normalize(col, dt));
        }
        f.rows = Math.max(len, 0);
        return f;
    }

    static Frame records(final Object v) {
        if (!(v instanceof List)) {
            throw PayloadException.badRequest("Invalid input. Dataframe records format must be a list of records. Got "
                + (v instanceof Map ? "dictionary" : "type " + Numpy.typeRepr(v)) + ".", "/dataframe_records");
        }
        try {
            return Enforcement.frameFromList((List<?>) v);
        } catch (IllegalArgumentException e) {
            throw PayloadException.badRequest("Invalid input. Provided dataframe_records field is not a valid dataframe "
                + "representation in 'records' format. Error: '" + e.getMessage() + "'", "/dataframe_records");
        }
    }

    /** Python str() of a value, bounded. */
    static final class Json3 {
        private Json3() {
        }

        static String s(final Object v) {
            return io.signet.json.Json.excerpt(PyRepr.str(v), 100);
        }
    }
}
