package io.signet.schema;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A column of a column-based schema: a type, an optional name, required or optional.
 *
 * <p>The name is held as MLflow holds it ({@link #label()}): a string, or an integer, which MLflow
 * 3.1+ writes ({@code "name": 0}) for columns inferred from a DataFrame with default labels; such a
 * column matches the integer label pandas gives a column, never the string {@code "0"}.
 * {@link #name()} is its text ({@code str(name)}).
 */
public final class ColSpec implements InputSpec {
    private final ColumnType type;
    private final Object label;
    private final boolean required;
    /** {@code required} as written: a Boolean, or null where MLflow 3 keeps None (absent or null). */
    private final Object requiredValue;

    public ColSpec(final ColumnType type, final String name, final boolean required) {
        this(type, (Object) name, required);
    }

    /**
     * A column whose name is a string or an integer ({@link Long}, {@link Integer} or
     * {@link BigInteger}); null for an unnamed column.
     */
    public ColSpec(final ColumnType type, final Object label, final boolean required) {
        this(type, label, (Object) required);
    }

    /** {@code required} as MLflow keeps it (None stays None: optional, but not {@code False}). */
    ColSpec(final ColumnType type, final Object label, final Object requiredValue) {
        this.type = Objects.requireNonNull(type, "type");
        this.label = label(label);
        this.requiredValue = requiredValue;
        this.required = truthy(requiredValue);
    }

    private static Object label(final Object v) {
        if (v == null || v instanceof String || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            final BigInteger b = (BigInteger) v;
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        throw new IllegalArgumentException("a column name is a string or an integer, not " + PyRepr.typeName(v));
    }

    static boolean truthy(final Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).signum() != 0;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof java.util.Collection) {
            return !((java.util.Collection<?>) v).isEmpty();
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        return v != null;
    }

    public ColumnType type() {
        return type;
    }

    /** The name's text ({@code str(name)}: {@code "0"} for the integer name 0), or null when unnamed. */
    @Override
    public String name() {
        return label == null ? null : label instanceof String ? (String) label : label.toString();
    }

    /** The name as MLflow holds it: a String, a Long (or BigInteger) for an integer name, or null. */
    @Override
    public Object label() {
        return label;
    }

    @Override
    public boolean required() {
        return required;
    }

    /**
     * True only where MLflow's {@code required is False} holds: the unnamed-optional refusal of
     * {@code Schema} asks exactly that, so MLflow 3's None (an absent or null {@code required}) passes it.
     */
    boolean requiredIsFalse() {
        return Boolean.FALSE.equals(requiredValue);
    }

    @Override
    public String repr() {
        final String r = type.repr() + (required ? " (required)" : " (optional)");
        return label == null ? r : PyRepr.repr(label) + ": " + r;
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> d = new LinkedHashMap<>(type.toJson());
        if (label != null) {
            d.put("name", label);
        }
        d.put("required", requiredValue instanceof Boolean || requiredValue == null ? requiredValue : required);
        return d;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof ColSpec)) {
            return false;
        }
        final ColSpec c = (ColSpec) o;
        return Objects.equals(label, c.label) && type.equals(c.type) && required == c.required;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, label, required);
    }

    @Override
    public String toString() {
        return repr();
    }
}
