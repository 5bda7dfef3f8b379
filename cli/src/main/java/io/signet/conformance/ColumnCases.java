package io.signet.conformance;

import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnInputs;
import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.schema.ModelSignature;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.tensor.DType;
import io.signet.tensor.NpScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process (pyfunc) path for cases whose inputs schema is column-based or absent: the
 * case's typed {@code input} is decoded into Signet's Java values (a {@link ColumnBatch} for a
 * DataFrame), enforced with {@link ColumnEnforcer}, then the params with {@link ParamsEnforcer},
 * in pyfunc's order.
 */
public final class ColumnCases {
    private ColumnCases() {
    }

    /** Runs one case in MLflow-compatible mode. */
    public static CaseResult run(final Map<String, Object> c, final ModelSignature sig) {
        return run(c, sig, Mode.MLFLOW);
    }

    /** Runs one case in the given mode. */
    public static CaseResult run(final Map<String, Object> c, final ModelSignature sig, final Mode mode) {
        final Object data;
        try {
            final Object built = build(c.get("input"));
            final long[] declared = declaredShape(c.get("input"));
            final int ndim = declared != null ? declared.length : ndim(built);
            if (ndim > 2 && sig != null && sig.inputs() != null) {
                // pd.DataFrame(ndarray) in _enforce_schema, wrapped by pyfunc's "Failed to enforce schema"
                return CaseResult.of(SchemaEnforcementException.invalid(ColumnInputs.notTwoD(
                    declared != null ? declared : shape((NdArrayList) built, ndim)), null));
            }
            data = topLevel(built);
        } catch (final RuntimeException e) {
            return CaseResult.rejected("BAD_INPUT", "the case input could not be built: " + e.getMessage(), "input");
        }
        try {
            final Schema in = sig == null ? null : sig.inputs();
            if (in != null) {
                final ColumnEnforcer enforcer = ColumnEnforcer.compile(in, mode);
                try (ColumnBatch result = enforcer.enforceInput(data)) {
                    // the converted frame is what MLflow hands to the model
                    assert result != null;
                }
            }
            final Object p = c.get("params");
            final Object params;
            if (p instanceof Map) {
                final Map<Object, Object> m = new LinkedHashMap<>();
                for (final Map.Entry<?, ?> e : ((Map<?, ?>) p).entrySet()) {
                    m.put(e.getKey(), build(e.getValue()));
                }
                params = m;
            } else {
                params = build(p);
            }
            ParamsEnforcer.compile(sig == null ? null : sig.params()).enforce(params);
            return CaseResult.accepted();
        } catch (final SchemaEnforcementException e) {
            return CaseResult.of(e);
        } finally {
            if (data instanceof ColumnBatch) {
                ((ColumnBatch) data).close();
            }
        }
    }

    // ------------------------------------------------------------------ build_input

    /** A numpy array as the column path sees it: a list (iterable, {@code ndarray} by type name). */
    static final class NdArrayList extends ArrayList<Object> implements PyRepr.PyTyped, io.signet.column.DTyped {
        private static final long serialVersionUID = 1L;
        final DType dtype;

        NdArrayList(final DType dtype) {
            this.dtype = dtype;
        }

        @Override
        public DType dtype() {
            return dtype;
        }

        @Override
        public String pyTypeName() {
            return "ndarray";
        }

        @Override
        public String pyRepr() {
            return "array(" + PyRepr.repr(new ArrayList<>(this)) + ")";
        }
    }

    /** A 0-d numpy array: not a scalar for numpy, not a list. */
    static final class NdArray0 implements PyRepr.PyTyped, io.signet.column.DTyped {
        final NpScalar value;

        NdArray0(final NpScalar value) {
            this.value = value;
        }

        @Override
        public DType dtype() {
            return value.dtype();
        }

        @Override
        public int ndim() {
            return 0;
        }

        @Override
        public Object item() {
            return value.dtype().kind() == DType.Kind.OBJECT ? value.value() : value;
        }

        @Override
        public String pyTypeName() {
            return "ndarray";
        }

        @Override
        public String pyRepr() {
            return "array(" + value.pyRepr() + ")";
        }
    }

    /** A Python tuple. */
    static final class PyTuple implements PyRepr.PyTyped {
        final List<Object> items;

        PyTuple(final List<Object> items) {
            this.items = items;
        }

        @Override
        public String pyTypeName() {
            return "tuple";
        }

        @Override
        public String pyRepr() {
            return PyRepr.repr(items).replaceFirst("^\\[", "(").replaceFirst("]$", items.size() == 1 ? ",)" : ")");
        }
    }

