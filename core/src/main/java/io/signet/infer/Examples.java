package io.signet.infer;

import io.signet.tensor.DType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Python objects an example file turns into before MLflow infers from it: numpy arrays
 * ({@link Nd}, header facts only), pandas DataFrames ({@link Frame}) and plain JSON values.
 * Also numpy's and pandas' dtype inference for JSON values, as far as inference needs it.
 */
final class Examples {
    private Examples() {
    }

    /** A numpy array: dtype and shape; {@code values} is the JSON it came from, or null (a file). */
    static final class Nd {
        final DType dtype;
        final long[] shape;
        final Object values;

        Nd(final DType dtype, final long[] shape, final Object values) {
            this.dtype = dtype;
            this.shape = shape;
            this.values = values;
        }
    }

    /** A pandas DataFrame: column names and the Python values of each column (NaN for missing). */
    static final class Frame {
        final List<String> names = new ArrayList<>();
        final List<List<Object>> columns = new ArrayList<>();
    }

    /** Marks a missing cell (pandas fills it with NaN). */
    static final Double MISSING = Double.NaN;

    // ------------------------------------------------------------------ numpy: np.array(json)

    /**
     * {@code np.array(value)} for a JSON value (numpy 1.24): the shape numpy discovers and the
     * dtype it picks. Ragged nesting raises numpy's ValueError message.
     */
    static Nd npArray(final Object value) {
        final io.signet.tensor.NdArray a;
        try {
            a = io.signet.py.Numpy.array(value); // the value model's one discovery (shape, dtype promotion)
        } catch (final io.signet.py.PyError e) {
            throw new InferenceException(e.getMessage());
        }
        // infer_signature names a str array 'string' whatever its width: the generic str dtype here
        return new Nd(a.dtype().kind() == DType.Kind.STR ? DType.STR : a.dtype(), a.shape(), value);
    }

    /**
     * The elements numpy hands back when MLflow iterates an array built from JSON: leaves cast to
     * the array's dtype (ints to float in a float64 array, everything to str in a str array).
     */
    static Object castLeaves(final Object v, final DType dtype) {
        if (v instanceof List) {
            final List<Object> out = new ArrayList<>();
            for (final Object o : (List<?>) v) {
                out.add(castLeaves(o, dtype));
            }
            return out;
        }
        switch (dtype.kind()) {
            case FLOAT:
                return v instanceof Boolean ? ((Boolean) v ? 1.0 : 0.0) : ((Number) v).doubleValue();
            case INT:
                return v instanceof Boolean ? ((Boolean) v ? 1L : 0L) : v;
            case STR:
                return io.signet.py.PyRepr.str(v);
            default:
                return v;
        }
    }

    // ------------------------------------------------------------------ pandas: pd.DataFrame(...)

    /** {@code pd.DataFrame(columns=..., data=...)} of the split orient ({@code index} is ignored). */
    static Frame fromSplit(final Object columns, final Object data) {
        if (!(data instanceof List)) {
            throw invalidSplit("DataFrame constructor not properly called!");
        }
        final List<?> rows = (List<?>) data;
        boolean anyList = false;
        boolean allList = true;
        int width = 0;
        for (final Object r : rows) {
            if (r instanceof List) {
                anyList = true;
                width = Math.max(width, ((List<?>) r).size());
            } else if (r instanceof Map) {
                throw new InferenceException("signet infer: dataframe_split rows must be lists (got a dict row)");
            } else {
                allList = false;
            }
        }
        if (anyList && !allList) {
            throw new InferenceException("signet infer: dataframe_split rows must all be lists or all be scalars");
        }
        if (!anyList) {
            width = rows.isEmpty() ? 0 : 1;
        }
        final List<String> names = new ArrayList<>();
        if (columns != null) {
            if (!(columns instanceof List)) {
                throw invalidSplit("Index(...) must be called with a collection of some kind");
            }
            for (final Object c : (List<?>) columns) {
                names.add(io.signet.py.PyRepr.str(c));
            }
            if (!rows.isEmpty() && names.size() != width) {
                throw invalidSplit(names.size() + " columns passed, passed data had " + width + " columns");
            }
        } else {
            for (int i = 0; i < width; i++) {
                names.add(String.valueOf(i));
            }
        }
        final Frame f = new Frame();
        for (int c = 0; c < names.size(); c++) {
            f.names.add(names.get(c));
            final List<Object> col = new ArrayList<>();
            for (final Object r : rows) {
                if (r instanceof List) {
                    final List<?> row = (List<?>) r;
                    col.add(c < row.size() ? row.get(c) : null);
                } else {
                    col.add(r);
                }
            }
            f.columns.add(col);
        }
        return f;
    }

    private static InferenceException invalidSplit(final String pandasMessage) {
        return new InferenceException("Invalid input. Provided dataframe_split field is not a valid dataframe "
            + "representation in 'split' format. Error: '" + pandasMessage + "'");
    }

    /** {@code pd.DataFrame(data=records)}: columns in order of first appearance, missing cells NaN. */
    static Frame fromRecords(final List<?> records) {
        final Map<String, List<Object>> cols = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            final Object r = records.get(i);
            if (!(r instanceof Map)) {
                throw new InferenceException("signet infer: dataframe_records items must be dicts (item " + i
                    + " is " + io.signet.py.PyRepr.typeName(r) + ")");
            }
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) r).entrySet()) {
                final String k = String.valueOf(e.getKey());
                List<Object> col = cols.get(k);
                if (col == null) {
                    col = new ArrayList<>();
                    for (int j = 0; j < i; j++) {
                        col.add(MISSING);
                    }
                    cols.put(k, col);
                }
                col.add(e.getValue());
            }
            for (final List<Object> col : cols.values()) {
                if (col.size() < i + 1) {
                    col.add(MISSING);
                }
            }
        }
        final Frame f = new Frame();
        for (final Map.Entry<String, List<Object>> e : cols.entrySet()) {
            f.names.add(e.getKey());
            f.columns.add(e.getValue());
        }
        return f;
    }

    /** The numpy dtype kind pandas gives a column built from Python objects: 'i', 'f', 'b' or 'O'. */
    static char pandasKind(final List<Object> col) {
        if (col.isEmpty()) {
            return 'O';
        }
        boolean ints = false;
        boolean floats = false;
        boolean nones = false;
        boolean bools = false;
        for (final Object o : col) {
            if (o == null) {
                nones = true;
            } else if (o instanceof Boolean) {
                bools = true;
            } else if (o instanceof Double || o instanceof Float) {
                floats = true;
            } else if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
                ints = true;
            } else {
                return 'O'; // str, list, dict, bytes, huge ints
            }
        }
        if (bools) {
            return ints || floats || nones ? 'O' : 'b';
        }
        if (floats) {
            return 'f';
        }
        if (ints) {
            return nones ? 'f' : 'i';
        }
        return 'O'; // all None
    }
}
