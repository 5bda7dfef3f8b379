package io.signet.enforce;

import io.signet.schema.AnyType;
import io.signet.schema.ArrayType;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.Property;
import io.signet.schema.PyRepr;
import io.signet.tensor.NpScalar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * MLflow 2.17.2's {@code _enforce_type} for one value against an Array / Object / Map type (and the
 * {@code _enforce_datatype} frame for scalars), for every path: the in-process column enforcer
 * ({@link ColumnEnforcer#enforceType}) and the scoring server (its {@code _cast_schema_type} and
 * DataFrame cells). The rules and sentences live here; the caller's value model comes in through
 * {@link Values} (how its scalars are enforced, how its arrays are iterated).
 *
 * <ul>
 *   <li>Array: a list or numpy array, each element enforced as a required value;</li>
 *   <li>Object: a dict; missing required properties, then properties the type does not declare
 *       (both as sorted sets), then each value, whose failure loses its inner message
 *       ({@code Failed to enforce schema for key `x`. Expected type long, received type str});</li>
 *   <li>Map: a dict with str keys, each value enforced;</li>
 *   <li>an optional (not required) None is accepted as None.</li>
 * </ul>
 */
public final class NestedTypes {
    private NestedTypes() {
    }

    /** {@link Values#datatype}: {@code _enforce_mlflow_datatype} raised (MLflow rewords it for the scalar). */
    public static final Object REFUSED = new Object();

    /** How a path's Java values are enforced where the rules reach a scalar or iterate an array. */
    public interface Values {
        /**
         * {@code _enforce_mlflow_datatype("", pd.Series(scalar), type)[0]}: the enforced value, or
         * {@link #REFUSED} where MLflow raises.
         */
        Object datatype(Object scalar, DataType type);

        /** The elements of a list or numpy array as {@code for x in data} yields them; null for anything else. */
        List<?> elements(Object data);

        /** {@code str(data)} as it is echoed in a sentence (a path may bound it). */
        default String echo(final Object data) {
            return PyRepr.str(data);
        }
    }

    /**
     * MLflow's {@code _enforce_type}: returns the enforced value.
     *
     * @throws SchemaEnforcementException with MLflow's sentence
     */
    public static Object enforceType(final Object data, final ColumnType type, final boolean required,
                                     final Values values) {
        if (type instanceof DataType) {
            return enforceDatatype(data, (DataType) type, required, values);
        }
        if (type instanceof ArrayType) {
            return enforceArray(data, (ArrayType) type, required, values);
        }
        if (type instanceof ObjectType) {
            return enforceObject(data, (ObjectType) type, required, values);
        }
        if (type instanceof MapType) {
            return enforceMap(data, (MapType) type, required, values);
        }
        if (type instanceof AnyType) {
            return data;
        }
        throw fail("Invalid data type: " + type.repr());
    }

    private static SchemaEnforcementException fail(final String msg) {
        return SchemaEnforcementException.invalid(msg, null);
    }

    /** {@code _enforce_datatype}: a scalar judged as the one-element Series {@code pd.Series(data)}. */
    private static Object enforceDatatype(final Object data, final DataType type, final boolean required,
                                          final Values values) {
        if (!required && data == null) {
            return null;
        }
        if (!DataTypes.isScalar(data)) {
            throw fail("Expected data to be scalar, got " + PyRepr.typeName(data));
        }
        final Object r = values.datatype(data, type);
        if (r == REFUSED) {
            // f"{data}": str() of a numpy scalar is its value's
            throw fail("Failed to enforce schema of data `" + values.echo(data instanceof NpScalar
                ? ((NpScalar) data).value() : data) + "` with dtype `" + type.mlflowName() + "`");
        }
        return r;
    }

    private static Object enforceArray(final Object data, final ArrayType arr, final boolean required,
                                       final Values values) {
        if (!required && data == null) {
            return null;
        }
        final List<?> l = values.elements(data);
        if (l == null) {
            throw fail("Expected data to be list or numpy array, got " + PyRepr.typeName(data));
        }
        final List<Object> r = new ArrayList<>(l.size());
        for (final Object x : l) {
            r.add(enforceType(x, arr.items(), true, values));
        }
        return r;
    }

    private static Object enforceObject(final Object data, final ObjectType obj, final boolean required,
                                        final Values values) {
        if (!required && data == null) {
            return null;
        }
        if (!(data instanceof Map)) {
            throw fail("Failed to enforce schema of '" + values.echo(data) + "' with type '" + obj.repr()
                + "'. Expected data to be dictionary, got " + PyRepr.typeName(data));
        }
        final Map<?, ?> m = (Map<?, ?>) data;
        final TreeSet<String> missing = new TreeSet<>();
        for (final Property p : obj.properties()) {
            if (p.required() && !m.containsKey(p.name())) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            throw fail("Missing required properties: " + setRepr(missing));
        }
        final List<Object> invalid = new ArrayList<>();
        for (final Object k : m.keySet()) {
            if (!(k instanceof String) || obj.property((String) k) == null) {
                invalid.add(k);
            }
        }
        if (!invalid.isEmpty()) {
            throw fail("Invalid properties not defined in the schema found: " + setRepr(invalid));
        }
        final Map<Object, Object> r = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            final Property p = obj.property((String) e.getKey());
            try {
                r.put(e.getKey(), enforceType(e.getValue(), p.type(), true, values));
            } catch (final SchemaEnforcementException ex) {
                final Object tn = p.type().toJson().get("type");
                throw new SchemaEnforcementException("Failed to enforce schema for key `" + e.getKey()
                    + "`. Expected type " + tn + ", received type " + PyRepr.typeName(e.getValue()), ex.code(),
                    "[" + PyRepr.repr(e.getKey()) + "]" + (ex.path() == null ? "" : ex.path()), null);
            }
        }
        return r;
    }

    private static String setRepr(final Collection<?> items) {
        final StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (final Object o : items) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(PyRepr.repr(o));
        }
        return sb.append('}').toString();
    }

    private static Object enforceMap(final Object data, final MapType map, final boolean required,
                                     final Values values) {
        if (!required && data == null) {
            return null;
        }
        if (!(data instanceof Map)) {
            throw fail("Expected data to be a dict, got " + PyRepr.typeName(data));
        }
        final Map<?, ?> m = (Map<?, ?>) data;
        for (final Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw fail("Expected all keys in the map type data are string type.");
            }
        }
        final Map<Object, Object> r = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            r.put(e.getKey(), enforceType(e.getValue(), map.values(), true, values));
        }
        return r;
    }
}