    /** The oracle's {@code build_input}: typed descriptions to Java values. */
    static Object build(final Object spec) {
        if (!(spec instanceof Map) || ((Map<?, ?>) spec).size() != 1) {
            return spec;
        }
        final Map.Entry<?, ?> e = ((Map<?, ?>) spec).entrySet().iterator().next();
        final String kind = String.valueOf(e.getKey());
        final Object v = e.getValue();
        switch (kind) {
            case "json":
                return v;
            case "list": {
                final List<Object> r = new ArrayList<>();
                for (final Object x : (List<?>) v) {
                    r.add(build(x));
                }
                return r;
            }
            case "tuple": {
                final List<Object> r = new ArrayList<>();
                for (final Object x : (List<?>) v) {
                    r.add(build(x));
                }
                return new PyTuple(r);
            }
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
            case "datetime":
            case "date":
            case "decimal":
                return Cells.decode(kind, v);
            case "np_scalar": {
                final Map<?, ?> m = (Map<?, ?>) v;
                final DType d = DType.parse((String) m.get("dtype"));
                return new NpScalar(d, scalarValue(m.get("value"), d));
            }
            case "ndarray":
                return ndarray((Map<?, ?>) v);
            case "object_array":
            case "ragged": {
                final NdArrayList r = new NdArrayList(DType.OBJECT);
                for (final Object x : (List<?>) v) {
                    r.add(build(x));
                }
                return r;
            }
            case "dataframe":
                return dataframe((Map<?, ?>) v);
            case "series": {
                final Map<?, ?> m = (Map<?, ?>) v;
                final List<Object> r = new ArrayList<>();
                for (final Object x : (List<?>) m.get("data")) {
                    r.add(build(x));
                }
                final ColumnBatch b = new ColumnBatch();
                final Object name = m.get("name") == null ? 0L : m.get("name");
                if (m.get("dtype") != null) {
                    b.addValues(name, DType.parse((String) m.get("dtype")), r);
                } else {
                    b.addValues(name, r);
                }
                return b;
            }
            default:
                return spec;
        }
    }

    private static Object scalarValue(final Object v, final DType d) {
        switch (d.kind()) {
            case BOOL:
                return v instanceof Boolean ? v : (Object) (((Number) v).doubleValue() != 0);
            case INT:
            case UINT:
                return v instanceof Number ? (Object) ((Number) v).longValue() : Long.parseLong(String.valueOf(v));
            case FLOAT:
                return v instanceof Number ? (Object) ((Number) v).doubleValue() : Double.parseDouble(String.valueOf(v));
            default:
                return v;
        }
    }

    private static Object ndarray(final Map<?, ?> v) {
        final DType d = v.containsKey("dtype") ? DType.parse((String) v.get("dtype")) : null;
        if (v.containsKey("data")) {
            return nd(v.get("data"), d == null ? guess(v.get("data")) : d);
        }
        final List<?> shape = (List<?>) v.get("shape");
        final Object fill = v.containsKey("fill") ? v.get("fill") : 0L;
        return full(shape, 0, fill, d == null ? DType.FLOAT64 : d);
    }

    private static DType guess(final Object data) {
        if (data instanceof List) {
            final List<Object> flat = new ArrayList<>();
            flatten(data, flat);
            return ColumnBatch.inferDtype(flat);
        }
        return ColumnBatch.inferDtype(java.util.Collections.singletonList(data));
    }

    private static void flatten(final Object data, final List<Object> out) {
        if (data instanceof List) {
            for (final Object x : (List<?>) data) {
                flatten(x, out);
            }
        } else {
            out.add(data);
        }
    }

    private static Object nd(final Object data, final DType d) {
        if (data instanceof List) {
            final NdArrayList r = new NdArrayList(d);
            for (final Object x : (List<?>) data) {
                final Object c = nd(x, d);
                final Object e = c instanceof NdArray0 ? ((NdArray0) c).value : c;
                // an object array's elements are the Python objects themselves, not numpy scalars
                r.add(d.kind() == DType.Kind.OBJECT && e instanceof NpScalar ? ((NpScalar) e).value() : e);
            }
            return r;
        }
        if (d.kind() == DType.Kind.OBJECT) {
            return new NdArray0(new NpScalar(d, build(data)));
        }
        return new NdArray0(new NpScalar(d, scalarValue(data, d)));
    }

    private static Object full(final List<?> shape, final int dim, final Object fill, final DType d) {
        if (dim == shape.size()) {
            return new NpScalar(d, scalarValue(fill, d));
        }
        final NdArrayList r = new NdArrayList(d);
        final long n = ((Number) shape.get(dim)).longValue();
        for (long i = 0; i < n; i++) {
            r.add(full(shape, dim + 1, fill, d));
        }
        return dim == 0 && shape.isEmpty() ? new NdArray0((NpScalar) r.get(0)) : r;
    }

