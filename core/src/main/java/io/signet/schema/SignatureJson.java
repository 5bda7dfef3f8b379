package io.signet.schema;

import io.signet.schema.ObjectType.Property;
import io.signet.py.PyJson;
import io.signet.py.PyRepr;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.signet.enforce.Profile;
import io.signet.tensor.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MLflow's JSON forms of signatures: {@code {"inputs": ..., "outputs": ..., "params": ...}}
 * where each part is a JSON string (as in an {@code MLmodel} file) or an already parsed list.
 * Every rule MLflow applies while building the objects is applied here with MLflow's message, as
 * the {@link Profile}'s MLflow applies it (the overloads without one read as MLflow 2.17.2 does):
 * MLflow 3 knows the {@code any} type (M1 of docs/mlflow3-rules.md), refuses the legacy
 * {@code optional} key of scalar columns (M2) and reads an absent or null {@code required} as
 * optional (M3).
 */
final class SignatureJson {
    private SignatureJson() {
    }

    /** Parses a signature from JSON text ({@code {"inputs": ...}}) as MLflow 2.17.2 reads it. */
    public static ModelSignature parse(final String json) {
        return parse(json, Profile.MLFLOW_2);
    }

    /** Parses a signature from JSON text ({@code {"inputs": ...}}) as the profile's MLflow reads it. */
    public static ModelSignature parse(final String json, final Profile profile) {
        final Object v;
        try {
            v = PyJson.loads(json);
        } catch (final JsonProcessingException e) {
            throw new SignatureException("Malformed signature JSON: " + e.getOriginalMessage() + located(e));
        }
        if (!(v instanceof Map)) {
            throw new SignatureException("A signature must be a JSON object with keys inputs, outputs and params; got "
                + PyRepr.typeName(v));
        }
        return fromDict((Map<?, ?>) v, profile);
    }

    static String located(final JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
            + e.getLocation().getColumnNr() + ")";
    }

    /** {@code ModelSignature.from_dict} of MLflow 2.17.2: each part a JSON string, a list, or absent/null. */
    public static ModelSignature fromDict(final Map<?, ?> d) {
        return fromDict(d, Profile.MLFLOW_2);
    }

    /** {@code ModelSignature.from_dict} of the profile's MLflow: each part a JSON string, a list, or absent/null. */
    public static ModelSignature fromDict(final Map<?, ?> d, final Profile profile) {
        final Object in = d.get("inputs");
        final Object out = d.get("outputs");
        final Object params = d.get("params");
        final Schema inputs = isEmpty(in) ? null : schema(asList(in, "inputs"), profile);
        final Schema outputs = isEmpty(out) ? null : schema(asList(out, "outputs"), profile);
        final ParamSchema ps = isEmpty(params) ? null : paramSchema(asList(params, "params"), profile);
        if (inputs == null && outputs == null && ps == null) {
            throw new SignatureException("At least one of inputs, outputs or params must be provided");
        }
        return new ModelSignature(inputs, outputs, ps);
    }

    /** MLflow treats a missing part, null and an empty string as absent; "[]" is parsed (and refused). */
    private static boolean isEmpty(final Object v) {
        return v == null || (v instanceof String && ((String) v).isEmpty());
    }

    private static List<?> asList(final Object v, final String what) {
        Object x = v;
        if (v instanceof String) {
            try {
                x = PyJson.loads((String) v);
            } catch (final JsonProcessingException e) {
                throw new SignatureException("Malformed JSON in signature " + what + ": " + e.getOriginalMessage()
                    + located(e));
            }
        }
        if (!(x instanceof List)) {
            throw SignatureException.invalid("Inputs of Schema must be a list, got type " + PyRepr.typeName(x));
        }
        return (List<?>) x;
    }

    /** {@code Schema.from_json} of MLflow 2.17.2. */
    public static Schema schema(final List<?> specs) {
        return schema(specs, Profile.MLFLOW_2);
    }

