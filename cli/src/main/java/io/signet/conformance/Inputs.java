package io.signet.conformance;

import io.signet.enforce.Profile;
import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.py.Numpy;
import io.signet.py.NumpyCast;
import io.signet.py.Pandas;
import io.signet.py.PyError;
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
    /** The numpy / pandas generation the oracle built the case with (pandas' astype differs). */
    private final Profile profile;

    private Inputs(final Profile profile) {
        this.profile = profile;
    }

    /**
     * Builds one typed description as the profile's numpy and pandas do.
     *
     * @throws IllegalArgumentException where numpy or pandas would raise while building the input
     */
    public static Object build(final Object spec, final Profile profile) {
        return new Inputs(profile).value(spec);
    }

    private Object value(final Object spec) {
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
                    r.put(x.getKey(), value(x.getValue()));
                }
                return r;
            }
            case "pairs": {
                final Map<Object, Object> r = new LinkedHashMap<>();
                for (final Object pair : (List<?>) v) {
                    final List<?> kv = (List<?>) pair;
                    r.put(value(kv.get(0)), value(kv.get(1)));
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
                return new NpScalar(d, d.kind() == DType.Kind.OBJECT ? value(m.get("value"))
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

    private List<Object> buildAll(final List<?> l) {
        final List<Object> r = new ArrayList<>(l.size());
        for (final Object x : l) {
            r.add(value(x));
        }
        return r;
    }

    /** The cells of nested data: plain lists stay lists, helpers at the leaves are built. */
    private Object leaves(final Object data) {
        if (data instanceof List) {
            final List<Object> r = new ArrayList<>(((List<?>) data).size());
            for (final Object x : (List<?>) data) {
                r.add(leaves(x));
            }
            return r;
        }
        return value(data);
    }

    private NdArray ndarray(final Map<?, ?> v) {
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
        return Numpy.full(shape, v.containsKey("fill") ? value(v.get("fill")) : (Object) 0L,
            d == null ? DType.FLOAT64 : d);
    }

    /** {@code pd.DataFrame(data, columns, dtype)}, then {@code astype} per declared column dtype. */
    private DataFrame dataframe(final Map<?, ?> v) {
        final Object raw = v.get("data");
        final Object data;
        if (raw instanceof Map) {
            final Map<Object, Object> cols = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) raw).entrySet()) {
                cols.put(e.getKey(), e.getValue() instanceof List ? leaves(e.getValue()) : value(e.getValue()));
            }
            data = cols;
        } else {
            final List<Object> rows = new ArrayList<>();
            for (final Object row : (List<?>) raw) {
                rows.add(row instanceof List ? leaves(row) : value(row));
            }
            data = rows;
        }
        final DType dtype = v.get("dtype") == null ? null : DType.parse((String) v.get("dtype"));
        final DataFrame f = Pandas.frame(data, (List<?>) v.get("columns"), dtype, profile);
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
                final Series s = astypeOrValues(Series.of(f, idx), DType.parse((String) e.getValue()));
                f.set(idx, s.dtype(), s.cells());
            }
        }
        return f;
    }

    /**
     * The oracle's {@code df[col] = df[col].astype(dt)}, and where pandas raises TypeError or ValueError its
     * fallback {@code df[col] = df[col].values.astype(dt)}: numpy's cast of the values, then the column pandas
     * makes of that array (pandas 2 holds a datetime64 / timedelta64 coarser than seconds in seconds).
     */
    private Series astypeOrValues(final Series col, final DType dt) {
        try {
            return Pandas.astype(col, dt, profile);
        } catch (final PyError e) {
            if (!"TypeError".equals(e.type()) && !"ValueError".equals(e.type())) {
                throw e;
            }
        }
        final NdArray a = Numpy.astype(NdArray.of(col.dtype(), col.cells().clone()), dt, new NpCast.Facts());
        if (profile.pandasKeepsTimeUnit() && (dt.kind() == DType.Kind.DATETIME || dt.kind() == DType.Kind.TIMEDELTA)
            && !java.util.Set.of("s", "ms", "us", "ns").contains(a.dtype().unit())) {
            final Object[] el = a.elements().clone();
            for (int i = 0; i < el.length; i++) {
                final long x = (Long) el[i];
                el[i] = x == io.signet.internal.tensor.NpDatetime.NAT ? x
                    : io.signet.internal.tensor.NpDatetime.convert(x, a.dtype().unit(), "s");
            }
            return Pandas.series(col.name(), NdArray.of(dt.kind() == DType.Kind.DATETIME ? DType.datetime64("s")
                : DType.timedelta64("s"), el));
        }
        return Pandas.series(col.name(), a);
    }

    /** {@code pd.DataFrame(series)}: one column named by the series (0 without a name). */
    private DataFrame series(final Map<?, ?> m) {
        final Object name = m.get("name") == null ? 0L : m.get("name");
        final Map<Object, Object> one = new LinkedHashMap<>();
        one.put(name, leaves(m.get("data")));
        final DataFrame f = Pandas.frame(one, null, null, profile);
        if (m.get("dtype") != null) {
            final Series s = Pandas.astype(Series.of(f, 0), DType.parse((String) m.get("dtype")), profile);
            f.set(0, s.dtype(), s.cells());
        }
        return f;
    }
}