    /** pandas' DataFrame constructor, then {@code astype} per declared column dtype. */
    private static ColumnBatch dataframe(final Map<?, ?> v) {
        final Object data = v.get("data");
        final List<?> columns = (List<?>) v.get("columns");
        final DType dtype = v.get("dtype") == null ? null : DType.parse((String) v.get("dtype"));
        ColumnBatch b;
        if (data instanceof Map) {
            final Map<Object, Object> cols = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) data).entrySet()) {
                final List<Object> col = new ArrayList<>();
                for (final Object x : (List<?>) e.getValue()) {
                    col.add(cell(build(x)));
                }
                cols.put(e.getKey(), col);
            }
            if (columns != null) {
                final Map<Object, Object> sel = new LinkedHashMap<>();
                for (final Object name : columns) {
                    sel.put(name, cols.get(name));
                }
                b = ColumnBatch.fromDict(sel, dtype);
            } else {
                b = ColumnBatch.fromDict(cols, dtype);
            }
        } else {
            final List<Object> rows = new ArrayList<>();
            for (final Object row : (List<?>) data) {
                if (row instanceof List) {
                    final List<Object> r = new ArrayList<>();
                    for (final Object x : (List<?>) row) {
                        r.add(cell(build(x)));
                    }
                    rows.add(r);
                } else {
                    rows.add(build(row));
                }
            }
            b = ColumnBatch.fromRows(rows, columns, dtype);
        }
        final Object dtypes = v.get("dtypes");
        if (dtypes instanceof Map) {
            try {
                for (final Map.Entry<?, ?> e : ((Map<?, ?>) dtypes).entrySet()) {
                    Object col = e.getKey();
                    if (b.indexOf(col) < 0 && col instanceof String && ((String) col).matches("\\d+")) {
                        col = Long.parseLong((String) col);
                    }
                    final int idx = b.indexOf(col);
                    if (idx < 0) {
                        throw new IllegalArgumentException("no column " + col);
                    }
                    b.astype(idx, DType.parse((String) e.getValue()));
                }
            } catch (final RuntimeException ex) {
                b.close();
                throw ex;
            }
        }
        return b;
    }

    /** The shape of an {@code {"ndarray": {"shape": [...]}}} input (its zero-size dims are lost once built). */
    private static long[] declaredShape(final Object spec) {
        if (spec instanceof Map && ((Map<?, ?>) spec).get("ndarray") instanceof Map) {
            final Object sh = ((Map<?, ?>) ((Map<?, ?>) spec).get("ndarray")).get("shape");
            if (sh instanceof List && !((Map<?, ?>) ((Map<?, ?>) spec).get("ndarray")).containsKey("data")) {
                final List<?> l = (List<?>) sh;
                final long[] r = new long[l.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = ((Number) l.get(i)).longValue();
                }
                return r;
            }
        }
        return null;
    }

    /** The number of dimensions of a decoded ndarray (0 for anything else). */
    private static int ndim(final Object v) {
        int n = 0;
        Object x = v;
        while (x instanceof NdArrayList) {
            n++;
            final NdArrayList a = (NdArrayList) x;
            if (a.isEmpty()) {
                break;
            }
            x = a.get(0);
        }
        return n;
    }

    private static long[] shape(final NdArrayList a, final int ndim) {
        final long[] r = new long[ndim];
        Object x = a;
        for (int i = 0; i < ndim; i++) {
            final List<?> l = (List<?>) x;
            r[i] = l.size();
            x = l.isEmpty() ? null : l.get(0);
        }
        return r;
    }

    /** {@code pd.DataFrame(ndarray)} keeps the array's dtype: a typed array becomes a typed frame. */
    private static Object topLevel(final Object data) {
        if (!(data instanceof NdArrayList) || ((NdArrayList) data).dtype.kind() == DType.Kind.OBJECT) {
            return data;
        }
        final NdArrayList a = (NdArrayList) data;
        if (a.isEmpty() || !(a.get(0) instanceof NdArrayList)) {
            final ColumnBatch b = new ColumnBatch();
            b.addValues(0L, a.dtype, a);
            return b;
        }
        final ColumnBatch b = new ColumnBatch();
        final int width = ((List<?>) a.get(0)).size();
        for (int j = 0; j < width; j++) {
            final List<Object> col = new ArrayList<>();
            for (final Object row : a) {
                final Object x = ((List<?>) row).get(j);
                col.add(x instanceof NdArrayList ? x : x);
            }
            if (col.get(0) instanceof NdArrayList) {
                b.addValues((long) j, DType.OBJECT, col);
            } else {
                b.addValues((long) j, a.dtype, col);
            }
        }
        return b;
    }

    /** A 0-d array inside a frame is an object cell; numpy scalars stay typed. */
    private static Object cell(final Object x) {
        return x;
    }
}