    /** {@code Schema.from_json} of the profile's MLflow. */
    public static Schema schema(final List<?> specs, final Profile profile) {
        final List<InputSpec> inputs = new ArrayList<>();
        for (final Object o : specs) {
            final Map<?, ?> m = asMap(o, "ColSpec");
            if (!m.containsKey("type")) {
                // MLflow's dispatcher indexes x["type"] before any check: a bare KeyError
                throw new SignatureException("KeyError: 'type'");
            }
            inputs.add("tensor".equals(m.get("type")) ? tensorSpec(m) : colSpec(m, profile));
        }
        return new Schema(inputs);
    }

    private static Map<?, ?> asMap(final Object o, final String what) {
        if (!(o instanceof Map)) {
            throw new SignatureException("Expected " + what + " JSON to be an object, got " + PyRepr.typeName(o));
        }
        return (Map<?, ?>) o;
    }

    /** {@code TensorSpec.from_json_dict}. */
    public static TensorSpec tensorSpec(final Map<?, ?> m) {
        if (!m.containsKey("tensor-spec") || !m.containsKey("type")) {
            throw new SignatureException("Missing keys in TensorSpec JSON. Expected to find keys `tensor-spec` and `type`");
        }
        final Map<?, ?> spec = asMap(m.get("tensor-spec"), "tensor-spec");
        if (!spec.containsKey("dtype") || !spec.containsKey("shape")) {
            throw new SignatureException("Missing keys in TensorSpec JSON. Expected to find keys `dtype` and `shape`");
        }
        final DType dtype;
        try {
            dtype = DType.parse(String.valueOf(spec.get("dtype")));
        } catch (final IllegalArgumentException e) {
            throw new SignatureException(e.getMessage(), "INTERNAL_ERROR", e);
        }
        final Object s = spec.get("shape");
        // MLflow keeps tuple(shape): a string becomes a tuple of its characters, any element is kept
        final List<Object> dims = new ArrayList<>();
        if (s instanceof String) {
            ((String) s).codePoints().forEach(cp -> dims.add(new String(Character.toChars(cp))));
        } else if (s instanceof List) {
            dims.addAll((List<?>) s);
        } else {
            throw new SignatureException("TypeError: '" + PyRepr.typeName(s) + "' object is not iterable");
        }
        final long[] shape = new long[dims.size()];
        boolean raw = s instanceof String;
        for (int i = 0; i < shape.length; i++) {
            final Object d = dims.get(i);
            if (d instanceof Long) {
                shape[i] = (Long) d;
            } else if (d instanceof Double && (Double) d == Math.rint((Double) d) && !Double.isInfinite((Double) d)) {
                shape[i] = (long) (double) (Double) d; // Python: 2.0 == 2, -1.0 == -1
                raw = true;
            } else if (d instanceof Boolean) {
                shape[i] = (Boolean) d ? 1 : 0; // Python: True == 1
                raw = true;
            } else {
                shape[i] = TensorSpec.UNMATCHABLE;
                raw = true;
            }
        }
        final Object name = m.get("name");
        return new TensorSpec(dtype, shape, name == null ? null : String.valueOf(name), raw ? dims : null);
    }

    /** {@code ColSpec.from_json_dict} of MLflow 2.17.2. */
    public static ColSpec colSpec(final Map<?, ?> m) {
        return colSpec(m, Profile.MLFLOW_2);
    }

    /** The column types whose ColSpec MLflow builds key by key; the others get every key as a keyword argument. */
    private static boolean builtKeyByKey(final Object type, final Profile profile) {
        return "array".equals(type) || "object".equals(type) || "map".equals(type) || "sparkml_vector".equals(type)
            || "any".equals(type) && profile.anyType();
    }

