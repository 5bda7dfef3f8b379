package io.signet.schema;

import io.signet.enforce.Profile;
import io.signet.tensor.DType;
import io.signet.tensor.NpDatetime;
import io.signet.tensor.NpScalar;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An inference parameter: name, type, default, and shape null (a scalar) or {@code [-1]} (a 1-D
 * list). The default is validated and converted with MLflow's rules when the spec is built, so a
 * signature MLflow refuses is refused here with the same message, as the {@link Profile}'s MLflow words
 * it: MLflow 3 also has params of an {@link ObjectType} (M7 of docs/mlflow3-rules.md) and wraps every
 * conversion error in {@code Failed to validate type and shape for {spec}, error: ...} with its own
 * inner sentences (M8); {@link #validateTypeAndShape} and {@link #enforceParamDatatype} are the one
 * rule, the profile choosing the words.
 */
public final class ParamSpec {
    private static final long[] ONE_D = {-1};

    private final String name;
    /** A {@link DataType}, or (MLflow 3) an {@link ObjectType}. */
    private final ColumnType type;
    private final Object defaultValue;
    private final long[] shape;
    private final Profile profile;

    /** A param as MLflow 2.17.2 reads it. */
    public ParamSpec(final String name, final DataType type, final Object defaultValue, final long[] shape) {
        this(name, type, defaultValue, shape, Profile.MLFLOW_2);
    }

    /**
     * A param as the profile's MLflow reads it: {@code type} a {@link DataType}, or for MLflow 3 an
     * {@link ObjectType} (its value is checked as an Object column's cell and kept as given).
     */
    public ParamSpec(final String name, final ColumnType type, final Object defaultValue, final long[] shape,
                     final Profile profile) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.shape = shape == null ? null : shape.clone();
        if (!(type instanceof DataType || type instanceof ObjectType && profile.objectParams())) {
            throw SignatureException.invalid("Unsupported param type " + type.repr() + " for MLflow "
                + profile.mlflowVersion());
        }
        if (type == DataType.BINARY) {
            throw SignatureException.invalid("Binary type is not supported for parameters, ParamSpec '" + name
                + "'has dtype 'binary'");
        }
        final String spec = repr(name, type, defaultValue, this.shape);
        this.defaultValue = validateTypeAndShape(spec, defaultValue, type, this.shape, profile);
    }

    public String name() {
        return name;
    }

    /** The DataType, or null for an object param (see {@link #dtype()}). */
    public DataType type() {
        return type instanceof DataType ? (DataType) type : null;
    }

    /** The param's type: a {@link DataType} or (MLflow 3) an {@link ObjectType}. */
    public ColumnType dtype() {
        return type;
    }

    /** Whose rules validate this param's values. */
    public Profile profile() {
        return profile;
    }

    /** The default, converted as MLflow converts it (Long, Double, Boolean, String, LocalDate(Time), List). */
    public Object defaultValue() {
        return defaultValue;
    }

    /** null for a scalar, {@code [-1]} for a 1-D list. */
    public long[] shape() {
        return shape == null ? null : shape.clone();
    }

    public boolean isScalar() {
        return shape == null;
    }

    /** {@code 'a': long (default: 1) (shape: (-1,))}. */
    public String repr() {
        return repr(name, type, defaultValue, shape);
    }

    private static String repr(final String name, final ColumnType type, final Object def, final long[] shape) {
        return PyRepr.repr(name) + ": " + type.repr() + " (default: " + PyRepr.str(def) + ")"
            + (shape == null ? "" : " (shape: " + PyRepr.shape(shape) + ")");
    }

    /** MLflow's {@code to_dict()}. */
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (type instanceof DataType) {
            m.put("type", ((DataType) type).mlflowName());
        }
        m.put("default", type == DataType.DATETIME ? isoFormat(defaultValue) : defaultValue);
        if (shape == null) {
            m.put("shape", null);
        } else {
            final List<Object> s = new ArrayList<>();
            for (final long d : shape) {
                s.add(d);
            }
            m.put("shape", s);
        }
        if (type instanceof ObjectType) {
            m.putAll(type.toJson()); // "type": "object", "properties": {...}, after name, default and shape
        }
        return m;
    }

    private static Object isoFormat(final Object v) {
        if (v instanceof List) {
            final List<Object> r = new ArrayList<>();
            for (final Object x : (List<?>) v) {
                r.add(isoFormat(x));
            }
            return r;
        }
        if (v instanceof LocalDateTime) {
            // Python's datetime.isoformat(): seconds always, microseconds as 6 digits when non-zero
            // (Java's toString drops :00 seconds and writes .123 for 123000 us)
            return PyRepr.datetimeStr((LocalDateTime) v).replace(' ', 'T');
        }
        if (v instanceof LocalDate) {
            return v.toString();
        }
        return v;
    }

    /**
     * Validates a value for this spec and returns it converted, as MLflow's
     * {@code ParamSpec.validate_param_spec} does.
     *
     * @throws SignatureException with MLflow's message
     */
    public Object validate(final Object value) {
        return validate(value, profile);
    }

    /**
     * Validates a value with the given profile's rules (the enforcer's: a spec read by one MLflow can be
     * enforced as the other does).
     *
     * @throws SignatureException with MLflow's message
     */
    public Object validate(final Object value, final Profile rules) {
        return validateTypeAndShape(repr(), value, type, shape, rules);
    }

    /** MLflow 2.17.2's {@code validate_type_and_shape}. */
    public static Object validateTypeAndShape(final String spec, final Object value, final DataType type,
                                              final long[] shape) {
        return validateTypeAndShape(spec, value, type, shape, Profile.MLFLOW_2);
    }

    /**
     * MLflow's {@code validate_type_and_shape}: the (-1,) shape check first (outside the try in 3.6), then
     * the value (a scalar, each element, or an Object param's dict); MLflow 3 wraps any failure of the
     * conversion, its own or Python's, in {@code Failed to validate type and shape for {spec}, error: {e}}.
     */
    static Object validateTypeAndShape(final String spec, final Object value, final ColumnType type,
                                       final long[] shape, final Profile profile) {
        final boolean three = profile.paramErrorsAreInvalidParameterValue();
        if (Arrays.equals(shape, ONE_D)) {
            final int ndim = ndim(value);
            if (!(value instanceof List || isArray(value)) || ndim != 1) {
                throw SignatureException.invalid("Value must be a 1D array with shape (-1,) for param " + spec
                    + ", received " + PyRepr.typeName(value) + " with ndim " + ndim);
            }
        } else if (shape != null) {
            throw SignatureException.invalid(three ? "Shape must be None for scalar or dictionary value, or (-1,) for "
                + "1D array value for ParamSpec " + spec + "), received " + PyRepr.shape(shape)
                : "Shape must be None for scalar value or (-1,) for 1D array value for ParamSpec " + spec + "), received "
                + PyRepr.shape(shape));
        }
        try {
            if (shape == null) {
                if (type instanceof ObjectType) {
                    // _enforce_object(deepcopy(value), obj): checked, and the value handed on as given
                    io.signet.mlflow.Params.enforceObject(value, (ObjectType) type, profile);
                    return value;
                }
                return enforceParamDatatype(spec + " with shape None", value, type, profile);
            }
            final List<Object> r = new ArrayList<>();
            for (final Object v : (Iterable<?>) value) {
                r.add(enforceParamDatatype(spec + " internal values", v, type, profile));
            }
            return Collections.unmodifiableList(r);
        } catch (final RuntimeException e) {
            if (!three) {
                throw e;
            }
            throw SignatureException.invalid("Failed to validate type and shape for " + spec + ", error: "
                + e.getMessage());
        }
    }

    /** A numpy array of the value model (iterable over its rows). */
    private static boolean isArray(final Object v) {
        return v instanceof io.signet.tensor.NdArray && v instanceof Iterable;
    }

    /** numpy's {@code np.array(value).ndim} for plain values: nested equal-length lists add dimensions. */
    static int ndim(final Object value) {
        if (value instanceof io.signet.tensor.NdArray) {
            return ((io.signet.tensor.NdArray) value).rank();
        }
        if (!(value instanceof List)) {
            return 0;
        }
        final List<?> l = (List<?>) value;
        if (l.isEmpty()) {
            return 1;
        }
        int inner = -1;
        int len = -1;
        for (final Object x : l) {
            final int d = ndim(x);
            final int n = x instanceof List ? ((List<?>) x).size()
                : x instanceof io.signet.tensor.NdArray && ((io.signet.tensor.NdArray) x).rank() > 0
                ? (int) ((io.signet.tensor.NdArray) x).dim(0) : -1;
            if (inner == -1) {
                inner = d;
                len = n;
            } else if (inner != d || len != n) {
                return 1; // ragged: numpy makes a 1-D object array
            }
        }
        return 1 + inner;
    }

    /** MLflow 2.17.2's {@code ParamSpec.enforce_param_datatype}: the allowed conversions and their messages. */
    public static Object enforceParamDatatype(final String name, final Object value, final DataType type) {
        return enforceParamDatatype(name, value, type, Profile.MLFLOW_2);
    }

    /**
     * {@code enforce_param_datatype} (2.17.2) / {@code _enforce_param_datatype} (3.6): the same
     * conversions, each version's sentences ({@link Words}). An Object type given element-wise (shape
     * (-1,)) is not a scalar type: MLflow 3 says its value must be a scalar.
     */
    static Object enforceParamDatatype(final String name, final Object value, final ColumnType ctype,
                                       final Profile profile) {
        final Words w = new Words(name, profile);
        if (value == null) {
            return null;
        }
        if (ctype == DataType.DATETIME) {
            return toDatetime(w, value);
        }
        if (!isScalar(value) || !(ctype instanceof DataType)) {
            throw SignatureException.invalid(w.notScalar(value, ctype));
        }
        final DataType type = (DataType) ctype;
        if (is(type, value)) {
            return toPython(type, value);
        }
        if ((is(DataType.INTEGER, value) && (type == DataType.LONG || type == DataType.FLOAT || type == DataType.DOUBLE))
            || (is(DataType.LONG, value) && (type == DataType.FLOAT || type == DataType.DOUBLE))
            || (is(DataType.FLOAT, value) && type == DataType.DOUBLE)) {
            return toPython(type, value);
        }
        throw SignatureException.invalid(w.incompatible(value, type));
    }

    /** Each version's sentences of {@code enforce_param_datatype} (values quoted through {@link Excerpt}). */
    private static final class Words {
        private final String name;
        private final boolean three;

        Words(final String name, final Profile profile) {
            this.name = name;
            this.three = profile.paramErrorsAreInvalidParameterValue();
        }

        String notScalar(final Object value, final ColumnType type) {
            return three ? "Value must be a scalar for type `" + typeStr(type) + "`, got `" + Excerpt.str(value) + "`"
                : "Value should be a scalar for param " + name + ", got " + Excerpt.str(value);
        }

        String incompatible(final Object value, final DataType type) {
            return three ? "Can not safely convert `" + classRepr(value) + "` to `" + type.str() + "` for value `"
                + Excerpt.str(value) + "`"
                : "Incompatible types for param " + name + ". Can not safely convert " + PyRepr.typeName(value) + " to "
                + type.str() + ".";
        }

        String notADatetime(final Object value) {
            return three ? "Failed to convert value to `DataType.datetime`. It must be convertible to "
                + "datetime.date/datetime, got `" + Excerpt.str(value) + "`"
                : "Invalid value for param " + name + ", it should be convertible to datetime.date/datetime, got "
                + Excerpt.str(value);
        }

        String failedDatetime(final Object value) {
            return three ? "Failed to convert value `" + Excerpt.str(value) + "` from type `" + classRepr(value)
                + "` to `DataType.datetime`"
                : "Failed to convert value " + Excerpt.str(value) + " from type " + PyRepr.typeName(value)
                + " to DataType.datetime for param " + name;
        }

        private static String typeStr(final ColumnType t) {
            return t instanceof DataType ? ((DataType) t).str() : t.repr();
        }
    }

    /** {@code str(type(v))}: {@code <class 'str'>}, {@code <class 'numpy.float64'>}. */
    static String classRepr(final Object v) {
        final String n = v instanceof NpScalar ? "numpy." + ((NpScalar) v).pyTypeName()
            : v instanceof io.signet.tensor.NdArray ? "numpy.ndarray" : v instanceof LocalDateTime ? "datetime.datetime"
            : v instanceof LocalDate ? "datetime.date" : PyRepr.typeName(v);
        return "<class '" + n + "'>";
    }

    private static Object toDatetime(final Words w, final Object value) {
        if (value instanceof LocalDateTime || value instanceof LocalDate) {
            return value;
        }
        if (value instanceof NpScalar && ((NpScalar) value).dtype().kind() == DType.Kind.DATETIME
            && ((NpScalar) value).value() instanceof Long) {
            // a numpy datetime64 scalar: np.datetime64(value).item()
            final NpScalar s = (NpScalar) value;
            final Object item = NpDatetime.of((Long) s.value(), s.dtype().unit()).item();
            if (item == null || item instanceof LocalDateTime || item instanceof LocalDate) {
                return item;
            }
            throw SignatureException.invalid(w.notADatetime(value));
        }
        if (value instanceof NpScalar && ((NpScalar) value).value() instanceof String) {
            // a numpy str_ element (of an ndarray param): np.datetime64(value) parses it like a str
            final Object item;
            try {
                item = NpDatetime.parse((String) ((NpScalar) value).value()).item();
            } catch (final IllegalArgumentException | ArithmeticException e) {
                throw failedDatetime(w, value, e);
            }
            if (item == null || item instanceof LocalDateTime || item instanceof LocalDate) {
                return item; // NaT's item() is None
            }
            throw SignatureException.invalid(w.notADatetime(value));
        }
        final byte[] raw = value instanceof byte[] ? (byte[]) value
            : value instanceof NpScalar && ((NpScalar) value).value() instanceof byte[] ? (byte[]) ((NpScalar) value).value()
            : null;
        if (value instanceof String || raw != null) {
            final Object item;
            try {
                // np.datetime64(b'2020') reads bytes as ASCII text
                final String text = raw == null ? (String) value : ascii(raw);
                item = NpDatetime.parse(text).item();
            } catch (final IllegalArgumentException | ArithmeticException e) {
                throw failedDatetime(w, value, e);
            }
            if (item instanceof Long) {
                throw SignatureException.invalid(w.notADatetime(value));
            }
            return item;
        }
        throw failedDatetime(w, value, null);
    }

    private static String ascii(final byte[] b) {
        for (final byte x : b) {
            if (x < 0) {
                throw new IllegalArgumentException("non-ASCII bytes");
            }
        }
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static SignatureException failedDatetime(final Words w, final Object value, final Throwable cause) {
        return new SignatureException(w.failedDatetime(value), "INVALID_PARAMETER_VALUE", cause);
    }

    /** {@code np.isscalar}: numbers, str, bytes, bool and numpy scalars; not None, lists, dicts or datetimes. */
    static boolean isScalar(final Object v) {
        return v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof byte[]
            || v instanceof NpScalar;
    }

    /** MLflow's {@code DataType.is_<type>(value)}: the Python type must be one of the type's own. */
    static boolean is(final DataType type, final Object v) {
        if (v instanceof NpScalar) {
            final DType d = ((NpScalar) v).dtype();
            switch (type) {
                case BOOLEAN:
                    return d.kind() == DType.Kind.BOOL;
                case INTEGER:
                    return d.equals(DType.INT32);
                case LONG:
                    return d.equals(DType.INT64);
                case FLOAT:
                    return d.equals(DType.FLOAT32);
                case DOUBLE:
                    return d.equals(DType.FLOAT64);
                case STRING:
                    return d.kind() == DType.Kind.STR;
                case BINARY:
                    return d.kind() == DType.Kind.BYTES;
                case DATETIME:
                    return d.kind() == DType.Kind.DATETIME;
                default:
                    return false;
            }
        }
        switch (type) {
            case BOOLEAN:
                return v instanceof Boolean;
            case INTEGER:
            case LONG:
                return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                    || v instanceof BigInteger;
            case FLOAT:
            case DOUBLE:
                return v instanceof Double || v instanceof Float;
            case STRING:
                return v instanceof String;
            case BINARY:
                return v instanceof byte[];
            case DATETIME:
                return v instanceof LocalDateTime || v instanceof LocalDate;
            default:
                return false;
        }
    }

    private static Object toPython(final DataType type, final Object v0) {
        final Object v = v0 instanceof NpScalar ? ((NpScalar) v0).value() : v0;
        switch (type) {
            case BOOLEAN:
                return v instanceof Boolean ? v : (Object) (((Number) v).doubleValue() != 0);
            case INTEGER:
            case LONG:
                if (v instanceof BigInteger) {
                    return v;
                }
                return ((Number) v).longValue();
            case FLOAT:
            case DOUBLE: {
                final double d = ((Number) v).doubleValue();
                if (Double.isInfinite(d) && v instanceof BigInteger) {
                    // Python's float(int) rounds correctly and raises where the result overflows, as
                    // BigInteger.doubleValue() turns infinite: not an MlflowException (m3-M8-double-huge-int)
                    throw new ArithmeticException("OverflowError: int too large to convert to float");
                }
                return d;
            }
            default:
                return v;
        }
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof ParamSpec)) {
            return false;
        }
        final ParamSpec p = (ParamSpec) o;
        return name.equals(p.name) && type == p.type && Objects.equals(defaultValue, p.defaultValue)
            && Arrays.equals(shape, p.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, defaultValue) * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return repr();
    }

    static boolean isCollection(final Object v) {
        return v instanceof Collection || v instanceof Map;
    }
}
