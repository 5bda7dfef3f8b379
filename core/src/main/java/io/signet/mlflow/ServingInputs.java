package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.internal.json.Deviations;
import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.py.NdArray;
import io.signet.py.Py;
import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.py.Excerpt;
import io.signet.schema.InputSpec;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's scoring server reading the {@code inputs} and {@code instances} formats before
 * {@code predict}: {@code _cast_schema_type} ({@link #castSchemaType}), {@code convert_data_type}
 * and {@code parse_instances_data} ({@link #parseInstances}), with numpy's casts as the server
 * performs them ({@link ServingNumpy}). Failures are the server's 400s (BAD_REQUEST with a JSON
 * pointer); silent wraps and truncations are noted into the request's {@link Deviations}.
 * Immutable: one per served model.
 */
public final class ServingInputs {
    private final Schema schema;
    private final boolean strict;
    private final Limits limits;
    private final Profile profile;

    /**
     * @param schema  the model's input schema (null: none)
     * @param strict  Signet's strict mode (also refuses truncation)
     */
    public ServingInputs(final Schema schema, final boolean strict, final Limits limits, final Profile profile) {
        this.schema = schema;
        this.strict = strict;
        this.limits = limits;
        this.profile = profile;
    }

    /** MLflow's {@code _enforce_type} on parsed values; its failure as a 400 with MLflow's code. */
    Object enforceType(final Object data, final ColumnType t, final boolean required) {
        try {
            return Types.enforce(data, t, required, profile);
        } catch (MlflowException e) {
            if (e.pythonType() != null) {
                throw new io.signet.py.PyError(e.pythonType(), e.getMessage()); // numpy's own, as MLflow lets it escape
            }
            throw new PayloadException(400, e.code().name(), e.getMessage(), null, -1, -1, -1,
                io.signet.enforce.Deviation.codeOf(e.deviation()));
        }
    }

    /** {@code _cast_schema_type}. */
    public Object castSchemaType(final Object input0, final String ptr, final Deviations dev) {
        Object input = input0;
        final Map<Object, InputSpec> types = new LinkedHashMap<>();
        if (schema != null && schema.hasInputNames()) {
            for (final InputSpec s : schema.inputs()) {
                types.put(s.label(), s); // input_dict(): keyed by the name as MLflow holds it (0 is not "0")
            }
        }
        boolean wrapped = false;
        if (schema != null) {
            boolean anyDict = false;
            if (input instanceof List) {
                for (final Object x : (List<?>) input) {
                    anyDict |= x instanceof Map;
                }
            }
            if (types.size() == 1 && input instanceof List && !anyDict) {
                final Map<Object, Object> w = new LinkedHashMap<>();
                w.put(types.keySet().iterator().next(), input);
                input = w;
                wrapped = true;
            } else if (!schema.hasInputNames() && !(input instanceof List || Py.isScalar(input))) {
                throw PayloadException.badRequest("Invalid input. Failed to parse input data. This model contains an "
                    + "un-named  model signature which expects a single n-dimensional array or a single value as input, "
                    + "however, an input of type " + Py.classRepr(input) + " was found.", ptr);
            }
        }
        if (input instanceof Map) {
            final Map<Object, Object> r = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) input).entrySet()) {
                r.put(e.getKey(), convert(e.getValue(), types.get(e.getKey()),
                    wrapped ? ptr : ptr + "/" + e.getKey(), dev));
            }
            return r;
        }
        if (input instanceof List) {
            final List<?> l = (List<?>) input;
            boolean allDicts = true;
            for (final Object x : l) {
                allDicts &= x instanceof Map;
            }
            if (allDicts) {
                final List<Object> rows = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    final Map<String, Object> r = new LinkedHashMap<>();
                    for (final Map.Entry<?, ?> e : ((Map<?, ?>) l.get(i)).entrySet()) {
                        r.put((String) e.getKey(), convert(e.getValue(), types.get(e.getKey()),
                            ptr + "/" + i + "/" + e.getKey(), dev));
                    }
                    rows.add(r);
                }
                return rows;
            }
            return convert(input, schema == null ? null : schema.input(0), ptr, dev);
        }
        final InputSpec spec = schema == null ? null : schema.input(0);
        try {
            return convert(input, spec, ptr, dev);
        } catch (PayloadException e) {
            throw PayloadException.badRequest("Invalid input. Failed to convert data `"
                + Excerpt.text(PyRepr.str(input), 100) + "` to type `" + (spec == null ? "None" : spec.repr())
                + "` defined in the model signature.", ptr);
        }
    }

    /** How deep lists nest in {@code data} (a scalar is 0), counted no further than {@code cap}. */
    private static int depth(final Object data, final int cap) {
        if (!(data instanceof List) || cap == 0) {
            return 0;
        }
        int d = 0;
        for (final Object o : (List<?>) data) {
            d = Math.max(d, depth(o, cap - 1));
            if (d + 1 >= cap) {
                break;
            }
        }
        return d + 1;
    }

    /** {@code convert_data_type}. */
    Object convert(final Object data, final InputSpec spec, final String ptr, final Deviations dev) {
        if ((spec == null || spec instanceof TensorSpec) && depth(data, profile.numpyMaxDims() + 1) > profile.numpyMaxDims()) {
            // np.array refuses more dimensions than NPY_MAXDIMS (numpy 1.24: 32) before it looks at anything else
            throw PayloadException.badRequest("Invalid input. setting an array element with a sequence. The requested "
                + "array would exceed the maximum number of dimension of " + profile.numpyMaxDims() + ".", ptr);
        }
        if (spec == null) {
            return ServingNumpy.infer(data, ptr);
        }
        if (spec instanceof TensorSpec) {
            return ServingNumpy.cast(data, ((TensorSpec) spec).dtype(), ptr, strict, limits, dev,
                profile.numpyRaisesOnIntOverflow());
        }
        final ColumnType t = ((ColSpec) spec).type();
        if (t instanceof DataType) {
            final DType np = ((DataType) t).toNumpy();
            if (data instanceof List) {
                return ServingNumpy.cast(data, np, ptr, strict, limits, dev, profile.numpyRaisesOnIntOverflow());
            }
            final NdArray a = ServingNumpy.cast(java.util.Collections.singletonList(data), np, ptr, strict, limits, dev,
                profile.numpyRaisesOnIntOverflow());
            return new NpScalar(a.dtype(), a.get(0));
        }
        // M4: MLflow 3 passes the spec's required (2.17.2: always required)
        final boolean required = !profile.optionalReachesNested() || spec.required();
        try {
            if (t instanceof ArrayType) {
                final Object enforced = enforceType(data, t, required);
                return ServingNumpy.infer(enforced, ptr);
            }
            if (t instanceof ObjectType || t instanceof MapType) {
                return enforceType(data, t, required);
            }
        } catch (PayloadException e) {
            if (PayloadException.BAD_REQUEST.equals(e.errorCode())) {
                throw e;
            }
            throw PayloadException.badRequest("Invalid input. " + e.getMessage(), ptr);
        } catch (io.signet.py.PyError e) {
            throw PayloadException.badRequest("Invalid input. " + e.getMessage(), ptr); // convert_data_type: f"{ex}"
        }
        return data;
    }

    /** {@code parse_instances_data}. */
    public Object parseInstances(final Object value, final Deviations dev) {
        Object data;
        if (value instanceof List && !((List<?>) value).isEmpty() && ((List<?>) value).get(0) instanceof Map) {
            final Map<Object, InputSpec> types = new LinkedHashMap<>();
            if (schema != null && schema.hasInputNames()) {
                for (final InputSpec s : schema.inputs()) {
                    types.put(s.label(), s); // input_dict(): keyed by the name as MLflow holds it (0 is not "0")
                }
            }
            final Map<String, List<Object>> cols = new LinkedHashMap<>();
            final List<?> rows = (List<?>) value;
            for (int i = 0; i < rows.size(); i++) {
                final Object row = rows.get(i);
                if (!(row instanceof Map)) {
                    throw PayloadException.badRequest("Invalid input. Ensure that the input is a valid JSON-formatted "
                        + "string.\nError: AttributeError(\"'" + PyRepr.typeName(row)
                        + "' object has no attribute 'items'\")", "/instances/" + i);
                }
                for (final Map.Entry<?, ?> e : ((Map<?, ?>) row).entrySet()) {
                    cols.computeIfAbsent((String) e.getKey(), k -> new ArrayList<>())
                        .add(convert(e.getValue(), types.get(e.getKey()), "/instances/" + i + "/" + e.getKey(), dev));
                }
            }
            final Map<String, Object> r = new LinkedHashMap<>();
            for (final Map.Entry<String, List<Object>> e : cols.entrySet()) {
                try {
                    r.put(e.getKey(), ServingNumpy.infer(e.getValue(), "/instances"));
                } catch (PayloadException ex) {
                    throw PayloadException.badRequest("Invalid input. Ensure that the input is a valid JSON-formatted "
                        + "string.\nError: ValueError('" + ex.getMessage().replaceFirst("^Invalid input\\. ", "")
                        + "')", "/instances");
                }
            }
            data = r;
        } else {
            data = castSchemaType(value, "/instances", dev);
        }
        if (data instanceof Map) {
            final Map<?, ?> m = (Map<?, ?>) data;
            final List<Object> check = new ArrayList<>();
            for (final Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof NdArray || e.getValue() instanceof List) {
                    check.add(e.getKey());
                }
            }
            if (schema != null && schema.hasInputNames()) {
                final List<Object> keep = new ArrayList<>();
                final List<Object> required = schema.requiredInputNames();
                for (final InputSpec s : schema.inputs()) {
                    final boolean isArray = s instanceof ColSpec && ((ColSpec) s).type() instanceof ArrayType;
                    if (!isArray && required.contains(s.label()) && check.contains(s.label()) && !keep.contains(s.label())) {
                        keep.add(s.label());
                    }
                }
                check.retainAll(keep);
            }
            long expected = -1;
            for (final Object k : check) {
                final Object v = m.get(k);
                final long len = v instanceof NdArray ? ((NdArray) v).length() : ((List<?>) v).size();
                if (expected < 0) {
                    expected = len;
                } else if (len != expected) {
                    throw PayloadException.badRequest("Invalid input. The length of values for each input/column name "
                        + "are not the same", "/instances");
                }
            }
        }
        return data;
    }
}