    /**
     * {@code ColSpec.from_json_dict} of the profile's MLflow. A scalar column hands every key to
     * {@code ColSpec(...)}, so a key it does not take is Python's TypeError (MLflow 3 no longer takes
     * the legacy {@code optional}); array, object, map, vector and any columns take {@code name} and
     * {@code required} and ignore the rest.
     */
    public static ColSpec colSpec(final Map<?, ?> m, final Profile profile) {
        if (!m.containsKey("type")) {
            throw new SignatureException("Missing keys in ColSpec JSON. Expected to find key `type`");
        }
        final Object type = m.get("type");
        final boolean keyByKey = builtKeyByKey(type, profile);
        if (!keyByKey) {
            refuseUnknownKeys(m, profile);
        }
        final Object name = m.get("name");
        final Object required = m.get("required");
        final Object req;
        if (m.containsKey("optional") && !profile.legacyOptionalKeyRefused()) {
            // MLflow 2.17.2 still reads it (with a FutureWarning): required = not optional
            final Object optional = m.get("optional");
            if (optional != null && required != null) {
                throw new SignatureException("Only one of `optional` and `required` can be specified. "
                    + "`optional` is deprecated, please use `required` instead.");
            }
            req = optional != null ? (Object) !ColSpec.truthy(optional) : required == null ? Boolean.TRUE : required;
        } else if (required == null && (!profile.requiredAbsentMeansOptional()
            || !keyByKey && !m.containsKey("required"))) {
            req = Boolean.TRUE; // 2.17.2: absent or null is True; 3.6: absent is True for a scalar column
        } else {
            req = required; // 3.6: null (and, for the key-by-key types, absent) stays None: optional
        }
        final ColumnType ct;
        if ("array".equals(type)) {
            ct = arrayType(m, profile);
        } else if ("object".equals(type)) {
            ct = objectType(m, profile);
        } else if ("map".equals(type)) {
            ct = mapType(m, profile);
        } else if ("sparkml_vector".equals(type)) {
            ct = ArrayType.SPARK_ML_VECTOR;
        } else if (keyByKey) {
            ct = AnyType.INSTANCE;
        } else {
            final DataType dt = type instanceof String ? DataType.byName((String) type) : null;
            if (dt == null) {
                throw new SignatureException("Unsupported type '" + PyRepr.str(type) + "', expected instance of DataType "
                    + "or one of " + DataType.namesList(true));
            }
            ct = dt;
        }
        return new ColSpec(ct, columnName(name), req);
    }

    /**
     * Python binds {@code ColSpec(**kwargs)} before running it: the first key that is not one of its
     * parameters is a TypeError. MLflow 3 dropped {@code optional} (written by MLflow 2.4-2.9), so a
     * model saved by those versions no longer loads; the message says so.
     */
    private static void refuseUnknownKeys(final Map<?, ?> m, final Profile profile) {
        for (final Object k : m.keySet()) {
            if ("type".equals(k) || "name".equals(k) || "required".equals(k)
                || "optional".equals(k) && !profile.legacyOptionalKeyRefused()) {
                continue;
            }
            final String sentence = "TypeError: ColSpec.__init__() got an unexpected keyword argument "
                + PyRepr.repr(PyRepr.str(k));
            if ("optional".equals(k)) {
                throw new SignatureException(sentence + " (the legacy ColSpec key `optional`, written by MLflow "
                    + "2.4-2.9, was removed in MLflow 3, which refuses this signature; write `required` instead)");
            }
            throw new SignatureException(sentence);
        }
    }

    /** The name as MLflow holds it: a string, or an integer (MLflow 3.1+ writes {@code "name": 0}); other values as text. */
    private static Object columnName(final Object name) {
        if (name == null || name instanceof String || name instanceof Long || name instanceof java.math.BigInteger) {
            return name;
        }
        return String.valueOf(name);
    }

    private static ColumnType nested(final Map<?, ?> m, final Profile profile) {
        return nested(m, "type", profile);
    }

