package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.py.NdArray;
import io.signet.py.Py;
import io.signet.schema.AnyType;
import io.signet.schema.ArrayType;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.Property;
import io.signet.schema.PyRepr;
import io.signet.schema.SparkMLVector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * MLflow 2.17.2's {@code _enforce_type} for one value, the one copy, for every path:
 * <ul>
 *   <li>DataType: {@link Datatypes#scalar} (a scalar judged as a one-element Series);</li>
 *   <li>Array: a list or numpy array, each element enforced as a required value;</li>
 *   <li>Object: a dict; missing required properties, then properties the type does not declare
 *       (both as sets), then each value, whose failure loses its inner message
 *       ({@code Failed to enforce schema for key `x`. Expected type long, received type str});</li>
 *   <li>Map: a dict with str keys, each value enforced;</li>
 *   <li>an optional (not required) None is accepted as None.</li>
 * </ul>
 * Returns the enforced value; failures are {@link MlflowException}s whose {@link MlflowException#inner()}
 * locates the value inside the cell.
 */
public final class Types {
    private Types() {
    }

    /** {@code _enforce_type(data, type, required)}. */
    public static Object enforce(final Object data, final ColumnType type, final boolean required,
                                 final Profile profile) {
        if (type instanceof DataType) {
            if (!required && data == null) {
                return null;
            }
            if (!Py.isScalar(data)) {
                throw MlflowException.invalid(Sentences.expectedScalar(data));
            }
            return Datatypes.scalar(data, (DataType) type, profile);
        }
        if (type instanceof ArrayType) {
            return array(data, (ArrayType) type, required, profile);
        }
        if (type instanceof ObjectType) {
            return object(data, (ObjectType) type, required, profile);
        }
        if (type instanceof MapType) {
            return map(data, (MapType) type, required, profile);
        }
        if (type instanceof AnyType) {
            return data;
        }
        if (type instanceof SparkMLVector) {
            // MLflow's class hierarchy makes a SparkML vector an Array(double)
            return array(data, new ArrayType(DataType.DOUBLE), required, profile);
        }
        throw MlflowException.invalid(Sentences.invalidDataType(type.repr()));
    }

    /** The elements of a list or numpy array as {@code for x in data} yields them; null for anything else. */
    static List<?> elements(final Object data) {
        if (data instanceof List) {
            return (List<?>) data;
        }
        if (data instanceof NdArray && ((NdArray) data).rank() > 0) {
            return ((NdArray) data).rows();
        }
        return null;
    }

    private static Object array(final Object data, final ArrayType arr, final boolean required, final Profile profile) {
        if (!required && data == null) {
            return null;
        }
        final List<?> l = elements(data);
        if (l == null) {
            throw MlflowException.invalid(Sentences.expectedList(data));
        }
        if (profile.arrayLeavesAsOneSeries() && arr.items() instanceof DataType) {
            throw profile.notYet("arrayLeavesAsOneSeries");
        }
        final List<Object> r = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            final Object x = l.get(i);
            if (x == null && profile.optionalReachesNested()) {
                throw profile.notYet("optionalReachesNested");
            }
            r.add(enforce(x, arr.items(), true, profile));
        }
        return r;
    }

    private static Object object(final Object data, final ObjectType obj, final boolean required,
                                 final Profile profile) {
        if (!required && data == null) {
            return null;
        }
        if (!(data instanceof Map)) {
            throw MlflowException.invalid(Sentences.expectedDict(data, obj.repr()));
        }
        final Map<?, ?> m = (Map<?, ?>) data;
        final TreeSet<String> missing = new TreeSet<>();
        for (final Property p : obj.properties()) {
            if (p.required() && !m.containsKey(p.name())) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            throw MlflowException.invalid(Sentences.missingProperties(missing));
        }
        final List<Object> invalid = new ArrayList<>();
        for (final Object k : m.keySet()) {
            if (!(k instanceof String) || obj.property((String) k) == null) {
                invalid.add(k);
            }
        }
        if (!invalid.isEmpty()) {
            throw MlflowException.invalid(Sentences.invalidProperties(invalid));
        }
        final Map<Object, Object> r = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            final Property p = obj.property((String) e.getKey());
            if (e.getValue() == null && !p.required() && profile.optionalReachesNested()) {
                throw profile.notYet("optionalReachesNested");
            }
            try {
                r.put(e.getKey(), enforce(e.getValue(), p.type(), true, profile));
            } catch (final MlflowException ex) {
                throw MlflowException.invalid(Sentences.propertyFailed(e.getKey(), p.type().toJson().get("type"),
                    e.getValue())).inside("[" + PyRepr.repr(e.getKey()) + "]" + (ex.inner() == null ? "" : ex.inner()));
            }
        }
        return r;
    }

    private static Object map(final Object data, final MapType map, final boolean required, final Profile profile) {
        if (!required && data == null) {
            return null;
        }
        if (!(data instanceof Map)) {
            throw MlflowException.invalid(Sentences.expectedMap(data));
        }
        final Map<?, ?> m = (Map<?, ?>) data;
        for (final Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw MlflowException.invalid(Sentences.MAP_KEYS_NOT_STR);
            }
        }
        final Map<Object, Object> r = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() == null && profile.optionalReachesNested()) {
                throw profile.notYet("optionalReachesNested");
            }
            r.put(e.getKey(), enforce(e.getValue(), map.values(), true, profile));
        }
        return r;
    }
}
