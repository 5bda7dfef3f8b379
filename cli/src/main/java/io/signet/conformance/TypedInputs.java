package io.signet.conformance;

import io.signet.py.NdArray;
import io.signet.py.Numpy;
import io.signet.py.NumpyCast;
import io.signet.tensor.DType;
import io.signet.tensor.NpScalar;
import io.signet.tensor.TensorArena;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the corpus' typed in-process inputs ({@code {"ndarray": ...}}, {@code {"ragged": [...]}},
 * {@code {"object_array": [...]}}, {@code {"dict": ...}}, {@code {"list": ...}}, {@code {"json": ...}},
 * cell helpers, and {@code {"dataframe": ...}}) into the Java value model: numpy arrays become
 * {@link NdArray}s (fixed-width ones in memory), DataFrames a {@link CaseFrame}.
 * Mirrors {@code build_input} of the MLflow oracle.
 */
public final class TypedInputs {
    private TypedInputs() {
    }

    /**
     * Decodes one typed description (anything else is returned as it is).
     *
     * @param arena memory for arrays; null for the heap
     * @throws IllegalArgumentException where numpy/pandas would raise while building the input
     */
    public static Object decode(final Object spec, final TensorArena arena) {
        if (!(spec instanceof Map) || ((Map<?, ?>) spec).size() != 1) {
            return spec;
        }
        final Map.Entry<?, ?> e = ((Map<?, ?>) spec).entrySet().iterator().next();
        final String kind = String.valueOf(e.getKey());
        final Object v = e.getValue();
        switch (kind) {
            case "ndarray": {
                final Map<?, ?> m = (Map<?, ?>) v;
                final DType dt = m.get("dtype") == null ? null : DType.parse((String) m.get("dtype"));
                if (m.containsKey("data")) {
                    final Object data = m.get("data");
                    return Numpy.inMemory(dt == null ? Numpy.array(data)
                        : Numpy.array(data, dt, new NumpyCast.Facts()), arena);
                }
                final List<?> sh = (List<?>) m.get("shape");
                final long[] shape = new long[sh.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = ((Number) sh.get(i)).longValue();
                }
                final Object fill = m.containsKey("fill") ? m.get("fill") : (Object) 0L;
                return Numpy.inMemory(Numpy.full(shape, fill, dt), arena);
            }
            case "ragged":
            case "object_array": {
                final List<?> l = (List<?>) v;
                final Object[] el = new Object[l.size()];
                for (int i = 0; i < el.length; i++) {
                    el[i] = decode(l.get(i), arena);
                }
                return NdArray.objects(el);
            }
            case "dict": {
                final Map<String, Object> out = new LinkedHashMap<>();
                for (final Map.Entry<?, ?> x : ((Map<?, ?>) v).entrySet()) {
                    out.put(String.valueOf(x.getKey()), decode(x.getValue(), arena));
                }
                return out;
            }
            case "list":
            case "tuple": {
                final List<Object> out = new ArrayList<>();
                for (final Object x : (List<?>) v) {
                    out.add(decode(x, arena));
                }
                return out;
            }
            case "series": {
                // _enforce_schema turns a Series into pd.DataFrame(series): one column, named by the Series
                final Map<?, ?> m = (Map<?, ?>) v;
                final String name = m.get("name") == null ? "0" : String.valueOf(m.get("name"));
                final Map<String, Object> frame = new LinkedHashMap<>();
                frame.put("data", java.util.Collections.singletonMap(name, m.get("data")));
                if (m.get("dtype") != null) {
                    frame.put("dtypes", java.util.Collections.singletonMap(name, m.get("dtype")));
                }
                return CaseFrame.of(frame, arena);
            }
            case "json":
                return v;
            case "bytes_b64":
            case "datetime":
            case "date":
            case "decimal":
                return Cells.decode(kind, v);
            case "np_scalar": {
                final Map<?, ?> m = (Map<?, ?>) v;
                final DType dt = DType.parse((String) m.get("dtype"));
                return new NpScalar(dt, dt.kind() == DType.Kind.OBJECT ? m.get("value")
                    : NumpyCast.cast(m.get("value"), dt, new NumpyCast.Facts()));
            }
            case "dataframe":
                return CaseFrame.of((Map<?, ?>) v, arena);
            default:
                return spec;
        }
    }
}