    /** {@code what}: "type" for Array items and properties, "value type" for Map values (MLflow's wording). */
    private static ColumnType nested(final Map<?, ?> m, final String what, final Profile profile) {
        final Object t = m.get("type");
        if ("object".equals(t)) {
            return objectType(m, profile);
        }
        if ("array".equals(t)) {
            return arrayType(m, profile);
        }
        if ("sparkml_vector".equals(t)) {
            return ArrayType.SPARK_ML_VECTOR;
        }
        if ("map".equals(t)) {
            return mapType(m, profile);
        }
        if ("any".equals(t) && profile.anyType()) {
            return AnyType.INSTANCE;
        }
        final DataType dt = t instanceof String ? DataType.byName((String) t) : null;
        if (dt == null) {
            throw new SignatureException("Unsupported " + what + " '" + PyRepr.str(t) + "', expected instance of DataType, "
                + "Array, Object, Map or one of " + DataType.namesList(true));
        }
        return dt;
    }

    /** {@code Array.from_json_dict}. */
    static ColumnType arrayType(final Map<?, ?> m, final Profile profile) {
        if (!m.containsKey("items") || !m.containsKey("type")) {
            throw new SignatureException("Missing keys in Array JSON. Expected to find keys `items` and `type`");
        }
        if (!"array".equals(m.get("type"))) {
            throw new SignatureException("Type mismatch, Array expects `array` as the type");
        }
        if (!(m.get("items") instanceof Map)) {
            throw new SignatureException("Expected items to be a dictionary of Object JSON");
        }
        final Map<?, ?> items = (Map<?, ?>) m.get("items");
        if (!items.containsKey("type")) {
            throw new SignatureException("Missing keys in Array's items JSON. Expected to find key `type`");
        }
        return new ArrayType(nested(items, profile));
    }

    /** {@code Object.from_json_dict}. */
    static ColumnType objectType(final Map<?, ?> m, final Profile profile) {
        if (!m.containsKey("properties") || !m.containsKey("type")) {
            throw new SignatureException("Missing keys in Object JSON. Expected to find keys `properties` and `type`");
        }
        if (!"object".equals(m.get("type"))) {
            throw new SignatureException("Type mismatch, Object expects `object` as the type");
        }
        final Object p = m.get("properties");
        if (!(p instanceof Map)) {
            throw new SignatureException("Expected properties to be a dictionary of Property JSON");
        }
        for (final Object v : ((Map<?, ?>) p).values()) {
            if (!(v instanceof Map)) {
                throw new SignatureException("Expected properties to be a dictionary of Property JSON");
            }
        }
        final List<Property> props = new ArrayList<>();
        boolean vector = false;
        for (final Map.Entry<?, ?> e : ((Map<?, ?>) p).entrySet()) {
            final String name = String.valueOf(e.getKey());
            final Map<?, ?> d = new LinkedHashMap<>((Map<?, ?>) e.getValue());
            if (!d.containsKey("type")) {
                throw new SignatureException("Missing keys in Property `" + name + "`. Expected to find key `type`");
            }
            final Object req = d.containsKey("required") ? d.get("required") : Boolean.TRUE;
            if ("sparkml_vector".equals(d.get("type"))) {
                // Property.from_json_dict returns a bare SparkMLVector() here, not a Property, so the
                // Object constructor rejects the list (after its empty-list check)
                vector = true;
                continue;
            }
            props.add(new Property(name, nested(d, profile), ColSpec.truthy(req)));
        }
        if (vector) {
            throw SignatureException.invalid("Expected values to be instance of Property");
        }
        return new ObjectType(props);
    }

    /** {@code Map.from_json_dict}. */
    static ColumnType mapType(final Map<?, ?> m, final Profile profile) {
        if (!m.containsKey("values") || !m.containsKey("type")) {
            // MLflow's own (copy-pasted) wording
            throw new SignatureException("Missing keys in Array JSON. Expected to find keys `items` and `type`");
        }
        if (!"map".equals(m.get("type"))) {
            throw new SignatureException("Type mismatch, Map expects `map` as the type");
        }
        if (!(m.get("values") instanceof Map)) {
            throw new SignatureException("Expected values to be a dictionary of Object JSON");
        }
        final Map<?, ?> values = (Map<?, ?>) m.get("values");
        if (!values.containsKey("type")) {
            throw new SignatureException("Missing keys in Map's items JSON. Expected to find key `type`");
        }
        if ("sparkml_vector".equals(values.get("type"))) {
            // Map.from_json_dict returns SparkMLVector() itself for these values, not a Map of vectors
            return ArrayType.SPARK_ML_VECTOR;
        }
        return new MapType(nested(values, "value type", profile));
    }

