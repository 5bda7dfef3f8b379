package io.signet.conformance;

import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.py.Numpy;
import io.signet.py.NumpyCast;
import io.signet.py.Pandas;
import io.signet.py.PyTuple;
import io.signet.py.Series;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.tensor.NpCast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus' typed in-process inputs as values of the one value model ({@code io.signet.py}), the
 * way the MLflow oracle's {@code build_input} builds them with numpy and pandas:
 * {@code {"ndarray": {...}}} is {@code np.array(data, dtype)} or {@code np.full(shape, fill, dtype)},
 * {@code {"dataframe": {...}}} is {@code pd.DataFrame(data, columns, dtype)} then {@code astype} per
 * {@code dtypes}, {@code {"series": ...}} a one-column frame, {@code {"object_array": [...]}} /
 * {@code {"ragged": [...]}} a 1-D object array, {@code {"np_scalar": ...}}, {@code {"tuple": ...}},
 * {@code {"dict": ...}}, {@code {"pairs": ...}}, {@code {"list": ...}}, {@code {"json": ...}} and the cell
 * helpers ({@code bytes_b64}, {@code datetime}, {@code date}, {@code decimal}). Anything else is itself.
 */
public final class Inputs {
    private Inputs() {
    }

    /**
     * Builds one typed description.
     *
     * @throws IllegalArgumentException where numpy or pandas would raise while building the input
     */
    public static Object build(final Object spec) {
        if (!(spec instanceof Map) || ((Map<?, ?>) spec).size() != 1) {
            return spec;
        }
        final Map.Entry<?, ?> e = ((Map<?, ?>) spec).entrySet().iterator().next();
        final String kind = String.valueOf(e.getKey());
        final Object v = e.getValue();
        switch (kind) {
            case "json":
                return v;
            case "list":
                return buildAll((List<?>) v);
            case "tuple":
                return new PyTuple(buildAll((List<?>) v));
            case "dict": {
                final Map<Object, Object> r = new LinkedHashMap<>();
                for (final Map.Entry<?, ?> x : ((Map<?, ?>) v).entrySet()) {
                    r.put(x.getKey(), build(x.getValue()));
                }
                return r;
            }
            case "pairs": {
                final Map<Object, Object> r = new LinkedHashMap<>();
                for (final Object pair : (List<?>) v) {
                    final List<?> kv = (List<?>) pair;
                    r.put(build(kv.get(0)), build(kv.get(1)));
                }
                return r;
            }
            case "bytes_b64":
                return Base64.getDecoder().decode((String) v);
            case "datetime": {
                // an offset makes it a timezone-aware datetime object
                final String text = (String) v;
                return text.length() > 19 && text.matches(".*([+-]\\d\\d:\\d\\d|Z)$") ? java.time.OffsetDateTime.parse(text)
                    : LocalDateTime.parse(text);
            }
            case "date":
                return LocalDate.parse((String) v);
            case "decimal":
                return new BigDecimal((String) v);
            case "np_scalar": {
                final Map<?, ?> m = (Map<?, ?>) v;
                final DType d = DType.parse((String) m.get("dtype"));
                if (d.kind() == DType.Kind.DATETIME && m.get("value") instanceof String) {
                    // np.dtype('datetime64[ns]').type is np.datetime64: the string's own unit, not the dtype's
                    final io.signet.internal.tensor.NpDatetime t = io.signet.internal.tensor.NpDatetime.parse((String) m.get("value"));
                    return new NpScalar(DType.datetime64(t.isNat() ? d.unit() : t.unit), t.value);
                }
                return new NpScalar(d, d.kind() == DType.Kind.OBJECT ? build(m.get("value"))
                    : NumpyCast.cast(m.get("value"), d, new NpCast.Facts()));
            }
            case "ndarray":
                return ndarray((Map<?, ?>) v);
            case "object_array":
            case "ragged":
                return NdArray.objects(buildAll((List<?>) v).toArray());
            case "dataframe":
                return dataframe((Map<?, ?>) v);
            case "series":
                return series((Map<?, ?>) v);
            default:
                return spec;
        }
    }

    private static List<Object> buildAll(final List<?> l) {
        final List<Object> r = new ArrayList<>(l.size());
        for (final Object x : l) {
            r.add(build(x));
        }
        return r;
    }

    /** The cells of nested data: plain lists stay lists, helpers at the leaves are built. */
    private static Object leaves(final Object data) {
        if (data instanceof List) {
            final List<Object> r = new ArrayList<>(((List<?>) data).size());
            for (final Object x : (List<?>) data) {
                r.add(leaves(x));
            }
            return r;
        }
        return build(data);
    }

    private static NdArray ndarray(final Map<?, ?> v) {
        final DType d = v.get("dtype") == null ? null : DType.parse((String) v.get("dtype"));
        if (v.containsKey("data")) {
            final Object data = leaves(v.get("data"));
            return d == null ? Numpy.array(data) : Numpy.array(data, d, new NpCast.Facts());
        }
        final List<?> sh = (List<?>) v.get("shape");
        final long[] shape = new long[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = ((Number) sh.get(i)).longValue();
        }
        return Numpy.full(shape, v.containsKey("fill") ? build(v.get("fill")) : (Object) 0L,
            d == null ? DType.FLOAT64 : d);
    }

    /** {@code pd.DataFrame(data, columns, dtype)}, then {@code astype} per declared column dtype. */
    private static DataFrame dataframe(final Map<?, ?> v) {
        final Object raw = v.get("data");
        final Object data;
        if (raw instanceof Map) {
            final Map<Object, Object> cols = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
                cols.put(e.getKey(), e.getValue() instanceof List ? leaves(e.getValue()) : build(e.getValue()));
            }
            data = cols;
        } else {
            final List<Object> rows = new ArrayList<>();
            for (final Object row : (List<?>) raw) {
                rows.add(row instanceof List ? leaves(row) : build(row));
            }
            data = rows;
        }
        final DType dtype = v.get("dtype") == null ? null : DType.parse((String) v.get("dtype"));
        final DataFrame f = Pandas.frame(data, (List<?>) v.get("columns"), dtype);
        final Object dtypes = v.get("dtypes");
        if (dtypes instanceof Map) {
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) dtypes).entrySet()) {
                Object col = e.getKey();
                if (f.indexOf(col) < 0 && col instanceof String && ((String) col).matches("\\d+")) {
                    col = Long.parseLong((String) col);
                }
                final int idx = f.indexOf(col);
                if (idx < 0) {
                    throw new IllegalArgumentException("no column " + col);
                }
                final Series s = Pandas.astype(Series.of(f, idx), DType.parse((String) e.getValue()));
                f.set(idx, s.dtype(), s.cells());
            }
        }
        return f;
    }

    /** {@code pd.DataFrame(series)}: one column named by the series (0 without a name). */
    private static DataFrame series(final Map<?, ?> m) {
        final Object name = m.get("name") == null ? 0L : m.get("name");
        final Map<Object, Object> one = new LinkedHashMap<>();
        one.put(name, leaves(m.get("data")));
        final DataFrame f = Pandas.frame(one, null, null);
        if (m.get("dtype") != null) {
            final Series s = Pandas.astype(Series.of(f, 0), DType.parse((String) m.get("dtype")));
            f.set(0, s.dtype(), s.cells());
        }
        return f;
    }
}