    /** A shape entry compared with Python's ==: -1.0 is -1, True is 1; anything else matches no size. */
    private static long shapeDim(final Object o) {
        if (o instanceof Boolean) {
            return (Boolean) o ? 1 : 0;
        }
        if (o instanceof Number) {
            final double d = ((Number) o).doubleValue();
            final long l = ((Number) o).longValue();
            if (o instanceof Long || o instanceof Integer || d == (double) l) {
                return l;
            }
        }
        return Long.MIN_VALUE; // never equal to a size, so never (-1,)
    }

    /** {@code ParamSchema.from_json}. */
    public static ParamSchema paramSchema(final List<?> specs) {
        return paramSchema(specs, Profile.MLFLOW_2);
    }

    /** {@code ParamSchema.from_json} of the profile's MLflow. */
    public static ParamSchema paramSchema(final List<?> specs, final Profile profile) {
        final List<ParamSpec> ps = new ArrayList<>();
        for (final Object o : specs) {
            ps.add(paramSpec(asMap(o, "ParamSpec"), profile));
        }
        return new ParamSchema(ps);
    }

    /** {@code ParamSpec.from_json_dict} of MLflow 2.17.2. */
    public static ParamSpec paramSpec(final Map<?, ?> m) {
        return paramSpec(m, Profile.MLFLOW_2);
    }

    /** {@code ParamSpec.from_json_dict} of the profile's MLflow (MLflow 3: {@code "type": "object"}, M7). */
    public static ParamSpec paramSpec(final Map<?, ?> m, final Profile profile) {
        final boolean hasType = m.containsKey("type") || m.containsKey("dtype");
        if (!m.containsKey("name") || !hasType || !m.containsKey("default")) {
            final List<Object> keys = new ArrayList<>(m.keySet());
            throw SignatureException.invalid("Missing keys in ParamSpec JSON. Expected to find keys `name`, "
                + "`type`(or `dtype`) and `default`. Received keys: dict_keys(" + PyRepr.repr(keys) + ")");
        }
        Object t = m.get("type");
        if (t == null || "".equals(t)) {
            t = m.get("dtype");
        }
        final ColumnType type = "object".equals(t) && profile.objectParams() ? objectType(m, profile)
            : t instanceof String ? DataType.byName((String) t) : null;
        if (type == null) {
            // MLflow indexes DataType[...] directly here, so Python raises a bare KeyError
            throw new SignatureException("KeyError: " + PyRepr.repr(t));
        }
        final Object s = m.get("shape");
        long[] shape = null;
        if (s instanceof List) {
            final List<?> sl = (List<?>) s;
            shape = new long[sl.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeDim(sl.get(i));
            }
        } else if (s != null) {
            // tuple(shape): a str gives its characters, a dict its keys, a number a TypeError; never (-1,)
            throw SignatureException.invalid("Shape must be None for scalar " + (profile.objectParams()
                ? "or dictionary value, or" : "value or") + " (-1,) for 1D array value for ParamSpec "
                + PyRepr.repr(String.valueOf(m.get("name"))) + ", received " + PyRepr.str(s));
        }
        try {
            return new ParamSpec(PyRepr.str(m.get("name")), type, m.get("default"), shape, profile);
        } catch (final ArithmeticException e) {
            // Python's own error escaping the default's conversion (OverflowError: int too large to convert to float)
            throw new SignatureException(e.getMessage(), "INTERNAL_ERROR", e);
        }
    }
}
